import { describe, expect, it } from 'vitest';
import { tVisibility } from '../../src/metrics/visibility.js';

describe('tVisibility', () => {
  it('gives the fraction of sampled writes visible within each default threshold', () => {
    // µs: 0.5 ms, 5 ms, 50 ms, 500 ms, 5 s
    const lags = [500, 5_000, 50_000, 500_000, 5_000_000];
    expect(tVisibility(lags, 5)).toEqual([
      { withinMs: 1, fraction: 0.2 },
      { withinMs: 10, fraction: 0.4 },
      { withinMs: 100, fraction: 0.6 },
      { withinMs: 1000, fraction: 0.8 },
      { withinMs: 10000, fraction: 1 },
    ]);
  });

  it('counts never-visible writes as not visible: the denominator is every sampled write', () => {
    const points = tVisibility([100, 200], 4);
    expect(points.map((p) => p.fraction)).toEqual([0.5, 0.5, 0.5, 0.5, 0.5]);
  });

  it('counts a lag equal to t as within t, one microsecond more as not', () => {
    expect(tVisibility([10_000, 10_001], 2, [10])).toEqual([{ withinMs: 10, fraction: 0.5 }]);
  });

  it('counts a write seen before its commit ack as visible within every t', () => {
    expect(tVisibility([-300], 1, [1])).toEqual([{ withinMs: 1, fraction: 1 }]);
  });

  it('returns no points when nothing was sampled, never NaN', () => {
    expect(tVisibility([], 0)).toEqual([]);
  });

  it('gives 0 everywhere when no sampled write was ever seen', () => {
    expect(tVisibility([], 3, [1, 10000]).map((p) => p.fraction)).toEqual([0, 0]);
  });

  it('refuses more seen writes than sampled ones (a bookkeeping bug)', () => {
    expect(() => tVisibility([1, 2, 3], 2)).toThrow(RangeError);
  });
});
