// Orders placed before the run, so "customers who bought this also bought" and the analytics dashboards have
// something to find on the first request. They do not touch stock (see initialStock).
import { orderTotal, type Order, type OrderLine } from '../domain.js';
import type { ProductPopularity } from './popularity.js';
import { Random, deriveSeed } from './random.js';
import { drawDistinct, shuffledIds } from './sampling.js';
import { Zipf } from './zipf.js';

/** Zipf exponent of how often each user buys: repeat customers give the purchase graph its overlaps. */
export const BUYER_SKEW = 0.6;
const MAX_LINES = 4;
const MAX_QUANTITY = 3;
const DAY_MS = 86_400_000;

export interface HistorySpec {
  count: number;
  historyDays: number;
  referenceEpochMs: number;
}

/**
 * Order creation times, uniform over [reference − historyDays, reference) and sorted, so ids "h-1", "h-2", …
 * run in time order like a real sequence would.
 */
function orderTimes(spec: HistorySpec, rng: Random): Float64Array {
  const windowMs = spec.historyDays * DAY_MS;
  const times = new Float64Array(spec.count);
  for (let i = 0; i < spec.count; i++) {
    times[i] = spec.referenceEpochMs - 1 - Math.floor(rng.next() * windowMs);
  }
  return times.sort();
}

/** Orders "h-1" … "h-<count>": 1–4 distinct popular products, 1–3 units each, at the product's price. */
export function generateHistoricalOrders(
  spec: HistorySpec,
  userCount: number,
  popularity: ProductPopularity,
  seed: number,
): Order[] {
  if (spec.count === 0) return [];
  const rng = new Random(deriveSeed(seed, 'history'));
  const times = orderTimes(spec, new Random(deriveSeed(seed, 'history-times')));
  const buyersByActivity = shuffledIds(userCount, new Random(deriveSeed(seed, 'buyers')));
  const activity = new Zipf(userCount, BUYER_SKEW);
  const orders: Order[] = [];
  for (let n = 1; n <= spec.count; n++) {
    const userId = buyersByActivity[activity.sample(rng)]!;
    const ranks = drawDistinct(rng.int(1, MAX_LINES), popularity.size, () => popularity.sampleRank(rng));
    const lines: OrderLine[] = ranks.map((rank) => {
      const product = popularity.atRank(rank);
      return {
        productId: product.id,
        categoryId: product.categoryId,
        quantity: rng.int(1, MAX_QUANTITY),
        unitPriceCents: product.priceCents,
      };
    });
    orders.push({ id: `h-${n}`, userId, lines, totalCents: orderTotal(lines), createdAt: times[n - 1]! });
  }
  return orders;
}
