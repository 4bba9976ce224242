// The anomaly a shopper meets when search is a derived store (docs/measurements.md, "Stale in-stock"): a search
// listing a product as in stock after it sold out. The truth at the instant the results come back is the
// inventory's: its starting stock less the units of every order placed so far (warm-up included: those units
// are gone too). Orders are counted from the moment they are placed, a few hundred microseconds after their
// stock commit, so a listing in that gap is not counted: the figure is a lower bound, never an overcount.
import type { Order } from '../domain.js';
import type { SearchHit } from '../roles.js';
import type { StaleInStockStats } from './types.js';

export class StaleInStockRecorder {
  private readonly left: Map<number, number>;
  private readonly stats: StaleInStockStats = { searches: 0, listedInStock: 0, stale: 0, staleSearches: 0 };

  constructor(initialStock: ReadonlyMap<number, number>) {
    this.left = new Map(initialStock);
  }

  placed(order: Order): void {
    for (const line of order.lines) {
      this.left.set(line.productId, (this.left.get(line.productId) ?? 0) - line.quantity);
    }
  }

  /** A measured search's page; unmeasured ones are not counted. */
  listed(hits: readonly SearchHit[], measured: boolean): void {
    if (!measured) return;
    this.stats.searches += 1;
    let stale = 0;
    for (const hit of hits) {
      if (!hit.inStock) continue;
      this.stats.listedInStock += 1;
      if ((this.left.get(hit.productId) ?? 0) <= 0) stale += 1;
    }
    this.stats.stale += stale;
    if (stale > 0) this.stats.staleSearches += 1;
  }

  result(): StaleInStockStats {
    return { ...this.stats };
  }
}
