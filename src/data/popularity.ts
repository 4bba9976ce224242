// Which products shoppers want: Zipf over popularity ranks, with ranks assigned to products by a seeded
// permutation so the bestseller is not simply product 1 (that would put every hot row at the start of each
// table and index). The generator's likes and historical orders and the live traffic build this from the same
// (products, skew, seed), so the products that were popular yesterday are the ones shoppers buy today.
import type { Product } from '../domain.js';
import { Random, deriveSeed } from './random.js';
import { Zipf } from './zipf.js';

export class ProductPopularity {
  /** byRank[0] is the most popular product. */
  private readonly byRank: readonly Product[];
  private readonly zipf: Zipf;
  /** hottest() is called on every hot add-to-cart; the list for a given count never changes. */
  private readonly hottestByCount = new Map<number, readonly Product[]>();

  constructor(products: readonly Product[], skew: number, seed: number) {
    if (products.length === 0) throw new RangeError('ProductPopularity: no products');
    // Sorting by id first makes the ranking independent of the order a store returned the products in.
    const byId = [...products].sort((a, b) => a.id - b.id);
    this.byRank = new Random(deriveSeed(seed, 'popularity')).shuffle(byId);
    this.zipf = new Zipf(products.length, skew);
  }

  get size(): number {
    return this.byRank.length;
  }

  /** A product drawn by popularity. Consumes exactly one number from rng. */
  sample(rng: Random): Product {
    return this.byRank[this.zipf.sample(rng)]!;
  }

  /** A popularity rank (0 = most popular), for callers that need to redraw or probe distinct products. */
  sampleRank(rng: Random): number {
    return this.zipf.sample(rng);
  }

  atRank(rank: number): Product {
    const product = this.byRank[rank];
    if (product === undefined) throw new RangeError(`ProductPopularity: no rank ${rank} of ${this.size}`);
    return product;
  }

  /** The `count` most popular products, most popular first (fewer if the catalog is smaller). Shared: do not mutate. */
  hottest(count: number): readonly Product[] {
    const clamped = Math.max(0, Math.min(Math.floor(count), this.byRank.length));
    let hottest = this.hottestByCount.get(clamped);
    if (hottest === undefined) {
      hottest = this.byRank.slice(0, clamped);
      this.hottestByCount.set(clamped, hottest);
    }
    return hottest;
  }
}
