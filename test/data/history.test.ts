// The historical orders are generated as they are read, a chunk at a time (docs/architecture.md, "Data sizes"):
// whatever the chunk size, a pass yields the same orders, in id and time order, inside the history window.
import { describe, expect, it } from 'vitest';
import type { Order } from '../../src/domain.js';
import {
  HISTORY_CHUNK,
  allHistoricalOrders,
  historicalOrders,
  isHistoricalOrderId,
  type HistorySpec,
} from '../../src/data/history.js';
import { ProductPopularity } from '../../src/data/popularity.js';
import { generateDataset } from '../../src/data/generate.js';
import type { DataSpec } from '../../src/scenario/types.js';

const REFERENCE = Date.UTC(2024, 5, 1);
const DAY_MS = 86_400_000;
const SPEC: DataSpec = {
  users: 200,
  products: 300,
  categories: 6,
  followsPerUser: 2,
  likesPerUser: 2,
  historicalOrders: 25_003,
  historyDays: 30,
  stockPerProduct: 10,
  popularitySkew: 1,
};
const dataset = generateDataset(SPEC, 7, REFERENCE);
const popularity = new ProductPopularity(dataset.products, SPEC.popularitySkew, 7);

function history(count: number, seed = 7) {
  const spec: HistorySpec = { count, historyDays: SPEC.historyDays, referenceEpochMs: REFERENCE };
  return historicalOrders(spec, SPEC.users, popularity, seed);
}

function flatten(chunks: Iterable<Order[]>): Order[] {
  const all: Order[] = [];
  for (const chunk of chunks) all.push(...chunk);
  return all;
}

describe('historical orders, chunk by chunk', () => {
  const whole = allHistoricalOrders(dataset.history);

  it('yields the same orders whatever the chunk size, across chunk boundaries', () => {
    expect(whole).toHaveLength(SPEC.historicalOrders);
    for (const size of [1, 7, 1000, SPEC.historicalOrders, 10 * SPEC.historicalOrders]) {
      expect(flatten(dataset.history.chunks(size)), `chunks of ${size}`).toEqual(whole);
    }
  });

  it('hands out arrays of at most the chunk size, only the last one shorter', () => {
    const sizes = [...dataset.history.chunks(1000)].map((chunk) => chunk.length);
    expect(sizes).toEqual([...Array.from({ length: 25 }, () => 1000), 3]);
    expect([...dataset.history.chunks()].map((chunk) => chunk.length)).toEqual([
      HISTORY_CHUNK,
      HISTORY_CHUNK,
      5003,
    ]);
  });

  it('is deterministic for (spec, seed, reference) and differs for another seed', () => {
    expect(allHistoricalOrders(history(SPEC.historicalOrders))).toEqual(whole);
    expect(allHistoricalOrders(history(SPEC.historicalOrders, 8))).not.toEqual(whole);
  });

  it('runs h-1, h-2, … in nondecreasing time inside the window, across chunks', () => {
    const windowStart = REFERENCE - SPEC.historyDays * DAY_MS;
    let n = 0;
    let previous = -Infinity;
    const wrong: string[] = [];
    for (const chunk of dataset.history.chunks(999)) {
      for (const order of chunk) {
        n += 1;
        const t = order.createdAt;
        const ok = order.id === `h-${n}` && Number.isInteger(t) && t >= previous && t >= windowStart;
        if (!ok || t >= REFERENCE) wrong.push(`${order.id} at ${t} after ${previous}`);
        previous = t;
      }
    }
    expect(wrong).toEqual([]);
    expect(n).toBe(SPEC.historicalOrders);
  });

  it('spreads the times uniformly over the window (Kolmogorov–Smirnov at 1 %)', () => {
    const windowStart = REFERENCE - SPEC.historyDays * DAY_MS;
    let worst = 0;
    whole.forEach((order, index) => {
      // The times are sorted, so the empirical CDF just past order index is (index + 1) / n.
      const theoretical = (order.createdAt - windowStart) / (SPEC.historyDays * DAY_MS);
      const n = whole.length;
      worst = Math.max(worst, Math.abs((index + 1) / n - theoretical), Math.abs(index / n - theoretical));
    });
    expect(worst).toBeLessThan(1.63 / Math.sqrt(whole.length));
  });

  it('is an iterator that makes one chunk at a time: the first chunk of a billion orders comes at once', () => {
    const huge = history(1e9);
    expect(huge.count).toBe(1e9);
    const chunks = huge.chunks(10);
    expect(typeof chunks.next).toBe('function');
    const first = chunks.next();
    expect(first.done).toBe(false);
    expect(first.value!.map((order) => order.id)).toEqual(Array.from({ length: 10 }, (_, i) => `h-${i + 1}`));
    // The same buyers and lines as the small history's first orders: only the times depend on the count.
    expect(first.value!.map(({ userId, lines }) => ({ userId, lines }))).toEqual(
      whole.slice(0, 10).map(({ userId, lines }) => ({ userId, lines })),
    );
  });

  it('refuses a chunk size that is not a positive integer', () => {
    expect(() => dataset.history.chunks(0).next()).toThrow(RangeError);
    expect(() => dataset.history.chunks(2.5).next()).toThrow(RangeError);
  });
});

describe('isHistoricalOrderId', () => {
  it('tells the history ids from everything else without the orders', () => {
    expect(isHistoricalOrderId('h-1', 3)).toBe(true);
    expect(isHistoricalOrderId('h-3', 3)).toBe(true);
    expect(isHistoricalOrderId('h-4', 3)).toBe(false);
    expect(isHistoricalOrderId('h-0', 3)).toBe(false);
    expect(isHistoricalOrderId('h-01', 3)).toBe(false);
    expect(isHistoricalOrderId('o-1', 3)).toBe(false);
    expect(isHistoricalOrderId('h-1', 0)).toBe(false);
  });
});
