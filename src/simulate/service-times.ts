// Service-time distributions from a calibration report: each store call's HdrHistogram (compressed base64 in the
// report) turned into an inverse-CDF table, sampled by a seeded uniform draw with linear interpolation between
// the table's quantiles. The histogram is decoded with hdr-histogram-js directly because the sampler needs any
// quantile, not only the summary's; the range check is the one LatencyHistogram.decode makes.
import { decodeFromCompressedBase64 } from 'hdr-histogram-js';
import { HIGHEST_US } from '../metrics/histogram.js';
import type { LatencySummary } from '../metrics/types.js';

/** Quantile points per table: fine enough that p99.9 comes from its own bucket, small enough to stay in cache. */
const POINTS = 2048;

export class ServiceDistribution {
  /** Value at quantile i / (POINTS − 1), µs. */
  private readonly table: Float64Array;
  /** Multiplies every sample: the calibration fit (queueing removed) and what-ifs (slower, faster). */
  scale = 1;
  readonly meanUs: number;
  readonly count: number;

  constructor(table: Float64Array, meanUs: number, count: number) {
    this.table = table;
    this.meanUs = meanUs;
    this.count = count;
  }

  static fromSummary(summary: LatencySummary): ServiceDistribution {
    const hdr = decodeFromCompressedBase64(summary.hdr, 32, true);
    try {
      if (hdr.highestTrackableValue !== HIGHEST_US)
        throw new Error(`histogram range up to ${hdr.highestTrackableValue} µs, expected ${HIGHEST_US} µs`);
      const table = new Float64Array(POINTS);
      for (let i = 0; i < POINTS; i++) table[i] = hdr.getValueAtPercentile((i / (POINTS - 1)) * 100);
      return new ServiceDistribution(table, hdr.mean, hdr.totalCount);
    } finally {
      hdr.destroy();
    }
  }

  /** A fixed service time (tests, what-ifs that pin a value). */
  static constant(us: number): ServiceDistribution {
    return new ServiceDistribution(new Float64Array(POINTS).fill(us), us, 1);
  }

  /** One service time for the uniform draw u in [0, 1). */
  sample(u: number): number {
    const x = u * (POINTS - 1);
    const i = x | 0;
    const lo = this.table[i]!;
    const hi = this.table[i + 1 < POINTS ? i + 1 : i]!;
    return (lo + (hi - lo) * (x - i)) * this.scale;
  }

  /** Mean of the table as sampled (≈ the histogram's mean), times the scale. */
  sampledMeanUs(): number {
    let sum = 0;
    for (let i = 0; i < POINTS - 1; i++) sum += (this.table[i]! + this.table[i + 1]!) / 2;
    return (sum / (POINTS - 1)) * this.scale;
  }
}
