import { describe, expect, it } from 'vitest';
import { nearestRank, TimeSeries } from '../../src/metrics/timeseries.js';

const ORIGIN = 5_000_000; // µs: the measured window starts 5 s into the clock
const at = (seconds: number) => ORIGIN + seconds * 1_000_000;

describe('nearestRank', () => {
  it('takes the value at rank ceil(p/100 × n)', () => {
    const values = Array.from({ length: 100 }, (_, i) => i + 1);
    expect(nearestRank(values, 50)).toBe(50);
    expect(nearestRank(values, 99)).toBe(99);
    expect(nearestRank([10, 20, 30], 50)).toBe(20);
    expect(nearestRank([10, 20, 30], 99)).toBe(30);
    expect(nearestRank([7], 1)).toBe(7);
  });

  it('refuses an empty list rather than inventing a value', () => {
    expect(() => nearestRank([], 50)).toThrow(RangeError);
  });
});

describe('TimeSeries', () => {
  it('buckets by the second in which the operation ended, relative to the origin', () => {
    const series = new TimeSeries(ORIGIN);
    series.record('checkout', at(0), 900, true);
    series.record('checkout', at(0.999_999), 1_100, true);
    series.record('checkout', at(1), 1_300, true);
    const samples = series.samples();
    expect(samples.map((s) => [s.second, s.ops])).toEqual([
      [0, 2],
      [1, 1],
    ]);
  });

  it('ignores completions before the origin (warm-up)', () => {
    const series = new TimeSeries(ORIGIN);
    series.record('checkout', ORIGIN - 1, 50, true);
    expect(series.samples()).toEqual([]);
    series.record('checkout', ORIGIN, 50, true);
    expect(series.samples()).toHaveLength(1);
  });

  it('keeps seconds without completions as zero rows, so a stall is visible', () => {
    const series = new TimeSeries(ORIGIN);
    series.record('view-product', at(0.5), 400, true);
    series.record('view-product', at(3.2), 2_900_000, true);
    expect(series.samples()).toEqual([
      {
        second: 0,
        ops: 1,
        errors: 0,
        operations: { 'view-product': { count: 1, errors: 0, p50: 400, p99: 400 } },
      },
      { second: 1, ops: 0, errors: 0, operations: {} },
      { second: 2, ops: 0, errors: 0, operations: {} },
      {
        second: 3,
        ops: 1,
        errors: 0,
        operations: { 'view-product': { count: 1, errors: 0, p50: 2_900_000, p99: 2_900_000 } },
      },
    ]);
  });

  it('gives exact per-operation p50/p99 and counts errors per second', () => {
    const series = new TimeSeries(ORIGIN);
    // 100 view-products ending in second 2 with latencies 100..1 µs (out of order on purpose).
    for (let i = 100; i >= 1; i -= 1) series.record('view-product', at(2 + i / 1000), i, i % 10 !== 0);
    series.record('checkout', at(2.5), 7_000, false);
    const second = series.samples()[2];
    expect(second).toEqual({
      second: 2,
      ops: 101,
      errors: 11,
      operations: {
        'view-product': { count: 100, errors: 10, p50: 50, p99: 99 },
        checkout: { count: 1, errors: 1, p50: 7_000, p99: 7_000 },
      },
    });
  });

  it('has no rows before anything completed', () => {
    expect(new TimeSeries(ORIGIN).samples()).toEqual([]);
  });
});
