// Shards (issue 13): one run spread over N processes or machines. Shard i of N runs the arrivals whose index
// % N == i (open model; each keeps its own intended start from the full schedule) or the virtual users whose
// index % N == i (closed model), and writes a shard report that `polyglot-bench merge` adds up exactly.
import { createHash } from 'node:crypto';
import type { Order } from '../domain.js';
import { UserError } from '../errors.js';
import type { ShardLedgerOrder } from '../metrics/types.js';
import type { Scenario } from '../scenario/types.js';

export interface ShardSpec {
  index: number;
  count: number;
}

/** Kubernetes sets this in every pod of an Indexed Job (completionMode: Indexed). */
export const COMPLETION_INDEX_ENV = 'JOB_COMPLETION_INDEX';
/** The shard count for `--shard auto` (the manifests of `deploy kubernetes` set it). */
export const SHARD_COUNT_ENV = 'POLYGLOT_BENCH_SHARDS';

function wholeNumber(text: string, what: string): number {
  const value = Number(text);
  if (!/^\d+$/.test(text.trim()) || !Number.isSafeInteger(value))
    throw new UserError(`--shard: ${what} must be a whole number, got "${text}"`);
  return value;
}

/**
 * `--shard i/N`, `--shard auto/N` or `--shard auto` (the index from JOB_COMPLETION_INDEX, the count from
 * POLYGLOT_BENCH_SHARDS); with no flag, both variables set mean `auto`. Null: not sharded.
 */
export function resolveShard(flag: string | undefined, env: NodeJS.ProcessEnv): ShardSpec | null {
  const envIndex = env[COMPLETION_INDEX_ENV];
  if (flag === undefined) {
    if (envIndex === undefined || env[SHARD_COUNT_ENV] === undefined) return null;
    flag = 'auto';
  }
  const [indexText = '', countText, ...rest] = flag.split('/');
  if (rest.length > 0) throw new UserError(`--shard: expected i/N (e.g. 0/4) or auto, got "${flag}"`);
  let index: number;
  if (indexText === 'auto') {
    if (envIndex === undefined)
      throw new UserError(`--shard auto: ${COMPLETION_INDEX_ENV} is not set (an Indexed Job sets it)`);
    index = wholeNumber(envIndex, COMPLETION_INDEX_ENV);
  } else index = wholeNumber(indexText, 'the index');
  const countSource = countText ?? (indexText === 'auto' ? env[SHARD_COUNT_ENV] : undefined);
  if (countSource === undefined)
    throw new UserError(`--shard ${flag}: the shard count is missing (i/N, or ${SHARD_COUNT_ENV} with auto)`);
  const count = wholeNumber(countSource, 'the count');
  if (count < 1) throw new UserError(`--shard: the count must be at least 1, got ${count}`);
  if (index >= count) throw new UserError(`--shard: index ${index} is not below the count ${count}`);
  return { index, count };
}

/** Whether arrival (open) or virtual user (closed) #n belongs to this shard; every n when not sharded. */
export function inShard(shard: ShardSpec | null | undefined, n: number): boolean {
  return !shard || n % shard.count === shard.index;
}

function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return Object.fromEntries(entries.map(([k, v]) => [k, canonical(v)]));
  }
  return value;
}

/**
 * The run's identity: sha256 of the resolved scenario (overrides applied, seed included) with keys sorted. Where
 * the stores are (their URLs) is left out: shards on different machines may reach their servers differently.
 */
export function scenarioHash(scenario: Scenario): string {
  const stores = Object.fromEntries(
    Object.entries(scenario.stores).map(([name, spec]) => [name, { ...spec, url: undefined }]),
  );
  const identity = canonical({ ...scenario, stores });
  return createHash('sha256').update(JSON.stringify(identity)).digest('hex').slice(0, 16);
}

/** The placed orders as a shard's ledger keeps them: enough to reconcile units sold and order identity. */
export function ledgerOf(placed: ReadonlyMap<string, Order>): ShardLedgerOrder[] {
  return [...placed.values()].map((order) => ({
    id: order.id,
    userId: order.userId,
    lines: order.lines.map((line) => ({ productId: line.productId, quantity: line.quantity })),
  }));
}

/** Waits for a wall-clock instant (ms since the epoch); returns at once when it has passed. */
export async function waitForWallClock(atMs: number, signal: AbortSignal): Promise<void> {
  while (!signal.aborted) {
    const left = atMs - Date.now();
    if (left <= 0) return;
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, Math.min(left, 1000));
      signal.addEventListener(
        'abort',
        () => {
          clearTimeout(timer);
          resolve();
        },
        { once: true },
      );
    });
  }
}

export function parseStartAt(value: string): number {
  const ms = Date.parse(value);
  if (Number.isNaN(ms)) throw new UserError(`--start-at: not an ISO time: "${value}"`);
  return ms;
}
