// The tool's Redis sessions store against redis-benchmark, 50 in flight each, side by side.
//
// What compares with what. redis-benchmark's GET and SET are one command on one small string key. The
// sessions role's closest analogues are heavier on the server as well as in the client:
//   read  GET → getSession: MULTI + HGETALL session + HGETALL cart + EXEC, one round trip, parsed into a Session;
//   write SET → startSession: EVALSHA of a script doing DEL (2 keys), TIME, HSET, PEXPIRE — like SET, it
//               creates or replaces a value with an expiry (addToCart is an HINCRBY on an existing cart, closer
//               to INCRBY than to SET).
// So each table has four rows that split the gap: the role through instrumentRole (the tool's real path, what
// the goal is about), the same role without the wrapper (the wrapper's cost is the difference), a raw ioredis
// GET/SET loop (the driver's cost against redis-benchmark's C client), and redis-benchmark itself.
// One more difference that is the tool's real configuration, not a flaw of the comparison: redis-benchmark -c 50
// opens 50 connections with one request each in flight, while the store's single ioredis connection carries all
// 50 (queued back to back on one socket), so raw ioredis can beat redis-benchmark on the same commands.
//
// Usage: bench/run.sh redis-vs-redis-benchmark [--seconds N] [--rounds R]
//   N seconds per loop (default 10); R rounds of every loop and the peer, back to back (default 1), medians shown.
import type { Redis } from 'ioredis';
import { initHistograms } from '../src/metrics/histogram.js';
import { LOCAL_URLS, engineUrlVariable } from '../src/provision/local-endpoints.js';
import type { SessionsRole } from '../src/roles.js';
import { connectRedis } from '../src/stores/redis/connect.js';
import { storeFactory } from '../src/stores/registry.js';
import { WARMUP_SECONDS, closedLoop, runRotated, type LoopResult } from './closed-loop.js';
import { comparisonTable, medianOfRounds, numberArgument, verdict, type Measurement } from './comparison.js';
import { instrumented } from './instrumented.js';
import { captureNumber, runCommand } from './peer.js';

const IN_FLIGHT = 50;
const NAMESPACE = 'bench';
/** Sessions the read loop cycles through, each with a three-line cart, and the write loop replaces. */
const SESSIONS = 10_000;
const CART_LINES = 3;
const TTL_SECONDS = 3600;
/** redis-benchmark's default value: 3 bytes (-d 3). */
const RAW_VALUE = 'xxx';
/** The one key redis-benchmark -t get,set uses without -r; deleted afterwards, refused if it already exists. */
const PEER_KEY = 'key:__rand_int__';

async function prepareSessions(sessions: SessionsRole): Promise<void> {
  for (let start = 0; start < SESSIONS; start += IN_FLIGHT) {
    const batch = Array.from({ length: Math.min(IN_FLIGHT, SESSIONS - start) }, (_, i) => start + i);
    await Promise.all(
      batch.map(async (n) => {
        await sessions.startSession({ id: `r${n}`, userId: (n % 1000) + 1 }, TTL_SECONDS);
        for (let line = 1; line <= CART_LINES; line++) {
          await sessions.addToCart(`r${n}`, { productId: ((n * 7 + line) % 500) + 1, quantity: line });
        }
      }),
    );
  }
}

function measurement(loop: LoopResult): Measurement {
  return { label: loop.label, opsPerSec: loop.opsPerSec, p50: loop.p50, p99: loop.p99 };
}

/** redis-benchmark's figures for one test ("SET", "GET"): the last summary line (-q prints progress first). */
function peerFigure(output: string, test: string): Measurement {
  const lines = output
    .split(/[\r\n]+/)
    .filter((line) => line.startsWith(`${test}: `) && line.includes('per second'));
  const line = lines.at(-1) ?? '';
  const rps = captureNumber(line, /([\d.]+) requests per second/, `${test} requests per second`);
  const p50 = /p50=([\d.]+) msec/.exec(line)?.[1];
  return {
    label: `redis-benchmark ${test}`,
    opsPerSec: rps,
    p50: p50 ? Number(p50) * 1000 : null,
    p99: null,
  };
}

async function runPeer(
  raw: Redis,
  url: URL,
  requests: number,
): Promise<{ set: Measurement; get: Measurement }> {
  if ((await raw.exists(PEER_KEY)) > 0) {
    throw new Error(`redis key ${PEER_KEY} exists already: redis-benchmark would overwrite it; not running`);
  }
  const args = [
    '-h',
    url.hostname,
    '-p',
    url.port || '6379',
    '-c',
    String(IN_FLIGHT),
    '-n',
    String(requests),
  ];
  if (url.password) args.push('-a', decodeURIComponent(url.password), '--no-auth-warning');
  try {
    const output = await runCommand('redis-benchmark', [...args, '-t', 'get,set', '-q']);
    return { set: peerFigure(output, 'SET'), get: peerFigure(output, 'GET') };
  } finally {
    await raw.del(PEER_KEY);
  }
}

interface Loops {
  /** The tool's path (instrumented role), the bare role, raw ioredis — write then read. */
  write: LoopResult[];
  read: LoopResult[];
}

type Loop = (label: string, call: (n: number) => Promise<unknown>, method?: string) => Promise<LoopResult>;

async function ourLoops(
  loop: Loop,
  ours: SessionsRole,
  plain: SessionsRole,
  raw: Redis,
  round: number,
): Promise<Loops> {
  const start = (n: number) => ({ id: `w${n % SESSIONS}`, userId: (n % 1000) + 1 });
  const rawKey = (n: number) => `${NAMESPACE}:raw:${n % SESSIONS}`;
  // Writes first, on their own sessions (w…), so the carts the read loop reads stay as prepared.
  const write = await runRotated(
    [
      () => loop('startSession, tool path', (n) => ours.startSession(start(n), TTL_SECONDS), 'startSession'),
      () => loop('startSession, no wrapper', (n) => plain.startSession(start(n), TTL_SECONDS)),
      () => loop('SET, raw ioredis', (n) => raw.set(rawKey(n), RAW_VALUE)),
    ],
    round,
  );
  const read = await runRotated(
    [
      () => loop('getSession, tool path', (n) => ours.getSession(`r${n % SESSIONS}`), 'getSession'),
      () => loop('getSession, no wrapper', (n) => plain.getSession(`r${n % SESSIONS}`)),
      () => loop('GET, raw ioredis', (n) => raw.get(rawKey(n))),
    ],
    round,
  );
  return { write, read };
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  const seconds = numberArgument(argv, 'seconds', 10);
  const rounds = numberArgument(argv, 'rounds', 1);
  const url = process.env[engineUrlVariable('redis')] ?? LOCAL_URLS.redis!;
  await initHistograms();
  const store = await (await storeFactory('redis')).create({ url, settings: { namespace: NAMESPACE } });
  const raw = await connectRedis(url, url);
  const wrapped = instrumented('sessions', 'redis', store.roles.sessions!);
  try {
    const plain = store.roles.sessions!;
    console.error(
      `redis ${store.info.version} at ${store.info.address}: ${IN_FLIGHT} in flight, ${seconds} s per loop, ` +
        `${rounds} round(s)`,
    );
    await prepareSessions(plain);
    // Each loop runs unrecorded first, then measured; the sink's histograms forget the warm-up.
    const loop: Loop = async (label, call, method) => {
      await closedLoop({ label, inFlight: IN_FLIGHT, seconds: WARMUP_SECONDS, call });
      wrapped.reset();
      return closedLoop({
        label,
        inFlight: IN_FLIGHT,
        seconds,
        call,
        ...(method ? { histogram: wrapped.histogram(method) } : {}),
      });
    };

    const writeRounds: Measurement[][] = [];
    const readRounds: Measurement[][] = [];
    for (let round = 1; round <= rounds; round++) {
      const ours = await ourLoops(loop, wrapped.role, plain, raw, round - 1);
      // Enough requests that redis-benchmark runs about as long as one of our loops.
      const requests = Math.round((ours.write[0]!.completed + ours.read[0]!.completed) / 2);
      const peer = await runPeer(raw, new URL(url), requests);
      const write = [...ours.write.map(measurement), peer.set];
      const read = [...ours.read.map(measurement), peer.get];
      writeRounds.push(write);
      readRounds.push(read);
      console.error(`round ${round}: ${verdict(write[0]!, peer.set)}; ${verdict(read[0]!, peer.get)}`);
    }

    const write = medianOfRounds(writeRounds);
    const read = medianOfRounds(readRounds);
    const of = rounds > 1 ? `, median of ${rounds} rounds` : '';
    console.log(comparisonTable(`write (SET analogue: startSession)${of}`, write, write.at(-1)!));
    console.log(verdict(write[0]!, write.at(-1)!));
    console.log(comparisonTable(`read (GET analogue: getSession)${of}`, read, read.at(-1)!));
    console.log(verdict(read[0]!, read.at(-1)!));
    console.log(
      "our p50/p99 through instrumentRole's sink, the other loops timed alike; redis-benchmark p50 as it prints it",
    );
  } finally {
    wrapped.destroy();
    raw.disconnect();
    // Deletes every bench:* key: the sessions and the raw loop's keys.
    await store.close();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
  process.exitCode = 1;
});
