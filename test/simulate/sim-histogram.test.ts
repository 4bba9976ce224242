// The simulator's histogram counts values in JavaScript and hands them to HdrHistogram at the end: what it
// reports must be exactly what recording every value into a LatencyHistogram reports — the same counts,
// percentiles, mean and encoded histogram — including out-of-range and invalid values.
import { beforeAll, describe, expect, it } from 'vitest';
import { Random } from '../../src/data/random.js';
import { HIGHEST_US, initHistograms, LatencyHistogram } from '../../src/metrics/histogram.js';
import { SimHistogram } from '../../src/simulate/sim-histogram.js';

beforeAll(async () => {
  await initHistograms();
});

function both(values: readonly number[]): { sim: SimHistogram; direct: LatencyHistogram } {
  const sim = new SimHistogram();
  const direct = new LatencyHistogram();
  for (const value of values) {
    sim.record(value);
    direct.record(value);
  }
  return { sim, direct };
}

describe('SimHistogram', () => {
  it('summarises exactly as recording each value into a LatencyHistogram', () => {
    const rng = new Random(5);
    // Every magnitude from sub-µs to past the 1 h ceiling, bucket edges, fractions that round either way.
    const values = Array.from({ length: 200_000 }, () => Math.exp(rng.next() * Math.log(HIGHEST_US * 2)));
    values.push(0, 0.49, 0.5, 1, 2047, 2047.5, 2048, 2049, 4095, 4096, HIGHEST_US, HIGHEST_US + 1, NaN, -3);
    const { sim, direct } = both(values);
    try {
      expect(sim.histogram().summary()).toEqual(direct.summary());
      expect(sim.summarize()).toEqual(direct.summary());
      expect(sim.histogram().clampedLow).toBe(direct.clampedLow);
      expect(sim.histogram().clampedHigh).toBe(direct.clampedHigh);
      expect(sim.histogram().invalid).toBe(1);
    } finally {
      sim.destroy();
      direct.destroy();
    }
  });

  it('reads its figures from its own counts exactly as HdrHistogram computes them', () => {
    const rng = new Random(9);
    // In range only (out-of-range values send the summary through the LatencyHistogram): long tails, bucket
    // edges, a heavy repeat, and counts that make percentile ranks fall on bucket boundaries.
    const values = Array.from({ length: 300_000 }, () => 1 + rng.next() ** 6 * (HIGHEST_US - 1));
    for (let i = 0; i < 5_000; i++) values.push(2047, 2048, 4095, 4096, 1_000_003);
    for (const size of [1, 2, 99, 100, 1000, values.length]) {
      const { sim, direct } = both(values.slice(0, size));
      try {
        expect(sim.summarize(), `${size} values`).toEqual(direct.summary());
      } finally {
        sim.destroy();
        direct.destroy();
      }
    }
    const empty = new SimHistogram();
    expect(empty.summarize()).toBeNull();
    empty.destroy();
  });

  it('keeps counting after its figures were read', () => {
    const { sim, direct } = both([10, 20, 30]);
    try {
      expect(sim.histogram().count).toBe(3);
      expect(sim.summarize()).toEqual(direct.summary());
      for (const value of [5000, 7_000_000]) {
        sim.record(value);
        direct.record(value);
      }
      expect(sim.histogram().summary()).toEqual(direct.summary());
      expect(sim.summarize()).toEqual(direct.summary());
      sim.record(-1);
      direct.record(-1);
      expect(sim.summarize()).toEqual(direct.summary());
    } finally {
      sim.destroy();
      direct.destroy();
    }
  });
});
