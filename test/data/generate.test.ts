import { describe, expect, it } from 'vitest';
import { orderTotal, type Dataset } from '../../src/domain.js';
import { CATEGORY_FAMILIES } from '../../src/data/category-families.js';
import { generateDataset } from '../../src/data/generate.js';
import { NO_HISTORY, allHistoricalOrders } from '../../src/data/history.js';
import { allSocialEdges } from '../../src/data/social.js';
import type { DataSpec } from '../../src/scenario/types.js';

/** Quickstart-sized. */
const SPEC: DataSpec = {
  users: 300,
  products: 500,
  categories: 12,
  followsPerUser: 10,
  likesPerUser: 5,
  historicalOrders: 1000,
  historyDays: 30,
  stockPerProduct: 100,
  popularitySkew: 1,
};
const SEED = 42;
const REFERENCE = Date.UTC(2024, 5, 1);
const DAY_MS = 86_400_000;

const dataset = generateDataset(SPEC, SEED, REFERENCE);
const orders = allHistoricalOrders(dataset.history);
const { follows, likes } = allSocialEdges(dataset.social);

function expectUnique<T>(values: readonly T[]): void {
  expect(new Set(values).size).toBe(values.length);
}

function countBy<T>(items: readonly T[], key: (item: T) => number | string): Map<number | string, number> {
  const counts = new Map<number | string, number>();
  for (const item of items) counts.set(key(item), (counts.get(key(item)) ?? 0) + 1);
  return counts;
}

describe('generateDataset: determinism', () => {
  it('makes a deeply equal dataset for the same spec, seed and reference time', () => {
    const again = generateDataset(SPEC, SEED, REFERENCE);
    expect({ ...again, history: null, social: null }).toEqual({ ...dataset, history: null, social: null });
    expect(allSocialEdges(again.social)).toEqual({ follows, likes });
    expect(allHistoricalOrders(again.history)).toEqual(orders);
  });

  it('makes a different dataset for a different seed', () => {
    const other = generateDataset(SPEC, SEED + 1, REFERENCE);
    expect(other.seed).toBe(SEED + 1);
    expect(other.products).not.toEqual(dataset.products);
    expect(other.users).not.toEqual(dataset.users);
    expect(allSocialEdges(other.social).follows).not.toEqual(follows);
    expect(allHistoricalOrders(other.history)).not.toEqual(orders);
  });

  it('keeps the other parts unchanged when one count changes (each part has its own stream)', () => {
    const moreOrders = generateDataset({ ...SPEC, historicalOrders: 2000 }, SEED, REFERENCE);
    expect(moreOrders.products).toEqual(dataset.products);
    expect(moreOrders.users).toEqual(dataset.users);
    expect(allSocialEdges(moreOrders.social)).toEqual({ follows, likes });
  });
});

describe('generateDataset: shape and invariants', () => {
  it('has the requested sizes and unique 1-based ids', () => {
    expect(dataset.categories).toHaveLength(SPEC.categories);
    expect(dataset.products).toHaveLength(SPEC.products);
    expect(dataset.users).toHaveLength(SPEC.users);
    expect(dataset.history.count).toBe(SPEC.historicalOrders);
    expect(orders).toHaveLength(SPEC.historicalOrders);
    expect(dataset.categories.map((category) => category.id)).toEqual(
      Array.from({ length: SPEC.categories }, (_, index) => index + 1),
    );
    expectUnique(dataset.products.map((product) => product.id));
    expectUnique(dataset.users.map((user) => user.id));
    expectUnique(orders.map((order) => order.id));
    expectUnique(dataset.products.map((product) => product.sku));
    expectUnique(dataset.categories.map((category) => category.name));
    expect(orders.every((order) => /^h-\d+$/.test(order.id))).toBe(true);
  });

  it('gives every user a unique, well-formed e-mail', () => {
    expectUnique(dataset.users.map((user) => user.email));
    for (const user of dataset.users) {
      expect(user.email).toMatch(/^[a-z0-9.]+@[a-z0-9.-]+\.[a-z]+$/);
      expect(user.name.length).toBeGreaterThan(2);
    }
  });

  it('puts every product in a valid category, every category has products, prices are integer cents', () => {
    const categoryIds = new Set(dataset.categories.map((category) => category.id));
    for (const product of dataset.products) {
      expect(categoryIds.has(product.categoryId)).toBe(true);
      expect(Number.isInteger(product.priceCents) && product.priceCents > 0).toBe(true);
      expect(product.name.length).toBeGreaterThan(0);
    }
    expect(new Set(dataset.products.map((product) => product.categoryId))).toEqual(categoryIds);
  });

  it('varies product attributes by category family', () => {
    const attributeKeys = new Set(
      dataset.products.map((product) => Object.keys(product.attributes).sort().join(',')),
    );
    // SPEC.categories (12) covers all eight families, each with its own attribute set.
    expect(attributeKeys.size).toBe(CATEGORY_FAMILIES.length);
    const book = dataset.products.find((product) => product.sku.startsWith('BK-'))!;
    expect(book.attributes).toMatchObject({ author: expect.any(String), pages: expect.any(Number) });
    expect(String(book.attributes.isbn)).toMatch(/^97[89]\d{10}$/);
    const shirt = dataset.products.find((product) => product.sku.startsWith('AP-'))!;
    expect(Object.keys(shirt.attributes)).toEqual(expect.arrayContaining(['size', 'color', 'material']));
    const gadget = dataset.products.find((product) => product.sku.startsWith('EL-'))!;
    expect(Object.keys(gadget.attributes)).toEqual(
      expect.arrayContaining(['brand', 'wattage', 'warrantyMonths']),
    );
    const food = dataset.products.find((product) => product.sku.startsWith('GR-'))!;
    expect(food.attributes).toMatchObject({ weightGrams: expect.any(Number), organic: expect.any(Boolean) });
  });

  it('has one stock row per product at stockPerProduct and the product price', () => {
    expect(dataset.stock).toHaveLength(dataset.products.length);
    dataset.stock.forEach((item, index) => {
      const product = dataset.products[index]!;
      expect(item).toEqual({
        productId: product.id,
        priceCents: product.priceCents,
        stock: SPEC.stockPerProduct,
      });
    });
  });

  it('has follows with valid users, no self-follows and no duplicate pairs, about followsPerUser each', () => {
    const pairs = follows.map((follow) => `${follow.followerId}>${follow.followeeId}`);
    expectUnique(pairs);
    for (const follow of follows) {
      expect(follow.followerId).not.toBe(follow.followeeId);
      expect(follow.followeeId >= 1 && follow.followeeId <= SPEC.users).toBe(true);
    }
    const mean = follows.length / SPEC.users;
    expect(mean).toBeGreaterThan(SPEC.followsPerUser * 0.8);
    expect(mean).toBeLessThan(SPEC.followsPerUser * 1.2);
  });

  it('has a skewed follower in-degree: the top 1% of users hold well over 1% of follows', () => {
    const inDegrees = [...countBy(follows, (follow) => follow.followeeId).values()].sort((a, b) => b - a);
    const topCount = Math.ceil(SPEC.users * 0.01);
    const topShare = inDegrees.slice(0, topCount).reduce((sum, degree) => sum + degree, 0) / follows.length;
    expect(topShare).toBeGreaterThan(0.05);
  });

  it('has likes of valid products without duplicate pairs, skewed towards popular products', () => {
    const productIds = new Set(dataset.products.map((product) => product.id));
    expectUnique(likes.map((like) => `${like.userId}>${like.productId}`));
    for (const like of likes) expect(productIds.has(like.productId)).toBe(true);
    const perProduct = [...countBy(likes, (like) => like.productId).values()].sort((a, b) => b - a);
    const topShare = perProduct.slice(0, 5).reduce((sum, count) => sum + count, 0) / likes.length;
    expect(topShare).toBeGreaterThan(0.05);
  });

  it('has historical orders with consistent lines and totals, inside the history window, in id order', () => {
    const productById = new Map(dataset.products.map((product) => [product.id, product]));
    const windowStart = REFERENCE - SPEC.historyDays * DAY_MS;
    let previous = -Infinity;
    orders.forEach((order, index) => {
      expect(order.id).toBe(`h-${index + 1}`);
      expect(order.userId >= 1 && order.userId <= SPEC.users).toBe(true);
      expect(order.lines.length >= 1 && order.lines.length <= 4).toBe(true);
      expectUnique(order.lines.map((line) => line.productId));
      for (const line of order.lines) {
        const product = productById.get(line.productId)!;
        expect(line.categoryId).toBe(product.categoryId);
        expect(line.unitPriceCents).toBe(product.priceCents);
        expect(line.quantity >= 1 && line.quantity <= 3).toBe(true);
      }
      expect(order.totalCents).toBe(orderTotal(order.lines));
      expect(Number.isInteger(order.createdAt)).toBe(true);
      expect(order.createdAt >= windowStart && order.createdAt < REFERENCE).toBe(true);
      expect(order.createdAt).toBeGreaterThanOrEqual(previous);
      previous = order.createdAt;
    });
  });

  it('gives "also bought" something to find: repeat buyers and product pairs bought together more than once', () => {
    const ordersPerUser = countBy(orders, (order) => order.userId);
    expect(Math.max(...ordersPerUser.values())).toBeGreaterThan(5);
    const pairCounts = new Map<string, number>();
    for (const order of orders) {
      const ids = order.lines.map((line) => line.productId).sort((a, b) => a - b);
      for (let i = 0; i < ids.length; i++) {
        for (let j = i + 1; j < ids.length; j++) {
          const key = `${ids[i]}+${ids[j]}`;
          pairCounts.set(key, (pairCounts.get(key) ?? 0) + 1);
        }
      }
    }
    expect([...pairCounts.values()].filter((count) => count > 1).length).toBeGreaterThan(10);
  });
});

describe('generateDataset: edge cases', () => {
  it('handles an empty shop', () => {
    const empty: Dataset = generateDataset(
      { ...SPEC, users: 0, products: 0, categories: 0, historicalOrders: 0 },
      SEED,
      REFERENCE,
    );
    expect({ ...empty, social: null }).toEqual({
      seed: SEED,
      categories: [],
      products: [],
      users: [],
      social: null,
      stock: [],
      history: NO_HISTORY,
    });
    expect(allSocialEdges(empty.social)).toEqual({ follows: [], likes: [] });
  });

  it('copes with a tiny shop where follows and likes would exceed what exists', () => {
    const tiny = generateDataset(
      { ...SPEC, users: 3, products: 2, categories: 20, followsPerUser: 50, likesPerUser: 50 },
      SEED,
      REFERENCE,
    );
    expect(allSocialEdges(tiny.social).follows.length).toBeLessThanOrEqual(3 * 2);
    expect(allSocialEdges(tiny.social).likes.length).toBeLessThanOrEqual(3 * 2);
    expectUnique(tiny.categories.map((category) => category.name));
    expect(allHistoricalOrders(tiny.history).every((order) => order.lines.length <= 2)).toBe(true);
  });

  it('rejects inconsistent specs', () => {
    expect(() => generateDataset({ ...SPEC, categories: 0 }, SEED, REFERENCE)).toThrow(RangeError);
    expect(() => generateDataset({ ...SPEC, users: 0 }, SEED, REFERENCE)).toThrow(RangeError);
    expect(() => generateDataset({ ...SPEC, products: -1 }, SEED, REFERENCE)).toThrow(RangeError);
    expect(() => generateDataset({ ...SPEC, popularitySkew: Number.NaN }, SEED, REFERENCE)).toThrow(
      RangeError,
    );
    expect(() => generateDataset(SPEC, SEED, 1.5)).toThrow(RangeError);
  });
});
