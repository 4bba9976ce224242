import { describe, expect, it } from 'vitest';
import { Random } from '../../src/data/random.js';
import { Zipf } from '../../src/data/zipf.js';

function frequencies(zipf: Zipf, samples: number, seed: number): number[] {
  const rng = new Random(seed);
  const counts = new Array<number>(zipf.n).fill(0);
  for (let i = 0; i < samples; i++) counts[zipf.sample(rng)]!++;
  return counts.map((count) => count / samples);
}

function harmonic(n: number): number {
  let sum = 0;
  for (let k = 1; k <= n; k++) sum += 1 / k;
  return sum;
}

describe('Zipf', () => {
  it('with exponent 1 and n = 100, rank 0 is drawn about 1 / H(100) ≈ 0.193 of the time', () => {
    const zipf = new Zipf(100, 1);
    const expected = 1 / harmonic(100);
    expect(expected).toBeCloseTo(0.193, 3);
    expect(zipf.probability(0)).toBeCloseTo(expected, 12);
    const observed = frequencies(zipf, 100_000, 11);
    // The standard error at 100k samples is about 0.00125; allow four of them.
    expect(Math.abs(observed[0]! - expected)).toBeLessThan(0.005);
    // Rank 1 is half as likely as rank 0 (1/2 vs 1/1).
    expect(Math.abs(observed[1]! - expected / 2)).toBeLessThan(0.005);
  });

  it('is uniform when the exponent is 0', () => {
    const zipf = new Zipf(10, 0);
    const observed = frequencies(zipf, 100_000, 12);
    for (const frequency of observed) expect(Math.abs(frequency - 0.1)).toBeLessThan(0.005);
    expect(zipf.probability(3)).toBe(0.1);
  });

  it('samples only ranks in 0..n-1, and probabilities sum to 1', () => {
    const zipf = new Zipf(37, 1.3);
    const rng = new Random(13);
    const ranks = new Set(Array.from({ length: 10_000 }, () => zipf.sample(rng)));
    expect([...ranks].every((rank) => Number.isInteger(rank) && rank >= 0 && rank < 37)).toBe(true);
    let total = 0;
    for (let rank = 0; rank < 37; rank++) total += zipf.probability(rank);
    expect(total).toBeCloseTo(1, 12);
    expect(zipf.probability(37)).toBe(0);
  });

  it('handles n = 1 and a million ranks', () => {
    const rng = new Random(14);
    expect(new Zipf(1, 1).sample(rng)).toBe(0);
    const large = new Zipf(1_000_000, 0.99);
    let topHundred = 0;
    let outside = 0;
    for (let i = 0; i < 10_000; i++) {
      const rank = large.sample(rng);
      if (rank < 0 || rank >= 1_000_000) outside++;
      if (rank < 100) topHundred++;
    }
    expect(outside).toBe(0);
    // 100 of a million ranks still take about a third of the draws.
    expect(topHundred / 10_000).toBeGreaterThan(0.25);
  });

  it('consumes exactly one number per sample, skewed or not', () => {
    for (const exponent of [0, 1]) {
      const used = new Random(15);
      new Zipf(50, exponent).sample(used);
      const reference = new Random(15);
      reference.next();
      expect(used.next()).toBe(reference.next());
    }
  });

  it('rejects invalid parameters', () => {
    expect(() => new Zipf(0, 1)).toThrow(RangeError);
    expect(() => new Zipf(2.5, 1)).toThrow(RangeError);
    expect(() => new Zipf(10, -1)).toThrow(RangeError);
    expect(() => new Zipf(10, Number.NaN)).toThrow(RangeError);
  });
});
