// What `polyglot-bench micro` measures and returns: plain data (it serialises to JSON as it is), one row per
// (store, role operation). The renderer only reads it.
import type { Dataset } from '../domain.js';
import type { RoleName } from '../roles.js';

export interface MicroStoreSpec {
  /** The name the table shows as the column head (a scenario's store name, or the kind). */
  name: string;
  kind: string;
  url?: string;
  settings?: Record<string, unknown>;
}

export interface MicroOptions {
  stores: MicroStoreSpec[];
  dataset: Dataset;
  /** tinybench time budget per operation, in ms (it also runs at least its minimum iterations). */
  timeMs?: number;
  /** tinybench warm-up budget per operation, in ms; warm-up samples are not reported. */
  warmupMs?: number;
  /** Stops after the operation that is running; the rows measured so far are kept. */
  signal?: AbortSignal;
  /** Called as each store starts (create, load, measure), for progress output. */
  onStore?: (name: string) => void;
}

export interface MicroRow {
  store: string;
  kind: string;
  engine: string;
  version: string;
  role: RoleName;
  /** The role method, as the role interfaces name it: "getProduct", "alsoBought", "reserve+release", … */
  operation: string;
  /** Mean latency of one call, µs. */
  meanUs: number;
  /** tinybench's p99 of the per-call latencies, µs. */
  p99Us: number;
  /** Relative margin of error of the mean (95 % confidence), in percent: tinybench's rme. */
  marginPct: number;
  samples: number;
  /** One caller, one call at a time: 1 / mean. */
  opsPerSec: number;
}

/** An operation a store serves but the dataset gives it nothing to work on (e.g. getOrder without orders). */
export interface MicroSkip {
  store: string;
  role: RoleName;
  operation: string;
  reason: string;
}

export interface MicroStore {
  name: string;
  kind: string;
  engine: string;
  version: string;
  roles: RoleName[];
}

export interface MicroResult {
  /** In the order they were measured: the table's column order. */
  stores: MicroStore[];
  rows: MicroRow[];
  skipped: MicroSkip[];
  timeMs: number;
  warmupMs: number;
  /** The signal fired: later operations and stores are missing. */
  interrupted: boolean;
}
