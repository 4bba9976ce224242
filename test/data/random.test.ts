import { describe, expect, it } from 'vitest';
import { Random, deriveSeed } from '../../src/data/random.js';

function expectNear(actual: number, expected: number, tolerance: number): void {
  expect(Math.abs(actual - expected)).toBeLessThan(tolerance);
}

function draws(rng: Random, count: number): number[] {
  return Array.from({ length: count }, () => rng.next());
}

describe('Random', () => {
  it('repeats its sequence for the same seed and differs for another', () => {
    expect(draws(new Random(42), 50)).toEqual(draws(new Random(42), 50));
    expect(draws(new Random(42), 50)).not.toEqual(draws(new Random(43), 50));
  });

  it('accepts any number as a seed (negative, large, fractional)', () => {
    for (const seed of [-1, 0, 2 ** 40, 1.5, Number.MAX_SAFE_INTEGER]) {
      const values = draws(new Random(seed), 100);
      expect(values.every((value) => value >= 0 && value < 1)).toBe(true);
      expect(new Set(values).size).toBeGreaterThan(95);
    }
  });

  it('next() is uniform on [0, 1)', () => {
    const rng = new Random(1);
    const bins = new Array<number>(10).fill(0);
    const samples = 100_000;
    let outside = 0;
    for (let i = 0; i < samples; i++) {
      const value = rng.next();
      if (value < 0 || value >= 1) outside++;
      else bins[Math.floor(value * 10)]!++;
    }
    expect(outside).toBe(0);
    for (const count of bins) expectNear(count / samples, 0.1, 0.01);
  });

  it('int() covers both bounds and nothing outside', () => {
    const rng = new Random(2);
    const seen = new Set<number>();
    for (let i = 0; i < 2000; i++) seen.add(rng.int(-2, 3));
    expect([...seen].sort((a, b) => a - b)).toEqual([-2, -1, 0, 1, 2, 3]);
    expect(rng.int(5, 5)).toBe(5);
    expect(() => rng.int(3, 2)).toThrow(RangeError);
    expect(() => rng.int(0.5, 2)).toThrow(RangeError);
  });

  it('pick() returns members and refuses an empty array', () => {
    const rng = new Random(3);
    const items = ['a', 'b', 'c'] as const;
    const seen = new Set(Array.from({ length: 200 }, () => rng.pick(items)));
    expect(seen).toEqual(new Set(items));
    expect(() => rng.pick([])).toThrow(RangeError);
  });

  it('weighted() follows the weights and never picks a zero weight', () => {
    const rng = new Random(4);
    const counts = { browse: 0, shop: 0, buy: 0, social: 0 };
    const samples = 100_000;
    for (let i = 0; i < samples; i++) counts[rng.weighted({ browse: 6, shop: 3, buy: 1, social: 0 })]++;
    expect(counts.social).toBe(0);
    expectNear(counts.browse / samples, 0.6, 0.01);
    expectNear(counts.shop / samples, 0.3, 0.01);
    expectNear(counts.buy / samples, 0.1, 0.01);
    expect(() => rng.weighted({ a: 0, b: 0 })).toThrow(RangeError);
    expect(() => rng.weighted({ a: -1, b: 2 })).toThrow(RangeError);
  });

  it('exponential() and geometric() have the requested means', () => {
    const rng = new Random(5);
    const samples = 100_000;
    let exponentialSum = 0;
    let geometricSum = 0;
    let notCounts = 0;
    for (let i = 0; i < samples; i++) {
      exponentialSum += rng.exponential(2.5);
      const count = rng.geometric(4);
      if (!Number.isInteger(count) || count < 0) notCounts++;
      geometricSum += count;
    }
    expect(notCounts).toBe(0);
    expectNear(exponentialSum / samples, 2.5, 0.05);
    expectNear(geometricSum / samples, 4, 0.05);
    expect(rng.geometric(0)).toBe(0);
  });

  it('chance() is true with the given probability', () => {
    const rng = new Random(6);
    let hits = 0;
    for (let i = 0; i < 100_000; i++) if (rng.chance(0.25)) hits++;
    expectNear(hits / 100_000, 0.25, 0.01);
    expect(rng.chance(0)).toBe(false);
    expect(rng.chance(1)).toBe(true);
  });

  it('shuffle() permutes in place', () => {
    const items = Array.from({ length: 100 }, (_, index) => index);
    const shuffled = new Random(7).shuffle(items);
    expect(shuffled).toBe(items);
    expect([...shuffled].sort((a, b) => a - b)).toEqual(Array.from({ length: 100 }, (_, index) => index));
    expect(shuffled).not.toEqual(Array.from({ length: 100 }, (_, index) => index));
  });
});

describe('deriveSeed', () => {
  it('is stable across calls and a 32-bit unsigned integer', () => {
    const seed = deriveSeed(42, 'arrival', 1234);
    expect(deriveSeed(42, 'arrival', 1234)).toBe(seed);
    expect(Number.isInteger(seed) && seed >= 0 && seed < 2 ** 32).toBe(true);
  });

  it('differs for different seeds, parts, part order and part types', () => {
    const seeds = [
      deriveSeed(42),
      deriveSeed(43),
      deriveSeed(42, 'arrival', 1234),
      deriveSeed(42, 'arrival', 1235),
      deriveSeed(43, 'arrival', 1234),
      deriveSeed(42, 'probe', 1234),
      deriveSeed(42, 1234, 'arrival'),
      deriveSeed(42, 'arrival', '1234'),
      deriveSeed(42, 'ab', 'c'),
      deriveSeed(42, 'a', 'bc'),
      deriveSeed(42, 2 ** 32 + 1),
      deriveSeed(42, 1),
    ];
    expect(new Set(seeds).size).toBe(seeds.length);
  });

  it('gives each arrival its own stream, whatever other streams consumed', () => {
    const journey = (arrival: number) => draws(new Random(deriveSeed(7, 'arrival', arrival)), 20);
    const alone = journey(1234);
    // Drain other streams first, in another order: arrival 1234 still sees the same numbers.
    draws(new Random(deriveSeed(7, 'arrival', 1235)), 500);
    draws(new Random(deriveSeed(7, 'arrival', 1233)), 3);
    expect(journey(1234)).toEqual(alone);
    expect(journey(1235)).not.toEqual(alone);
  });

  it('spreads consecutive parts evenly (no visible correlation in first draws)', () => {
    let sum = 0;
    for (let arrival = 0; arrival < 10_000; arrival++)
      sum += new Random(deriveSeed(1, 'arrival', arrival)).next();
    expectNear(sum / 10_000, 0.5, 0.01);
  });
});
