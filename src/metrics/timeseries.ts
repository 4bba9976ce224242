// Per-second series (docs/measurements.md): throughput, errors and p50/p99 per operation, bucketed by the second in
// which each operation ENDED, counted from the start of the measured window. Completions are what a user
// sees, so a stall shows as seconds with few or no completions followed by a burst of slow ones.
//
// Percentiles here are exact, from that second's own values (not a histogram): nearest-rank, i.e. the value
// at 1-based rank ceil(p/100 × n) of the sorted values. A second's values are held (8 bytes per completion) only
// until the series has moved two seconds past it: completions are recorded as they end, in end order, so no value
// can arrive for it any more, and it is reduced to its row. Memory is then one row per second, whatever the rate.
import type { SecondOperationSample, SecondSample } from './types.js';

const US_PER_SECOND = 1_000_000;

/** A growable buffer of float64 values: a quarter of the memory of a number[] and sorts numerically. */
class ValueBuffer {
  private values = new Float64Array(16);
  length = 0;

  push(value: number): void {
    if (this.length === this.values.length) {
      const grown = new Float64Array(this.values.length * 2);
      grown.set(this.values);
      this.values = grown;
    }
    this.values[this.length] = value;
    this.length += 1;
  }

  sorted(): Float64Array {
    return this.values.slice(0, this.length).sort();
  }
}

/** One second's completions per operation, handed between threads (`run --workers`): name, errors, sorted values. */
export type SecondCells = Array<[operation: string, errors: number, sortedLatencies: Float64Array]>;

interface OperationSecond {
  errors: number;
  latencies: ValueBuffer;
}

/** The nearest-rank percentile of ascending values; p in (0, 100]. */
export function nearestRank(sortedAscending: ArrayLike<number>, p: number): number {
  const n = sortedAscending.length;
  if (n === 0) throw new RangeError('no values');
  const rank = Math.min(n, Math.max(1, Math.ceil((p / 100) * n)));
  return sortedAscending[rank - 1] as number;
}

export class TimeSeries {
  /** seconds[s] maps operation → that second's completions. */
  private readonly seconds: Array<Map<string, OperationSecond> | undefined> = [];
  /** Rows of the seconds already reduced: [0, reduced). */
  private readonly rows: SecondSample[] = [];
  private reduced = 0;

  /**
   * originUs: the instant (clock.ts) at which the measured window begins; second 0 starts there.
   * handOver: a worker thread's series keeps no rows — each second, once closed, goes to the main thread, whose
   * series absorbs every worker's and reduces a second when all of them have closed it (absorb, closeThrough).
   */
  constructor(
    readonly originUs: number,
    private readonly handOver?: (second: number, cells: SecondCells) => void,
  ) {}

  /** One completed operation. Ends before the origin (warm-up) are ignored. */
  record(operation: string, endUs: number, latencyUs: number, ok: boolean): void {
    if (!(endUs >= this.originUs)) return;
    let second = Math.floor((endUs - this.originUs) / US_PER_SECOND);
    // Never expected (records come in end order, see above): kept in the oldest second still open.
    if (second < this.reduced) second = this.reduced;
    while (this.reduced < second - 2) this.reduce();
    let bucket = this.seconds[second];
    if (!bucket) {
      bucket = new Map();
      this.seconds[second] = bucket;
    }
    let cell = bucket.get(operation);
    if (!cell) {
      cell = { errors: 0, latencies: new ValueBuffer() };
      bucket.set(operation, cell);
    }
    if (!ok) cell.errors += 1;
    // Whole µs, as the histograms record them (histogram.ts): a second's p99 never exceeds the run's max by a
    // fraction of a µs that neither can resolve.
    cell.latencies.push(Math.round(latencyUs));
  }

  /** Closes every second still open (a worker's series at its end: each is handed over). */
  flush(): void {
    while (this.reduced < this.seconds.length) this.reduce();
  }

  /** Another thread's completions for one second not yet reduced here (see handOver). */
  absorb(second: number, cells: SecondCells): void {
    if (second < this.reduced) throw new RangeError(`second ${second} is already reduced`);
    let bucket = this.seconds[second];
    if (!bucket) {
      bucket = new Map();
      this.seconds[second] = bucket;
    }
    for (const [operation, errors, values] of cells) {
      let cell = bucket.get(operation);
      if (!cell) {
        cell = { errors: 0, latencies: new ValueBuffer() };
        bucket.set(operation, cell);
      }
      cell.errors += errors;
      for (const value of values) cell.latencies.push(value);
    }
  }

  /** Reduces every second up to and including `second` (all the threads feeding this series have closed them). */
  closeThrough(second: number): void {
    while (this.reduced <= second) this.reduce();
  }

  /**
   * One row per second from 0 to the last second with a completion; seconds without completions are zero
   * rows (a stall stays visible). Operations appear in a second only if they completed in it.
   */
  samples(): SecondSample[] {
    const rows = [...this.rows];
    for (let second = this.reduced; second < this.seconds.length; second += 1) rows.push(this.row(second));
    return rows;
  }

  /** Reduces the oldest open second to its row and lets its values go. */
  private reduce(): void {
    if (this.handOver) {
      const cells: SecondCells = [...(this.seconds[this.reduced] ?? [])].map(([name, cell]) => [
        name,
        cell.errors,
        cell.latencies.sorted(),
      ]);
      this.handOver(this.reduced, cells);
    } else this.rows.push(this.row(this.reduced));
    this.seconds[this.reduced] = undefined;
    this.reduced += 1;
  }

  private row(second: number): SecondSample {
    const cells = [...(this.seconds[second] ?? [])].map(
      ([name, cell]) => [name, { errors: cell.errors, sorted: cell.latencies.sorted() }] as const,
    );
    return secondRow(second, cells);
  }
}

/** One second's row from each operation's sorted latencies: counts, errors, exact nearest-rank p50/p99. */
export function secondRow(
  second: number,
  cells: Iterable<readonly [string, { errors: number; sorted: ArrayLike<number> }]>,
): SecondSample {
  const operations: Record<string, SecondOperationSample> = {};
  let ops = 0;
  let errors = 0;
  for (const [name, cell] of cells) {
    operations[name] = {
      count: cell.sorted.length,
      errors: cell.errors,
      p50: nearestRank(cell.sorted, 50),
      p99: nearestRank(cell.sorted, 99),
    };
    ops += cell.sorted.length;
    errors += cell.errors;
  }
  return { second, ops, errors, operations };
}
