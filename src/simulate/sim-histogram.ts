// A latency histogram for the simulator's hot path. Recording into the WebAssembly HdrHistogram costs a call
// across the wasm boundary per value, and the simulator records several values per simulated store call; so
// values are counted here, in plain typed arrays indexed exactly as HdrHistogram indexes them (1 µs – 1 h,
// 3 significant digits: 2048 unit sub-buckets, then 1024 per power of two), and handed to the LatencyHistogram
// as one count per index when its figures are read. An index's count recorded at the index's lowest value lands
// in the same index, so the histogram — counts, percentiles, mean, encoding — is the one recording each value
// would have built (docs/measurements.md, "Simulated figures"). Values outside the range, and NaN, take the
// LatencyHistogram's own path, which counts them as clamped or invalid.
import { HIGHEST_US, LatencyHistogram, LOWEST_US } from '../metrics/histogram.js';

/** log2 of HdrHistogram's half sub-bucket count at 3 significant digits (2048 sub-buckets, unit magnitude 0). */
const HALF_MAGNITUDE = 10;
const HALF = 1 << HALF_MAGNITUDE;
/** Powers of two above the unit-resolution range that 1 h needs (3.6e9 < 2^32). */
const BUCKETS = 32 - HALF_MAGNITUDE;

export class SimHistogram {
  private readonly exact = new LatencyHistogram();
  /** Per power of two (bucket 0: values 0–2047 one by one; bucket b: 1024 sub-buckets of 2^b), made on first use. */
  private readonly counts: Array<Uint32Array | undefined> = new Array<Uint32Array | undefined>(BUCKETS);
  private pending = 0;

  record(us: number): void {
    const value = Math.round(us);
    if (!(value >= LOWEST_US && value <= HIGHEST_US)) {
      this.exact.record(us);
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
    this.pending++;
  }

  /** Every value recorded so far, as a LatencyHistogram (owned by this one: destroy() frees it). */
  histogram(): LatencyHistogram {
    if (this.pending > 0) this.flush();
    return this.exact;
  }

  destroy(): void {
    this.exact.destroy();
  }

  private flush(): void {
    // A LatencyHistogram of its own shape, so adding it is index for index.
    const batch = new LatencyHistogram();
    try {
      for (let bucket = 0; bucket < BUCKETS; bucket++) {
        const cells = this.counts[bucket];
        if (cells === undefined) continue;
        for (let i = 0; i < cells.length; i++) {
          const count = cells[i]!;
          if (count === 0) continue;
          batch.recordCounted(bucket === 0 ? i : (i + HALF) * 2 ** bucket, count);
        }
        cells.fill(0);
      }
      this.exact.merge(batch);
    } finally {
      batch.destroy();
    }
    this.pending = 0;
  }
}
