// The arguments micro operations are called with: drawn from the dataset with one seeded stream per operation,
// so every store answers the same sequence of questions. Drawing from historical orders (a random order line's
// product, a random order's buyer) weights products and users by how much they were bought, as live traffic
// does, without needing the scenario's popularity settings.
import type { Dataset } from '../domain.js';
import { Random, deriveSeed } from '../data/random.js';

/**
 * Draws per operation, replayed in a cycle. Drawing ahead keeps the random numbers out of the timed call (an
 * in-process store answers in about a microsecond); 1024 distinct arguments is enough to defeat per-key
 * caching in the store while bounding what writes can touch.
 */
export const RING_SIZE = 1024;

/** Values taken in turn, forever. */
export class Ring<T> {
  private next = 0;

  constructor(private readonly values: readonly T[]) {
    if (values.length === 0) throw new RangeError('Ring: no values');
  }

  take(): T {
    const value = this.values[this.next]!;
    this.next = (this.next + 1) % this.values.length;
    return value;
  }
}

export interface ArgumentPools {
  productIds: readonly number[];
  categoryIds: readonly number[];
  /** Users who placed historical orders. */
  buyerIds: readonly number[];
  /** Users who follow someone (friendsLiked has an answer for them). */
  followerIds: readonly number[];
  orderIds: readonly string[];
  userIds: readonly number[];
}

export function argumentPools(dataset: Dataset): ArgumentPools {
  // One pass over the history, keeping the ids the pools draw from rather than the orders.
  const orderedProducts: number[] = [];
  const buyerIds: number[] = [];
  const orderIds: string[] = [];
  for (const chunk of dataset.history.chunks()) {
    for (const order of chunk) {
      for (const line of order.lines) orderedProducts.push(line.productId);
      buyerIds.push(order.userId);
      orderIds.push(order.id);
    }
  }
  const followerIds: number[] = [];
  for (const { follows } of dataset.social.chunks()) {
    for (const follow of follows) followerIds.push(follow.followerId);
  }
  const categoryOf = new Map(dataset.products.map((product) => [product.id, product.categoryId]));
  const productIds =
    orderedProducts.length > 0 ? orderedProducts : dataset.products.map((product) => product.id);
  return {
    productIds,
    categoryIds: productIds.flatMap((id) => {
      const category = categoryOf.get(id);
      return category === undefined ? [] : [category];
    }),
    buyerIds,
    followerIds,
    orderIds,
    userIds: dataset.users.map((user) => user.id),
  };
}

/** RING_SIZE draws from pool on the operation's own stream; null when the pool is empty. */
export function drawRing<T>(dataset: Dataset, operation: string, pool: readonly T[]): Ring<T> | null {
  if (pool.length === 0) return null;
  const rng = new Random(deriveSeed(dataset.seed, 'micro', operation));
  return new Ring(Array.from({ length: RING_SIZE }, () => rng.pick(pool)));
}

/**
 * The since-bound of the analytics queries: the newer half of the history. Analysts' window is relative to
 * the wall clock during a run; here the data is the historical orders alone, and half of them is a scan the
 * size of the data rather than of an arbitrary hour.
 */
export function analyticsSince(dataset: Dataset): number | null {
  const { count } = dataset.history;
  if (count === 0) return null;
  // The history runs in time order, so the median time is the middle order's.
  let index = 0;
  const middle = Math.floor(count / 2);
  for (const chunk of dataset.history.chunks()) {
    if (index + chunk.length > middle) return chunk[middle - index]!.createdAt;
    index += chunk.length;
  }
  throw new Error(`the history yielded ${index} of its ${count} orders`);
}
