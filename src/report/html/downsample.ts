// Long runs have thousands of seconds; a chart needs a few hundred points. Seconds are grouped into equal
// buckets of k seconds (k = 1 when the run is short enough, and then every point is the report's own figure).
// In a bucket: rates are the mean per second, p99 is the highest second's p99 (a spike stays visible), p50 the
// median of the seconds' p50s. Only the drawing is downsampled; the JSON keeps every second.
import type { SecondSample } from '../../metrics/types.js';

export const MAX_POINTS = 600;

export interface Bucket {
  /** Middle of the bucket in seconds since measure start (second s covers [s, s+1)). */
  x: number;
  opsPerS: number;
  errorsPerS: number;
  /** Per operation; absent when the operation completed nothing in the bucket. */
  latency: Record<string, { p50: number; p99: number }>;
}

export function bucketSeconds(lastSecond: number, maxPoints = MAX_POINTS): number {
  return Math.max(1, Math.ceil((lastSecond + 1) / maxPoints));
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}

/** Buckets from second 0 to `lastSecond`; seconds missing from the series count as seconds with nothing. */
export function downsample(series: readonly SecondSample[], lastSecond: number, k: number): Bucket[] {
  const bySecond = new Map(series.map((sample) => [sample.second, sample]));
  const buckets: Bucket[] = [];
  for (let start = 0; start <= lastSecond; start += k) {
    const width = Math.min(k, lastSecond + 1 - start);
    let ops = 0;
    let errors = 0;
    const perOp = new Map<string, { p50: number[]; p99: number[] }>();
    for (let second = start; second < start + width; second += 1) {
      const sample = bySecond.get(second);
      if (!sample) continue;
      ops += sample.ops;
      errors += sample.errors;
      for (const [name, op] of Object.entries(sample.operations)) {
        // A merged report's per-second percentiles are unknown (null): counts only.
        if (op.count === 0 || op.p50 === null || op.p99 === null) continue;
        const acc = perOp.get(name) ?? { p50: [], p99: [] };
        acc.p50.push(op.p50);
        acc.p99.push(op.p99);
        perOp.set(name, acc);
      }
    }
    const latency: Bucket['latency'] = {};
    for (const [name, acc] of perOp)
      latency[name] = { p50: k === 1 ? (acc.p50[0] ?? 0) : median(acc.p50), p99: Math.max(...acc.p99) };
    buckets.push({ x: start + width / 2, opsPerS: ops / width, errorsPerS: errors / width, latency });
  }
  return buckets;
}
