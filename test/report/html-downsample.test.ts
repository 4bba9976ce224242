// Long runs are downsampled for drawing only: a 1-hour series becomes at most MAX_POINTS points, a short one
// keeps every second as the report has it.
import { describe, expect, it } from 'vitest';
import type { SecondSample } from '../../src/metrics/types.js';
import { bucketSeconds, downsample, MAX_POINTS } from '../../src/report/html/downsample.js';

function second(s: number, p99: number, ops = 10): SecondSample {
  return {
    second: s,
    ops,
    errors: 0,
    operations: { checkout: { count: ops, errors: 0, p50: p99 / 4, p99 } },
  };
}

describe('downsampling the per-second series', () => {
  it('keeps every second of a short run exactly', () => {
    const series = [second(0, 100), second(1, 200), second(2, 300)];
    const buckets = downsample(series, 2, bucketSeconds(2));
    expect(buckets.map((b) => [b.x, b.opsPerS, b.latency.checkout?.p99])).toEqual([
      [0.5, 10, 100],
      [1.5, 10, 200],
      [2.5, 10, 300],
    ]);
  });

  it('draws an hour in at most MAX_POINTS points, keeping the worst second’s p99 and the mean rate', () => {
    const series = Array.from({ length: 3600 }, (_, s) =>
      second(s, s === 1235 ? 99_000 : 1000, s % 2 ? 20 : 0),
    );
    const k = bucketSeconds(3599);
    const buckets = downsample(series, 3599, k);
    expect(buckets.length).toBeLessThanOrEqual(MAX_POINTS);
    expect(k).toBe(6);
    const spike = buckets[Math.floor(1235 / k)]!;
    expect(spike.latency.checkout?.p99).toBe(99_000);
    expect(spike.opsPerS).toBe(10);
  });

  it('counts a second missing from the series as a second with nothing, and leaves a gap in latency', () => {
    const buckets = downsample([second(0, 100)], 1, 1);
    expect(buckets[1]).toEqual({ x: 1.5, opsPerS: 0, errorsPerS: 0, latency: {} });
  });
});
