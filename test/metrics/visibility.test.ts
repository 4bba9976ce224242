import { describe, expect, it } from 'vitest';
import { tVisibility } from '../../src/metrics/visibility.js';

describe('tVisibility', () => {
  it('gives the fraction of sampled writes visible within each default threshold', () => {
    // µs: 0.5 ms, 5 ms, 50 ms, 500 ms, 5 s
    const lags = [500, 5_000, 50_000, 500_000, 5_000_000];
    expect(tVisibility(lags, [])).toEqual([
      { withinMs: 1, fraction: 0.2 },
      { withinMs: 10, fraction: 0.4 },
      { withinMs: 100, fraction: 0.6 },
      { withinMs: 1000, fraction: 0.8 },
      { withinMs: 10000, fraction: 1 },
    ]);
  });

  it('counts unseen writes as not visible up to where probing stopped: the denominator is every sampled write', () => {
    // Two seen quickly, two watched for 10 s without being seen.
    const points = tVisibility([100, 200], [10_000_000, 10_000_000]);
    expect(points.map((p) => p.fraction)).toEqual([0.5, 0.5, 0.5, 0.5, 0.5]);
  });

  it('gives unknown, with bounds, for t beyond where an unseen write stopped being probed', () => {
    // Probe timeout 300 ms: one write seen at 50 ms, three never seen within the timeout.
    const points = tVisibility([50_000], [300_000, 300_100, 301_000], [100, 300, 1000, 10000]);
    expect(points).toEqual([
      { withinMs: 100, fraction: 0.25 },
      { withinMs: 300, fraction: 0.25 },
      { withinMs: 1000, fraction: null, atLeast: 0.25, atMost: 1 },
      { withinMs: 10000, fraction: null, atLeast: 0.25, atMost: 1 },
    ]);
  });

  it('counts a lag equal to t as within t, one microsecond more as not', () => {
    expect(tVisibility([10_000, 10_001], [], [10])).toEqual([{ withinMs: 10, fraction: 0.5 }]);
  });

  it('counts a write seen before its commit ack as visible within every t', () => {
    expect(tVisibility([-300], [], [1])).toEqual([{ withinMs: 1, fraction: 1 }]);
  });

  it('returns no points when nothing was sampled, never NaN', () => {
    expect(tVisibility([], [])).toEqual([]);
  });

  it('gives 0 only as far as the unseen writes were watched', () => {
    expect(tVisibility([], [5_000_000, 5_000_000, 5_000_000], [1, 10000]).map((p) => p.fraction)).toEqual([
      0,
      null,
    ]);
  });
});
