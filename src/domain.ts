// The shop's data, as every role and store sees it. Money is in integer cents; data timestamps
// (createdAt) are epoch milliseconds. Measurement clocks never use these: see src/metrics/clock.ts.

export interface Category {
  id: number;
  name: string;
}

export type AttributeValue = string | number | boolean;

export interface Product {
  id: number;
  sku: string;
  name: string;
  categoryId: number;
  priceCents: number;
  /** Varied per category (a book has an author, a shoe a size): the reason the catalog is a document store. */
  attributes: Record<string, AttributeValue>;
}

/** What a category listing shows: a projection, not the whole document. */
export interface ProductSummary {
  id: number;
  name: string;
  priceCents: number;
}

export interface User {
  id: number;
  name: string;
  email: string;
}

export interface Follow {
  followerId: number;
  followeeId: number;
}

export interface Like {
  userId: number;
  productId: number;
}

/** Stock and price of one product: the inventory role's row. */
export interface StockItem {
  productId: number;
  priceCents: number;
  stock: number;
}

export interface CartLine {
  productId: number;
  quantity: number;
}

export interface Session {
  id: string;
  userId: number;
  createdAt: number;
  cart: CartLine[];
}

/** One line of a placed order; categoryId travels with it so analytics can group without a join. */
export interface OrderLine {
  productId: number;
  categoryId: number;
  quantity: number;
  unitPriceCents: number;
}

export interface Order {
  id: string;
  userId: number;
  lines: OrderLine[];
  totalCents: number;
  createdAt: number;
}

/**
 * The orders placed before the run, never all in memory at once: each call to chunks() generates "h-1" …
 * "h-<count>" afresh, in id (= time) order, at most `size` orders per array, so what a caller holds is bounded
 * by the chunk, not the count (docs/architecture.md, "Data sizes").
 */
export interface HistoricalOrders {
  readonly count: number;
  chunks(size?: number): Generator<Order[], void, undefined>;
}

/** The follows and likes of a run of consecutive users (every edge starts at one of them). */
export interface SocialEdges {
  follows: Follow[];
  likes: Like[];
}

/**
 * Who follows whom and who likes what, never all in memory at once: each call to chunks() generates the edges
 * afresh, user 1 onwards, those of at most `users` users per chunk (docs/architecture.md, "Data sizes").
 */
export interface SocialGraph {
  chunks(users?: number): Generator<SocialEdges, void, undefined>;
}

/** Everything the generator makes from a seed; loaded into every layout identically. */
export interface Dataset {
  seed: number;
  categories: Category[];
  products: Product[];
  users: User[];
  /** Follows and likes, generated as they are read. */
  social: SocialGraph;
  stock: StockItem[];
  /** Orders placed before the run, so "also bought" and analytics find something; generated as they are read. */
  history: HistoricalOrders;
}

export function orderUnits(order: Pick<Order, 'lines'>): number {
  return order.lines.reduce((sum, line) => sum + line.quantity, 0);
}

export function orderTotal(lines: readonly OrderLine[]): number {
  return lines.reduce((sum, line) => sum + line.quantity * line.unitPriceCents, 0);
}

/** The order a checkout placed: its priced lines under the request's id, user and time. */
export function placedOrder(
  request: { orderId: string; userId: number; createdAt: number },
  lines: OrderLine[],
): Order {
  return {
    id: request.orderId,
    userId: request.userId,
    lines,
    totalCents: orderTotal(lines),
    createdAt: request.createdAt,
  };
}
