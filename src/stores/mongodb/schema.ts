// The tool's database: one collection per kind of document, their shapes, and the indexes the queries rely on,
// created up front as a MongoDB deployment would have them before traffic. Every collection exists before the first
// transaction (servers before 4.4 cannot create one inside a transaction).
import type { Collection, Db } from 'mongodb';
import type { Order, OrderLine, Product } from '../../domain.js';
import type { OutboxKind } from '../../roles.js';
import type { PurchaseLine } from '../purchase-lines.js';

export interface CategoryDocument {
  _id: number;
  name: string;
}

export interface ProductDocument {
  _id: number;
  sku: string;
  name: string;
  categoryId: number;
  priceCents: number;
  attributes: Product['attributes'];
}

export interface OrderDocument {
  _id: string;
  userId: number;
  lines: OrderLine[];
  totalCents: number;
  createdAt: number;
}

export interface SessionDocument {
  _id: string;
  userId: number;
  /** Epoch ms, as the role reports it. */
  createdAt: number;
  /** A BSON date: the TTL index only reads dates. */
  expiresAt: Date;
  /** productId (as a field name) → quantity, so adding to a line is one $inc on `cart.<productId>`. */
  cart: Record<string, number>;
}

export interface StockDocument {
  _id: number;
  priceCents: number;
  stock: number;
  /** The stock as loaded, for the audit's units-decremented sum. */
  initialStock: number;
}

export interface OutboxDocument {
  /** The seq: monotonic, and as `_id` indexed on every server (mongo-java-server indexes nothing else). */
  _id: number;
  orderId: string;
  kind: OutboxKind;
  order: Order;
  applied: boolean;
  appliedAt: Date | null;
}

export interface CounterDocument {
  _id: string;
  seq: number;
}

export interface FollowDocument {
  followerId: number;
  followeeId: number;
}

export interface LikeDocument {
  userId: number;
  productId: number;
}

/** A BOUGHT edge (graph) and a sales line (analytics) are both one purchase line per (order, product). */
export type LineDocument = PurchaseLine;

export interface Collections {
  categories: Collection<CategoryDocument>;
  products: Collection<ProductDocument>;
  orders: Collection<OrderDocument>;
  sessions: Collection<SessionDocument>;
  stock: Collection<StockDocument>;
  outbox: Collection<OutboxDocument>;
  counters: Collection<CounterDocument>;
  follows: Collection<FollowDocument>;
  likes: Collection<LikeDocument>;
  purchases: Collection<LineDocument>;
  sales: Collection<LineDocument>;
}

export const OUTBOX_COUNTER = 'outbox';

export function collectionsOf(db: Db): Collections {
  return {
    categories: db.collection('categories'),
    products: db.collection('products'),
    orders: db.collection('orders'),
    sessions: db.collection('sessions'),
    stock: db.collection('stock'),
    outbox: db.collection('outbox'),
    counters: db.collection('counters'),
    follows: db.collection('follows'),
    likes: db.collection('likes'),
    purchases: db.collection('purchases'),
    sales: db.collection('sales'),
  };
}

/** Creates every collection with its indexes in an empty database. */
export async function createSchema(db: Db, c: Collections): Promise<void> {
  // Collections no secondary index creates.
  for (const name of ['categories', 'stock', 'counters']) await db.createCollection(name);
  // Each index serves one query's filter and sort, so it walks one index range in order and stops at the limit.
  await c.products.createIndex({ categoryId: 1, _id: 1 });
  await c.orders.createIndex({ userId: 1, createdAt: -1, _id: -1 });
  // MongoDB's TTL monitor deletes expired sessions about once a minute; reads treat them as gone at once.
  await c.sessions.createIndex({ expiresAt: 1 }, { expireAfterSeconds: 0 });
  await c.outbox.createIndex({ applied: 1, _id: 1 });
  await c.outbox.createIndex({ orderId: 1 });
  // Follows and likes are sets; purchase and sales lines are one per (order, product), which also makes recording
  // an order twice a no-op (the duplicates are refused).
  await c.follows.createIndex({ followerId: 1, followeeId: 1 }, { unique: true });
  await c.likes.createIndex({ userId: 1, productId: 1 }, { unique: true });
  await c.purchases.createIndex({ orderId: 1, productId: 1 }, { unique: true });
  await c.purchases.createIndex({ productId: 1, userId: 1 });
  await c.purchases.createIndex({ userId: 1, createdAt: -1, orderId: -1, productId: 1 });
  await c.sales.createIndex({ orderId: 1, productId: 1 }, { unique: true });
  await c.sales.createIndex({ createdAt: 1 });
  // The outbox seq counter exists from the start, so allocating a seq is a plain $inc (no racing upserts).
  await c.counters.insertOne({ _id: OUTBOX_COUNTER, seq: 0 });
}
