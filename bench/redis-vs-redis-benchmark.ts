// The tool's Redis sessions store against redis-benchmark, 50 in flight each, side by side.
//
// What compares with what. redis-benchmark's GET and SET are one command on one small string key. The
// sessions role's closest analogues are heavier on the server as well as in the client:
//   read  GET → getSession: EVALSHA of a script doing HGETALL session + HGETALL cart, one round trip, parsed into
//               a Session;
//   write SET → startSession: EVALSHA of a script doing DEL (2 keys), TIME, HSET, PEXPIRE — like SET, it
//               creates or replaces a value with an expiry (addToCart is an HINCRBY on an existing cart, closer
//               to INCRBY than to SET).
// GET and SET are the peers the issue names, so they stay. The read table has a second peer that is no analogue:
// redis-benchmark sending the very command getSession sends (captured from the role, see session-command.ts) on
// the same prepared sessions — there the server does the same work for both, and only the clients differ.
// Each table's rows split the gap: the role through instrumentObject (the tool's real path, what the goal is
// about), the same role without the wrapper (the wrapper's cost is the difference), raw ioredis sending GET/SET
// and, for reads, getSession's own command (the driver's cost against redis-benchmark's C client; the role's
// parsing is the rest), and the peers.
// One more difference that is the tool's real configuration, not a flaw of the comparison: redis-benchmark -c 50
// opens 50 connections with one request each in flight, while the store's single ioredis connection carries all
// 50 (queued back to back on one socket), so raw ioredis can beat redis-benchmark on the same commands.
//
// With --workers W (W > 1) each table has two rows more: the role loop, through the wrapper and bare, run from W
// worker threads at once (bench/role-workers.ts), each attached to the same namespace on a connection of its own
// (StoreOptions.attach, as `run --workers W` does) with its share of the 50 in flight (25 + 25 for 2), for the same
// seconds; their calls/s summed. The main thread's store, its sessions and the other rows are as without it.
//
// Usage: bench/run.sh redis-vs-redis-benchmark [--seconds N] [--rounds R] [--workers W]
//   N seconds per loop (default 10); R rounds of every loop and the peer, back to back (default 1), medians shown;
//   W worker threads for the extra rows (default 1: none).
import type { Redis } from 'ioredis';
import { initHistograms } from '../src/metrics/histogram.js';
import { LOCAL_URLS, engineUrlVariable } from '../src/provision/local-endpoints.js';
import type { SessionsRole } from '../src/roles.js';
import { connectRedis } from '../src/stores/redis/connect.js';
import { storeFactory } from '../src/stores/registry.js';
import { runRotated, warmedLoops, type Loop, type LoopResult } from './closed-loop.js';
import { comparisonTable, medianOfRounds, numberArgument, verdict, type Measurement } from './comparison.js';
import { instrumented } from './instrumented.js';
import {
  RANDOM_KEY,
  getAndSet,
  randomKeyDigits,
  readSessionId,
  sameCommand,
  type PeerRun,
} from './redis-peer.js';
import { RoleWorkers } from './role-workers.js';
import { getSessionCommand } from './session-command.js';

const IN_FLIGHT = 50;
const NAMESPACE = 'bench';
/**
 * Sessions the read loop cycles through, each with a three-line cart, and the write loop replaces. Also
 * redis-benchmark's -r for the same-command peer, which reads sessions 0..SESSIONS − 1 too.
 */
const SESSIONS = 10_000;
const CART_LINES = 3;
const TTL_SECONDS = 3600;
/** redis-benchmark's default value: 3 bytes (-d 3). */
const RAW_VALUE = 'xxx';
/** With --workers, where the worker rows (tool path first) sit: after the write and read loops of one thread. */
const WORKER_ROW = 3;
const READ_WORKER_ROW = 4;

async function prepareSessions(sessions: SessionsRole): Promise<void> {
  for (let start = 0; start < SESSIONS; start += IN_FLIGHT) {
    const batch = Array.from({ length: Math.min(IN_FLIGHT, SESSIONS - start) }, (_, i) => start + i);
    await Promise.all(
      batch.map(async (n) => {
        const id = readSessionId(randomKeyDigits(n));
        await sessions.startSession({ id, userId: (n % 1000) + 1 }, TTL_SECONDS);
        for (let line = 1; line <= CART_LINES; line++) {
          await sessions.addToCart(id, { productId: ((n * 7 + line) % 500) + 1, quantity: line });
        }
      }),
    );
  }
}

function measurement(loop: LoopResult): Measurement {
  return { label: loop.label, opsPerSec: loop.opsPerSec, p50: loop.p50, p99: loop.p99 };
}

interface Loops {
  /** The tool's path (instrumented role), the bare role, raw ioredis — write then read. */
  write: LoopResult[];
  read: LoopResult[];
}

interface RoundOptions {
  loop: Loop;
  ours: SessionsRole;
  plain: SessionsRole;
  raw: Redis;
  /** getSession's command for session RANDOM_KEY (see session-command.ts). */
  readCommand: readonly string[];
  round: number;
  /** The role loop's worker threads (--workers), or null for none. */
  workers: RoleWorkers | null;
  seconds: number;
}

/** The role loop from the worker threads, through the wrapper and bare; none without --workers. */
function workerLoops(
  options: RoundOptions,
  method: 'startSession' | 'getSession',
): Array<() => Promise<LoopResult>> {
  const { workers, seconds } = options;
  if (!workers) return [];
  const call =
    method === 'startSession'
      ? ({ op: 'startSession', sessions: SESSIONS, ttlSeconds: TTL_SECONDS } as const)
      : ({ op: 'getSession', sessions: SESSIONS } as const);
  const row = (wrapped: boolean) => () =>
    workers.loop({
      label: `${method}, ${wrapped ? 'tool path' : 'no wrapper'}, ${workers.count} workers`,
      call,
      wrapped,
      method,
      inFlight: IN_FLIGHT,
      seconds,
    });
  return [row(true), row(false)];
}

async function ourLoops(options: RoundOptions): Promise<Loops> {
  const { loop, ours, plain, raw, readCommand, round } = options;
  const start = (n: number) => ({ id: `w${n % SESSIONS}`, userId: (n % 1000) + 1 });
  const rawKey = (n: number) => `${NAMESPACE}:raw:${n % SESSIONS}`;
  const readId = (n: number) => readSessionId(randomKeyDigits(n % SESSIONS));
  const [command, ...args] = readCommand;
  const sameCommand = (n: number) => {
    const digits = randomKeyDigits(n % SESSIONS);
    return raw.call(command!, ...args.map((arg) => arg.replaceAll(RANDOM_KEY, digits)));
  };
  // Writes first, on their own sessions (w…), so the carts the read loop reads stay as prepared.
  const write = await runRotated(
    [
      () => loop('startSession, tool path', (n) => ours.startSession(start(n), TTL_SECONDS), 'startSession'),
      () => loop('startSession, no wrapper', (n) => plain.startSession(start(n), TTL_SECONDS)),
      () => loop('SET, raw ioredis', (n) => raw.set(rawKey(n), RAW_VALUE)),
      ...workerLoops(options, 'startSession'),
    ],
    round,
  );
  const read = await runRotated(
    [
      () => loop('getSession, tool path', (n) => ours.getSession(readId(n)), 'getSession'),
      () => loop('getSession, no wrapper', (n) => plain.getSession(readId(n))),
      () => loop('GET, raw ioredis', (n) => raw.get(rawKey(n))),
      () => loop("getSession's EVALSHA, raw ioredis", sameCommand),
      ...workerLoops(options, 'getSession'),
    ],
    round,
  );
  return { write, read };
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  const seconds = numberArgument(argv, 'seconds', 10);
  const rounds = numberArgument(argv, 'rounds', 1);
  const workerCount = Math.floor(numberArgument(argv, 'workers', 1));
  const url = process.env[engineUrlVariable('redis')] ?? LOCAL_URLS.redis!;
  await initHistograms();
  const settings = { namespace: NAMESPACE };
  const store = await (await storeFactory('redis')).create({ url, settings });
  const raw = await connectRedis(url, url);
  const wrapped = instrumented('sessions', 'redis', store.roles.sessions!);
  let workers: RoleWorkers | null = null;
  try {
    const plain = store.roles.sessions!;
    console.error(
      `redis ${store.info.version} at ${store.info.address}: ${IN_FLIGHT} in flight, ${seconds} s per loop, ` +
        `${rounds} round(s)${workerCount > 1 ? `, role loop also from ${workerCount} worker threads` : ''}`,
    );
    await prepareSessions(plain);
    if (workerCount > 1) {
      workers = await RoleWorkers.start(workerCount, { engine: 'redis', role: 'sessions', url, settings });
    }
    const loop = warmedLoops(IN_FLIGHT, seconds, wrapped);

    // getSession's command for the session named by redis-benchmark's random key: the same-command peer's
    // template, and (with the digits filled in) what the raw ioredis loop sends.
    const readCommand = await getSessionCommand(NAMESPACE, readSessionId(RANDOM_KEY));
    const writeRounds: Measurement[][] = [];
    const readRounds: Measurement[][] = [];
    for (let round = 1; round <= rounds; round++) {
      const ours = await ourLoops({
        loop,
        ours: wrapped.role,
        plain,
        raw,
        readCommand,
        round: round - 1,
        workers,
        seconds,
      });
      // Enough requests that redis-benchmark runs about as long as one of our loops.
      const run: PeerRun = {
        url: new URL(url),
        clients: IN_FLIGHT,
        requests: Math.round((ours.write[0]!.completed + ours.read[0]!.completed) / 2),
      };
      const peer = await getAndSet(raw, run);
      // Loads the script again should the server have dropped it: redis-benchmark stops at NOSCRIPT.
      await plain.getSession(readSessionId(randomKeyDigits(0)));
      const same = await sameCommand(
        { ...run, requests: ours.read[0]!.completed },
        readCommand,
        SESSIONS,
        'redis-benchmark, same command',
      );
      const write = [...ours.write.map(measurement), peer.set];
      const read = [...ours.read.map(measurement), peer.get, same];
      writeRounds.push(write);
      readRounds.push(read);
      console.error(
        `round ${round}: ${verdict(write[0]!, peer.set)}; ${verdict(read[0]!, peer.get)}; ` +
          verdict(read[0]!, same),
      );
      if (workers) {
        const [w, r] = [write[WORKER_ROW]!, read[READ_WORKER_ROW]!];
        console.error(
          `round ${round}: ${verdict(w, peer.set)}; ${verdict(r, peer.get)}; ${verdict(r, same)}`,
        );
      }
    }

    const write = medianOfRounds(writeRounds);
    const read = medianOfRounds(readRounds);
    const of = rounds > 1 ? `, median of ${rounds} rounds` : '';
    console.log(comparisonTable(`write (SET analogue: startSession)${of}`, write, [write.at(-1)!]));
    console.log(verdict(write[0]!, write.at(-1)!));
    if (workers) console.log(verdict(write[WORKER_ROW]!, write.at(-1)!));
    const readPeers = [read.at(-2)!, read.at(-1)!];
    console.log(
      comparisonTable(`read (GET analogue, and the same command: getSession)${of}`, read, readPeers),
    );
    console.log(verdict(read[0]!, read.at(-2)!));
    console.log(verdict(read[0]!, read.at(-1)!));
    if (workers) {
      console.log(verdict(read[READ_WORKER_ROW]!, read.at(-2)!));
      console.log(verdict(read[READ_WORKER_ROW]!, read.at(-1)!));
      console.log(
        `${workers.count} workers: each its own connection to the same namespace, ${IN_FLIGHT} in flight split ` +
          'among them, calls/s summed; p50/p99 from their histograms merged',
      );
    }
    console.log(
      "our p50/p99 through instrumentObject's event stream, the other loops timed alike; redis-benchmark p50 as it prints it",
    );
    console.log(
      `same command: ${readCommand.join(' ')}, redis-benchmark -r ${SESSIONS} (each key's number drawn on its ` +
        "own, so a call may read one session's hash and another's cart: the same work for the server)",
    );
  } finally {
    await workers?.close();
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
