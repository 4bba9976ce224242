// `--workers N|auto` and how a run is divided among its worker threads: every Nth arrival (or virtual user) to
// each, inside the process's own shard when it has one, and the in-flight cap shared out so the total stays the
// scenario's.
import { availableParallelism } from 'node:os';
import { UserError } from '../../errors.js';
import type { Scenario } from '../../scenario/types.js';
import type { ShardSpec } from '../shard.js';

/** `auto`: one worker per core but one, which the main thread keeps (relay, probes, the fault proxies). */
export function parseWorkers(flag: string | undefined, cores = availableParallelism()): number {
  if (flag === undefined) return 1;
  if (flag.trim() === 'auto') return Math.max(1, cores - 1);
  const value = Number(flag);
  if (!/^\d+$/.test(flag.trim()) || !Number.isSafeInteger(value) || value < 1)
    throw new UserError(`--workers: expected a whole number of at least 1, or auto, got "${flag}"`);
  return value;
}

/**
 * Worker w of n inside shard i of c takes the arrivals whose index % (c·n) == i + c·w: together the workers take
 * exactly the shard's arrivals (index % c == i), each at its own intended start.
 */
export function workerShard(shard: ShardSpec | null | undefined, worker: number, workers: number): ShardSpec {
  const index = shard?.index ?? 0;
  const count = shard?.count ?? 1;
  return { index: index + count * worker, count: count * workers };
}

/** Worker w's part of an in-flight cap: the parts differ by at most one and add up to the cap. */
export function workerShareOfCap(cap: number, worker: number, workers: number): number {
  return Math.floor(cap / workers) + (worker < cap % workers ? 1 : 0);
}

/** What a run must allow for N workers: at least one in-flight journey each (open model). */
export function checkWorkers(workers: number, scenario: Scenario, file: string): void {
  if (workers > 1 && scenario.load.model === 'open' && scenario.load.maxInFlight < workers)
    throw new UserError(
      `${file}: load.maxInFlight is ${scenario.load.maxInFlight}, below --workers ${workers}: each worker needs ` +
        'a share of at least one in-flight journey',
    );
}
