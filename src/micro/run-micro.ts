// `polyglot-bench micro`: the unit cost of each role operation on each store alone — one caller, one call at a
// time, no journeys, no other store — measured by tinybench (warm-up, then a time budget, mean and margin of
// error). Every store gets a fresh instance loaded with the same dataset and is asked the same seeded arguments,
// so a column differs from another only by the engine (also-bought on Kuzu against the same question on PGlite).
import { Bench, type Task } from 'tinybench';
import type { Dataset } from '../domain.js';
import { UserError, errorMessage } from '../errors.js';
import { ROLE_NAMES } from '../roles.js';
import { storeFactory } from '../stores/registry.js';
import type { StoreAdapter } from '../stores/types.js';
import { argumentPools, type ArgumentPools } from './arguments.js';
import type { MicroOperation } from './operation.js';
import { loadServedRoles } from '../layouts/load-dataset.js';
import { storePlan } from './store-plan.js';
import type { MicroOptions, MicroResult, MicroRow, MicroSkip, MicroStore, MicroStoreSpec } from './types.js';

export type { MicroOptions, MicroResult, MicroRow, MicroStoreSpec } from './types.js';

/** tinybench's own defaults: a second per operation after a quarter-second warm-up. */
export const DEFAULT_TIME_MS = 1000;
export const DEFAULT_WARMUP_MS = 250;

const taskName = (operation: MicroOperation) => `${operation.role}.${operation.operation}`;

export async function runMicro(options: MicroOptions): Promise<MicroResult> {
  const timeMs = options.timeMs ?? DEFAULT_TIME_MS;
  const warmupMs = options.warmupMs ?? DEFAULT_WARMUP_MS;
  const result: MicroResult = { stores: [], rows: [], skipped: [], timeMs, warmupMs, interrupted: false };
  const pools = argumentPools(options.dataset);
  for (const spec of options.stores) {
    if (options.signal?.aborted) break;
    options.onStore?.(spec.name);
    const adapter = await openStore(spec);
    try {
      await loadStore(spec, adapter, options.dataset);
      const measured = await measureStore(spec.name, adapter, options, pools, { timeMs, warmupMs });
      // A store the signal stopped before any operation finished would only be a column of dashes.
      if (measured.rows.length === 0 && options.signal?.aborted) break;
      result.stores.push(measured.store);
      result.rows.push(...measured.rows);
      result.skipped.push(...measured.skipped);
    } finally {
      await adapter.close();
    }
  }
  result.interrupted = options.signal?.aborted ?? false;
  return result;
}

async function measureStore(
  name: string,
  adapter: StoreAdapter,
  options: MicroOptions,
  pools: ArgumentPools,
  budget: { timeMs: number; warmupMs: number },
): Promise<{ store: MicroStore; rows: MicroRow[]; skipped: MicroSkip[] }> {
  const plans = storePlan(adapter.roles, options.dataset, pools);
  for (const plan of plans) await plan.prepare?.();
  const operations = plans.flatMap((plan) => plan.operations);
  const bench = new Bench({
    name,
    time: budget.timeMs,
    warmup: budget.warmupMs > 0,
    warmupTime: budget.warmupMs,
    // The tool's one clock (src/metrics/clock.ts) rather than tinybench's default performance.now().
    timestampProvider: 'hrtimeNow',
    ...(options.signal ? { signal: options.signal } : {}),
  });
  for (const operation of operations) {
    bench.add(taskName(operation), operation.run, {
      // Declared, so tinybench makes no exploratory call outside the hooks that keep state steady.
      async: true,
      ...(operation.beforeEach ? { beforeEach: operation.beforeEach } : {}),
      ...(operation.afterEach ? { afterEach: operation.afterEach } : {}),
    });
  }
  await bench.run();

  const store: MicroStore = {
    name,
    kind: adapter.kind,
    engine: adapter.info.engine,
    version: adapter.info.version,
    roles: ROLE_NAMES.filter((role) => adapter.roles[role] !== undefined),
  };
  const rows = operations.flatMap((operation) => {
    const task = bench.getTask(taskName(operation));
    return task ? (microRow(store, operation, task) ?? []) : [];
  });
  const skipped = plans.flatMap((plan) => plan.skipped.map((skip): MicroSkip => ({ store: name, ...skip })));
  return { store, rows, skipped };
}

async function openStore(spec: MicroStoreSpec): Promise<StoreAdapter> {
  const factory = await storeFactory(spec.kind);
  return factory.create({
    ...(spec.url !== undefined ? { url: spec.url } : {}),
    ...(spec.settings !== undefined ? { settings: spec.settings } : {}),
  });
}

async function loadStore(spec: MicroStoreSpec, adapter: StoreAdapter, dataset: Dataset): Promise<void> {
  try {
    await loadServedRoles(adapter.roles, dataset);
  } catch (error) {
    throw new UserError(
      `micro: loading the dataset into store "${spec.name}" failed: ${errorMessage(error)}`,
    );
  }
}

/**
 * The row of a finished task; null for one the signal stopped before it had two samples (no spread, so no
 * margin of error). A failed call fails the run: a store that cannot answer has no unit cost to report.
 */
function microRow(store: MicroStore, operation: MicroOperation, task: Task): MicroRow | null {
  const result = task.result;
  if (result.state === 'errored') {
    throw new Error(
      `micro: ${operation.role}.${operation.operation} on store "${store.name}" failed: ${result.error.message}`,
    );
  }
  if (result.state !== 'completed' && result.state !== 'aborted-with-statistics') return null;
  const latency = result.latency;
  if (latency.samplesCount < 2 || !Number.isFinite(latency.rme) || !(latency.mean > 0)) return null;
  return {
    store: store.name,
    kind: store.kind,
    engine: store.engine,
    version: store.version,
    role: operation.role,
    operation: operation.operation,
    // tinybench reports milliseconds.
    meanUs: latency.mean * 1000,
    p99Us: latency.p99 * 1000,
    marginPct: latency.rme,
    samples: latency.samplesCount,
    // Not throughput.mean, which averages per-sample rates (1/x) and so overstates the rate of one caller.
    opsPerSec: 1000 / latency.mean,
  };
}
