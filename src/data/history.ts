// Orders placed before the run, so "customers who bought this also bought" and the analytics dashboards have
// something to find on the first request. They do not touch stock (see initialStock).
import { orderTotal, type HistoricalOrders, type Order, type OrderLine } from '../domain.js';
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

/** Orders per array chunks() yields when the caller does not say: 10,000 orders are a few MB. */
export const HISTORY_CHUNK = 10_000;

/**
 * Order creation times, uniform over [reference − historyDays, reference), made in ascending order one at a time
 * so no array of all of them is needed: the largest of m uniforms on [0, 1) is V^(1/m) for V uniform, and the
 * rest lie below it as m − 1 uniforms on [0, that), so multiplying by V_k^(1/(m−k)) walks the order statistics
 * downwards (in log space, where the product is a sum). A time is reference − 1 − ⌊u · window⌋, so falling u is
 * rising time and ids "h-1", "h-2", … run in time order like a real sequence would.
 */
class AscendingTimes {
  private logU = 0;
  private remaining: number;
  private readonly windowMs: number;

  constructor(
    private readonly spec: HistorySpec,
    private readonly rng: Random,
  ) {
    this.remaining = spec.count;
    this.windowMs = spec.historyDays * DAY_MS;
  }

  next(): number {
    // 1 − next() is in (0, 1]: its log is finite.
    this.logU += Math.log(1 - this.rng.next()) / this.remaining;
    this.remaining -= 1;
    // u can reach 1 (V = 1 on the first draw); the window is half-open, so its oldest millisecond is the floor.
    const offset = Math.min(Math.floor(Math.exp(this.logU) * this.windowMs), Math.max(0, this.windowMs - 1));
    return this.spec.referenceEpochMs - 1 - offset;
  }
}

/** No orders: a dataset without products or users has no history. */
export const NO_HISTORY: HistoricalOrders = {
  count: 0,
  *chunks() {
    yield* [];
  },
};

/**
 * Orders "h-1" … "h-<count>": 1–4 distinct popular products, 1–3 units each, at the product's price. Each
 * chunks() call starts the seeded streams afresh, so every pass (and every chunk size) yields the same orders.
 */
export function historicalOrders(
  spec: HistorySpec,
  userCount: number,
  popularity: ProductPopularity,
  seed: number,
): HistoricalOrders {
  if (spec.count === 0) return NO_HISTORY;
  const buyersByActivity = shuffledIds(userCount, new Random(deriveSeed(seed, 'buyers')));
  const activity = new Zipf(userCount, BUYER_SKEW);
  function* chunks(size = HISTORY_CHUNK): Generator<Order[], void, undefined> {
    if (!Number.isSafeInteger(size) || size < 1) throw new RangeError(`chunk size must be >= 1, got ${size}`);
    const rng = new Random(deriveSeed(seed, 'history'));
    const times = new AscendingTimes(spec, new Random(deriveSeed(seed, 'history-times')));
    let chunk: Order[] = [];
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
      chunk.push({
        id: historicalOrderId(n),
        userId,
        lines,
        totalCents: orderTotal(lines),
        createdAt: times.next(),
      });
      if (chunk.length === size) {
        yield chunk;
        chunk = [];
      }
    }
    if (chunk.length > 0) yield chunk;
  }
  return { count: spec.count, chunks };
}

function historicalOrderId(n: number): string {
  return `h-${n}`;
}

/** Whether id is one of the history's "h-1" … "h-<count>": reconciliation's test, without the orders. */
export function isHistoricalOrderId(id: string, count: number): boolean {
  if (!/^h-[1-9][0-9]*$/.test(id)) return false;
  return Number(id.slice(2)) <= count;
}

/** A history of orders given in full (a test's hand-made shop): chunks() slices them, in the order given. */
export function fixedHistory(orders: readonly Order[]): HistoricalOrders {
  return {
    count: orders.length,
    *chunks(size = HISTORY_CHUNK) {
      for (let start = 0; start < orders.length; start += size) yield orders.slice(start, start + size);
    },
  };
}

/** Every order of the history in one array: for small data (tests, micro), never for a run's load. */
export function allHistoricalOrders(history: HistoricalOrders): Order[] {
  const orders: Order[] = [];
  for (const chunk of history.chunks()) orders.push(...chunk);
  return orders;
}
