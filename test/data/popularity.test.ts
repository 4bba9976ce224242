import { describe, expect, it } from 'vitest';
import type { Product } from '../../src/domain.js';
import { ProductPopularity } from '../../src/data/popularity.js';
import { Random } from '../../src/data/random.js';
import { drawDistinct } from '../../src/data/sampling.js';

function products(count: number): Product[] {
  return Array.from({ length: count }, (_, index) => ({
    id: index + 1,
    sku: `SKU-${index + 1}`,
    name: `Product ${index + 1}`,
    categoryId: 1,
    priceCents: 100,
    attributes: {},
  }));
}

const ids = (list: readonly Product[]) => list.map((product) => product.id);

describe('ProductPopularity', () => {
  it('ranks every product exactly once, in a seeded order that is not id order', () => {
    const catalog = products(500);
    const popularity = new ProductPopularity(catalog, 1, 42);
    const ranked = ids(popularity.hottest(500));
    expect([...ranked].sort((a, b) => a - b)).toEqual(ids(catalog));
    expect(ranked).not.toEqual(ids(catalog));
    expect(ids(new ProductPopularity(catalog, 1, 42).hottest(500))).toEqual(ranked);
    expect(ids(new ProductPopularity(catalog, 1, 43).hottest(500))).not.toEqual(ranked);
  });

  it('does not depend on the order the products are given in', () => {
    const catalog = products(100);
    const reversed = [...catalog].reverse();
    expect(ids(new ProductPopularity(reversed, 1, 5).hottest(100))).toEqual(
      ids(new ProductPopularity(catalog, 1, 5).hottest(100)),
    );
  });

  it('samples the hottest product most often', () => {
    const popularity = new ProductPopularity(products(100), 1, 42);
    const hottestId = popularity.hottest(1)[0]!.id;
    const rng = new Random(1);
    const counts = new Map<number, number>();
    for (let i = 0; i < 20_000; i++) {
      const id = popularity.sample(rng).id;
      counts.set(id, (counts.get(id) ?? 0) + 1);
    }
    const [mostSampled] = [...counts.entries()].sort((a, b) => b[1] - a[1])[0]!;
    expect(mostSampled).toBe(hottestId);
  });

  it('hottest() clamps to the catalog and returns the same list for the same count', () => {
    const popularity = new ProductPopularity(products(10), 1, 42);
    expect(popularity.hottest(50)).toHaveLength(10);
    expect(popularity.hottest(0)).toHaveLength(0);
    expect(popularity.hottest(3)).toBe(popularity.hottest(3));
    expect(popularity.atRank(0)).toBe(popularity.hottest(1)[0]);
    expect(() => popularity.atRank(10)).toThrow(RangeError);
  });

  it('refuses an empty catalog', () => {
    expect(() => new ProductPopularity([], 1, 42)).toThrow(RangeError);
  });
});

describe('drawDistinct', () => {
  it('returns distinct values, never the excluded one, even when asked for all of them under heavy skew', () => {
    const rng = new Random(3);
    // A draw that almost always says 0: probing must still find every other value.
    const values = drawDistinct(10, 10, () => (rng.chance(0.99) ? 0 : rng.int(0, 9)), 4);
    expect(values).toHaveLength(9);
    expect(new Set(values).size).toBe(9);
    expect(values).not.toContain(4);
  });
});
