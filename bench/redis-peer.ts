// redis-benchmark as the peer: its GET and SET tests as the issue asks, and any one command (the command the
// tool's role sends) with the same connections and request count.
import type { Redis } from 'ioredis';
import type { Measurement } from './comparison.js';
import { captureNumber, runCommand } from './peer.js';

/** redis-benchmark's text for a random key: 12 digits, from 0 to -r's keyspace − 1, each occurrence drawn anew. */
export const RANDOM_KEY = '__rand_int__';
/** The one key redis-benchmark -t get,set uses without -r; deleted afterwards, refused if it already exists. */
const PEER_KEY = `key:${RANDOM_KEY}`;

/** A session number as redis-benchmark writes RANDOM_KEY, so ids built from it name the sessions it reads. */
export function randomKeyDigits(n: number): string {
  return String(n).padStart(RANDOM_KEY.length, '0');
}

/** The read loop's session ids; numbered as redis-benchmark numbers random keys, so the peer reads the same. */
export function readSessionId(digits: string): string {
  return `r${digits}`;
}

/** The figures of one test, named by its title ("SET", "GET", or the custom command line): its last line. */
function peerFigure(output: string, title: string, label: string): Measurement {
  // -q prints progress lines with the same title first, then the summary with "requests per second".
  const lines = output
    .split(/[\r\n]+/)
    .filter((line) => line.startsWith(`${title}: `) && line.includes('per second'));
  const line = lines.at(-1) ?? '';
  const rps = captureNumber(line, /([\d.]+) requests per second/, `${title} requests per second`);
  const p50 = /p50=([\d.]+) msec/.exec(line)?.[1];
  return { label, opsPerSec: rps, p50: p50 ? Number(p50) * 1000 : null, p99: null };
}

function baseArgs(url: URL, clients: number, requests: number): string[] {
  const args = ['-h', url.hostname, '-p', url.port || '6379', '-c', String(clients), '-n', String(requests)];
  if (url.password) args.push('-a', decodeURIComponent(url.password), '--no-auth-warning');
  return args;
}

export interface PeerRun {
  url: URL;
  clients: number;
  requests: number;
}

/** redis-benchmark -t get,set on its own 3-byte key. */
export async function getAndSet(raw: Redis, run: PeerRun): Promise<{ set: Measurement; get: Measurement }> {
  if ((await raw.exists(PEER_KEY)) > 0) {
    throw new Error(`redis key ${PEER_KEY} exists already: redis-benchmark would overwrite it; not running`);
  }
  try {
    const args = [...baseArgs(run.url, run.clients, run.requests), '-t', 'get,set', '-q'];
    const output = await runCommand('redis-benchmark', args);
    return {
      set: peerFigure(output, 'SET', 'redis-benchmark SET'),
      get: peerFigure(output, 'GET', 'redis-benchmark GET'),
    };
  } finally {
    await raw.del(PEER_KEY);
  }
}

/**
 * redis-benchmark running `command` (its arguments may contain RANDOM_KEY, drawn from 0..keyspace − 1).
 * Read-only commands only: whatever it writes stays behind.
 */
export async function sameCommand(
  run: PeerRun,
  command: readonly string[],
  keyspace: number,
  label: string,
): Promise<Measurement> {
  const args = [...baseArgs(run.url, run.clients, run.requests), '-r', String(keyspace), '-q', ...command];
  const output = await runCommand('redis-benchmark', args);
  return peerFigure(output, command.join(' '), label);
}
