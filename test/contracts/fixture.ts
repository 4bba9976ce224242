// A tiny hand-made shop whose query answers can be worked out on paper, shared by every role contract suite,
// plus the one helper each suite uses to open its store once. The expected answers live next to the tests that
// check them; the comments here say which rows make them interesting (ties, repeats, old orders).
import { afterAll, beforeAll } from 'vitest';
import { fixedHistory } from '../../src/data/history.js';
import { fixedSocialGraph } from '../../src/data/social.js';
import { orderTotal } from '../../src/domain.js';
import type { Dataset, Follow, Like, Order, OrderLine, Product, StockItem } from '../../src/domain.js';
import type { RoleImpls, RoleName } from '../../src/roles.js';
import type { StoreAdapter } from '../../src/stores/types.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** Every fixture order is dated relative to this instant (2024-01-01T00:00Z). */
export const T0 = Date.UTC(2024, 0, 1);
/** A since-bound that keeps orders o1–o5 and drops the old order o6. */
export const SINCE_RECENT = T0;
/** A since-bound that keeps every fixture order (o6 is 30 days old) but not write-test orders dated T0 − 60 d. */
export const SINCE_ALL_FIXTURE = T0 - 31 * DAY;
/** Write tests date their orders here so they never change answers computed from the fixture. */
export const BEFORE_FIXTURE = T0 - 60 * DAY;

export const CATEGORY = { books: 1, shoes: 2, kitchen: 3 } as const;

// Listed out of id order on purpose: listCategory must sort by id, not return insertion order.
const products: Product[] = [
  {
    id: 4,
    sku: 'BK-004',
    name: 'Dune',
    categoryId: 1,
    priceCents: 2500,
    attributes: { author: 'Herbert', pages: 612, hardcover: true },
  },
  {
    id: 1,
    sku: 'BK-001',
    name: 'SICP',
    categoryId: 1,
    priceCents: 1500,
    attributes: { author: 'Abelson', pages: 657, hardcover: false },
  },
  {
    id: 5,
    sku: 'SH-005',
    name: 'Trail runner',
    categoryId: 2,
    priceCents: 5000,
    attributes: { size: 42, color: 'red', waterproof: true },
  },
  {
    id: 3,
    sku: 'BK-003',
    name: 'Ulysses',
    categoryId: 1,
    priceCents: 1000,
    attributes: { author: 'Joyce', pages: 730 },
  },
  {
    id: 2,
    sku: 'BK-002',
    name: 'Emma',
    categoryId: 1,
    priceCents: 2000,
    attributes: { author: 'Austen', pages: 474 },
  },
  {
    id: 6,
    sku: 'SH-006',
    name: 'Ballet flat',
    categoryId: 2,
    priceCents: 6000,
    attributes: { size: 38.5, color: 'black' },
  },
  {
    id: 8,
    sku: 'KT-008',
    name: 'Skillet',
    categoryId: 3,
    priceCents: 4000,
    attributes: { material: 'cast iron', diameterCm: 28 },
  },
  {
    id: 7,
    sku: 'SH-007',
    name: 'Sandal',
    categoryId: 2,
    priceCents: 4000,
    attributes: { size: 40, waterproof: false },
  },
  {
    id: 10,
    sku: 'KT-010',
    name: 'Kettle',
    categoryId: 3,
    priceCents: 3500,
    attributes: { litres: 1.7, electric: true },
  },
  {
    id: 9,
    sku: 'KT-009',
    name: 'Chef knife',
    categoryId: 3,
    priceCents: 2000,
    attributes: { material: 'steel', lengthCm: 20 },
  },
];

const categoryOf = new Map(products.map((product) => [product.id, product.categoryId]));
const catalogPrice = new Map(products.map((product) => [product.id, product.priceCents]));

/** An order line at the catalog price unless a (discounted) price is given. */
export function line(productId: number, quantity: number, unitPriceCents?: number): OrderLine {
  return {
    productId,
    categoryId: categoryOf.get(productId) ?? 1,
    quantity,
    unitPriceCents: unitPriceCents ?? catalogPrice.get(productId) ?? 1000,
  };
}

export function order(id: string, userId: number, createdAt: number, lines: OrderLine[]): Order {
  return { id, userId, lines, totalCents: orderTotal(lines), createdAt };
}

// Historical orders. Notable on purpose:
// - user 1 buys product 5 in two orders (o1, o5): "also bought" must count distinct users, not rows;
// - o4 sells product 1 at a discount (1200): revenue must come from the line price, not the catalog;
// - o4 holds two books: revenue-by-category must count distinct orders, not lines;
// - o6 is 30 days old and sells 6 units of product 3: a since-bound that leaks lets it top the chart.
const orders: Order[] = [
  order('o1', 1, T0 + 1 * HOUR, [line(1, 1), line(5, 2)]),
  order('o2', 2, T0 + 2 * HOUR, [line(1, 1), line(5, 1), line(8, 1)]),
  order('o3', 3, T0 + 3 * HOUR, [line(1, 2), line(8, 1)]),
  order('o4', 4, T0 + 4 * HOUR, [line(1, 1, 1200), line(2, 1)]),
  order('o5', 1, T0 + 5 * HOUR, [line(2, 1), line(5, 1), line(8, 3)]),
  order('o6', 5, T0 - 30 * DAY, [line(3, 6), line(9, 1)]),
];

const stock: StockItem[] = products.map((product) => ({
  productId: product.id,
  priceCents: product.priceCents,
  stock: 100,
}));

// User 1 follows 2, 3, 4; nobody else's follows reach user 1's answers.
const follows: Follow[] = [
  { followerId: 1, followeeId: 2 },
  { followerId: 1, followeeId: 3 },
  { followerId: 1, followeeId: 4 },
  { followerId: 2, followeeId: 1 },
  { followerId: 5, followeeId: 6 },
];
// Friends of user 1 like 5 (users 2, 3, 4), 2 (3, 4) and 8 (2, 4): a tie between 2 and 8. User 1's own like
// of 10 and user 5's like of 9 must not count for user 1.
const likes: Like[] = [
  { userId: 2, productId: 5 },
  { userId: 2, productId: 8 },
  { userId: 3, productId: 5 },
  { userId: 3, productId: 2 },
  { userId: 4, productId: 8 },
  { userId: 4, productId: 2 },
  { userId: 4, productId: 5 },
  { userId: 1, productId: 10 },
  { userId: 5, productId: 9 },
  { userId: 6, productId: 9 },
];

/**
 * Users 7 and 8 have no follows, likes or orders: write tests use them so they never disturb the
 * fixture's answers. The orders and edges are also listed whole, for tests to look answers up in.
 */
export const FIXTURE: Dataset & { orders: Order[]; follows: Follow[]; likes: Like[] } = {
  seed: 0,
  categories: [
    { id: CATEGORY.books, name: 'Books' },
    { id: CATEGORY.shoes, name: 'Shoes' },
    { id: CATEGORY.kitchen, name: 'Kitchen' },
  ],
  products,
  users: [1, 2, 3, 4, 5, 6, 7, 8].map((id) => ({ id, name: `User ${id}`, email: `user${id}@example.test` })),
  follows,
  likes,
  social: fixedSocialGraph(follows, likes),
  stock,
  orders,
  history: fixedHistory(orders),
};

export function fixtureOrder(id: string): Order {
  const found = FIXTURE.orders.find((candidate) => candidate.id === id);
  if (!found) throw new Error(`no fixture order ${id}`);
  return found;
}

/**
 * Hands the fixture's orders to a bulk loader in two calls, as the load hands over a history chunk by chunk
 * (docs/architecture.md, "Data sizes"): every answer a contract checks then also checks that the loader appends.
 * o1 and o5 (user 1 buying product 5 twice) land in different calls.
 */
export async function inChunks(load: (orders: Order[]) => Promise<void>): Promise<void> {
  await load(FIXTURE.orders.slice(0, 3));
  await load(FIXTURE.orders.slice(3));
}

/** Loads the whole fixture through the roles' bulk paths, as a layout would; extra stock rows for write tests. */
export async function loadFixture(adapter: StoreAdapter, extraStock: StockItem[] = []): Promise<void> {
  await role(adapter, 'catalog').loadCatalog(FIXTURE.categories, FIXTURE.products);
  await role(adapter, 'inventory').loadStock([...FIXTURE.stock, ...extraStock]);
  await inChunks((chunk) => role(adapter, 'orders').loadOrders(chunk));
  await role(adapter, 'graph').loadGraph({
    users: FIXTURE.users,
    products: FIXTURE.products,
    follows: FIXTURE.follows,
    likes: FIXTURE.likes,
    purchases: [],
  });
  await inChunks((chunk) => role(adapter, 'graph').loadPurchases(chunk));
  await inChunks((chunk) => role(adapter, 'analytics').loadSales(chunk));
}

/** The role under test, or a failure that names the store and the missing role. */
export function role<R extends RoleName>(adapter: StoreAdapter, name: R): RoleImpls[R] {
  const impl = adapter.roles[name];
  if (!impl) throw new Error(`store "${adapter.kind}" does not serve the ${name} role this contract tests`);
  return impl as RoleImpls[R];
}

/**
 * Opens one store for the whole suite (engines take seconds to start), runs `load` once, closes it after.
 * Returns a getter: the adapter exists only once beforeAll has run.
 */
export function useStore(
  open: () => Promise<StoreAdapter>,
  load: (adapter: StoreAdapter) => Promise<void> = async () => {},
): () => StoreAdapter {
  let adapter: StoreAdapter | undefined;
  beforeAll(async () => {
    adapter = await open();
    await load(adapter);
  });
  afterAll(async () => {
    await adapter?.close();
  });
  return () => {
    if (!adapter) throw new Error('the store did not open (see the beforeAll failure)');
    return adapter;
  };
}

/** Distinct ids per test, so tests that write never collide whatever order they run in. */
export function uniqueId(prefix: string): string {
  uniqueCounter += 1;
  return `${prefix}-${uniqueCounter}-${Math.random().toString(36).slice(2, 8)}`;
}
let uniqueCounter = 0;

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/**
 * Polls until check passes: a derived store that refreshes on an interval (OpenSearch) shows a write only after
 * its refresh; elsewhere the first try passes.
 */
export async function eventually(check: () => Promise<void>, timeoutMs = 10_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    try {
      await check();
      return;
    } catch (error) {
      if (Date.now() > until) throw error;
      await sleep(50);
    }
  }
}
