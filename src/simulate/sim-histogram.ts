// A latency histogram for the simulator's hot path. Recording into the WebAssembly HdrHistogram costs a call
// across the wasm boundary per value, and the simulator records several values per simulated store call; so
// values are counted here, in plain typed arrays indexed exactly as HdrHistogram indexes them (1 µs – 1 h,
// 3 significant digits: 2048 unit sub-buckets, then 1024 per power of two). Its figures — count, min, mean,
// percentiles, max — are read from those counts by HdrHistogram's own rules (a percentile is the highest value
// equivalent to the bucket the rank falls in; the mean weighs each bucket's median), which costs one pass where
// the wasm build scans its whole counts array per figure (its mean alone ~1 ms, and the simulator summarises some
// fifty histograms per simulated run, a dozen runs per fit). Only the encoded histogram of the report goes
// through a LatencyHistogram, built from one count per index, so the summary is the one recording each value
// would have built (docs/measurements.md, "Simulated figures"). Values outside the range, and NaN, take the
// LatencyHistogram's own path, which counts them as clamped or invalid; a histogram holding any is summarised
// by it whole.
import { HIGHEST_US, LatencyHistogram, LOWEST_US } from '../metrics/histogram.js';
import type { LatencySummary } from '../metrics/types.js';

/** log2 of HdrHistogram's half sub-bucket count at 3 significant digits (2048 sub-buckets, unit magnitude 0). */
const HALF_MAGNITUDE = 10;
const HALF = 1 << HALF_MAGNITUDE;
/** Powers of two above the unit-resolution range that 1 h needs (3.6e9 < 2^32). */
const BUCKETS = 32 - HALF_MAGNITUDE;
/** The percentiles of a LatencySummary, in its field order. */
const PERCENTILES = [
  ['p50', 50],
  ['p90', 90],
  ['p95', 95],
  ['p99', 99],
  ['p999', 99.9],
] as const;

/** HdrHistogram's rank for a percentile: the count to reach, rounded up without tripping on 1-ulp error. */
function countAtPercentile(percentile: number, total: number): number {
  const fp = (Math.min(percentile, 100) / 100) * total;
  const ulp = fp > 0 ? 2 ** (Math.floor(Math.log2(fp)) - 52) : 0;
  return Math.max(Math.ceil(fp - ulp), 1);
}

export class SimHistogram {
  /** Per power of two (bucket 0: values 0–2047 one by one; bucket b: 1024 sub-buckets of 2^b), made on first use. */
  private readonly counts: Array<Uint32Array | undefined> = new Array<Uint32Array | undefined>(BUCKETS);
  /** In-range values counted in `counts`. */
  private total = 0;
  /** Out-of-range and NaN values, recorded as LatencyHistogram records them. */
  private outliers: LatencyHistogram | null = null;
  /** The encoded form's histogram, rebuilt when values came since (`total` it was built at). */
  private built: LatencyHistogram | null = null;
  private builtAt = -1;

  record(us: number): void {
    const value = Math.round(us);
    if (!(value >= LOWEST_US && value <= HIGHEST_US)) {
      (this.outliers ??= new LatencyHistogram()).record(us);
      this.builtAt = -1;
      return;
    }
    // floor(log2 value) − 10, at least 0: which power of two holds the value at 3 significant digits.
    const magnitude = 31 - Math.clz32(value) - HALF_MAGNITUDE;
    const bucket = magnitude > 0 ? magnitude : 0;
    let cells = this.counts[bucket];
    if (cells === undefined) {
      cells = new Uint32Array(bucket === 0 ? 2 * HALF : HALF);
      this.counts[bucket] = cells;
    }
    if (bucket === 0) cells[value]! += 1;
    else cells[(value >>> bucket) - HALF]! += 1;
    this.total++;
  }

  /** The summary LatencyHistogram.summary() gives for the same values; null when nothing was recorded. */
  summarize(): LatencySummary | null {
    if (this.outliers !== null) {
      const whole = this.histogram();
      return whole.count === 0 ? null : whole.summary();
    }
    if (this.total === 0) return null;
    const total = this.total;
    const ranks = PERCENTILES.map(([, p]) => countAtPercentile(p, total));
    const values: number[] = new Array<number>(ranks.length).fill(0);
    let min = -1;
    let max = 0;
    let sum = 0;
    let seen = 0;
    let next = 0;
    for (let bucket = 0; bucket < BUCKETS; bucket++) {
      const cells = this.counts[bucket];
      if (cells === undefined) continue;
      const width = bucket === 0 ? 1 : 2 ** bucket;
      for (let i = 0; i < cells.length; i++) {
        const count = cells[i]!;
        if (count === 0) continue;
        const lowest = bucket === 0 ? i : (i + HALF) * width;
        const highest = lowest + width - 1;
        if (min < 0) min = lowest;
        max = highest;
        sum += (lowest + Math.floor(width / 2)) * count;
        seen += count;
        while (next < ranks.length && seen >= ranks[next]!) values[next++] = highest;
      }
    }
    return {
      count: total,
      min,
      mean: sum / total,
      p50: values[0]!,
      p90: values[1]!,
      p95: values[2]!,
      p99: values[3]!,
      p999: values[4]!,
      max,
      hdr: this.histogram().state().hdr,
    };
  }

  /** Every value recorded so far, as a LatencyHistogram (owned by this one: destroy() frees it). */
  histogram(): LatencyHistogram {
    if (this.built !== null && this.builtAt === this.total) return this.built;
    // A LatencyHistogram of its own shape, so adding it is index for index.
    const whole = new LatencyHistogram();
    for (let bucket = 0; bucket < BUCKETS; bucket++) {
      const cells = this.counts[bucket];
      if (cells === undefined) continue;
      for (let i = 0; i < cells.length; i++) {
        const count = cells[i]!;
        if (count !== 0) whole.recordCounted(bucket === 0 ? i : (i + HALF) * 2 ** bucket, count);
      }
    }
    if (this.outliers !== null) whole.merge(this.outliers);
    this.built?.destroy();
    this.built = whole;
    this.builtAt = this.total;
    return whole;
  }

  destroy(): void {
    this.built?.destroy();
    this.outliers?.destroy();
    this.built = null;
    this.outliers = null;
  }
}
