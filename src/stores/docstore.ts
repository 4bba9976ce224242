// The embedded stand-in for MongoDB: catalog and orders as documents in the in-process document store
// (docstore/engine.ts). Written the way a MongoDB adapter would be: `_id` carries the domain id, listings are
// projections, and the queries the workloads run are backed by indexes created up front.
import { createRequire } from 'node:module';
import type { Category, Order, OrderLine, Product, ProductSummary } from '../domain.js';
import type { CatalogRole, OrderAudit, OrdersRole } from '../roles.js';
import { DocumentStore, type Db } from './docstore/engine.js';
import type { StoreAdapter, StoreFactory } from './types.js';

const DATABASE = 'polyglot_bench';

interface CategoryDocument {
  [field: string]: unknown;
  _id: number;
  name: string;
}

interface ProductDocument {
  [field: string]: unknown;
  _id: number;
  sku: string;
  name: string;
  categoryId: number;
  priceCents: number;
  attributes: Product['attributes'];
}

interface OrderDocument {
  [field: string]: unknown;
  _id: string;
  userId: number;
  lines: OrderLine[];
  totalCents: number;
  createdAt: number;
}

type SummaryDocument = Pick<ProductDocument, '_id' | 'name' | 'priceCents'>;

export const docstoreFactory: StoreFactory = {
  kind: 'docstore',
  roles: ['catalog', 'orders'],
  embedded: true,

  async create(): Promise<StoreAdapter> {
    const client = new DocumentStore();
    const db = client.db(DATABASE);
    // Indexes first, as a MongoDB deployment would have them before traffic. Each serves its query's filter
    // and sort, so a listing or "my orders" walks one index bucket in order and stops at the limit.
    await db.collection<ProductDocument>('products').createIndex({ categoryId: 1, _id: 1 });
    await db.collection<OrderDocument>('orders').createIndex({ userId: 1, createdAt: -1, _id: -1 });
    return {
      kind: 'docstore',
      info: {
        engine: 'document store (MongoDB-style, mingo)',
        version: mingoVersion(),
        embedded: true,
        address: 'in-process',
      },
      roles: { catalog: docstoreCatalog(db), orders: docstoreOrders(db) },
      close: () => client.close(),
    };
  },
};

function docstoreCatalog(db: Db): CatalogRole {
  const categories = db.collection<CategoryDocument>('categories');
  const products = db.collection<ProductDocument>('products');

  return {
    async loadCatalog(categoryList: Category[], productList: Product[]) {
      await categories.insertMany(categoryList.map(({ id, ...rest }) => ({ _id: id, ...rest })));
      await products.insertMany(productList.map(({ id, ...rest }) => ({ _id: id, ...rest })));
    },

    async getProduct(id) {
      const found = await products.findOne({ _id: id });
      if (!found) return null;
      const { _id, ...rest } = found;
      return { id: _id, ...rest };
    },

    async listCategory(categoryId, limit) {
      // MongoDB reads limit 0 as "no limit"; the role means "nothing".
      if (limit <= 0) return [];
      const found = await products
        .find<SummaryDocument>({ categoryId }, { projection: { _id: 1, name: 1, priceCents: 1 } })
        .sort({ _id: 1 })
        .limit(limit)
        .toArray();
      return found.map(({ _id, name, priceCents }): ProductSummary => ({ id: _id, name, priceCents }));
    },
  };
}

function docstoreOrders(db: Db): OrdersRole {
  const orders = db.collection<OrderDocument>('orders');

  return {
    async loadOrders(orderList) {
      await orders.insertMany(orderList.map(orderDocument));
    },

    // A second insert of the same order fails with E11000, as it would on MongoDB: `_id` is the order id.
    async insertOrder(order) {
      await orders.insertOne(orderDocument(order));
    },

    async getOrder(id) {
      const found = await orders.findOne({ _id: id });
      return found ? fromOrderDocument(found) : null;
    },

    async ordersOfUser(userId, limit) {
      if (limit <= 0) return [];
      const found = await orders.find({ userId }).sort({ createdAt: -1, _id: -1 }).limit(limit).toArray();
      return found.map(fromOrderDocument);
    },

    async auditOrders() {
      return orders
        .aggregate<OrderAudit>([
          // Grouped by _id rather than assumed one per id, so the audit counts what is stored.
          { $group: { _id: '$_id', rows: { $sum: 1 }, units: { $sum: { $sum: '$lines.quantity' } } } },
          { $project: { _id: 0, orderId: '$_id', rows: 1, units: 1 } },
          { $sort: { orderId: 1 } },
        ])
        .toArray();
    },
  };
}

function orderDocument({ id, userId, lines, totalCents, createdAt }: Order): OrderDocument {
  return { _id: id, userId, lines, totalCents, createdAt };
}

function fromOrderDocument({ _id, userId, lines, totalCents, createdAt }: OrderDocument): Order {
  return { id: _id, userId, lines, totalCents, createdAt };
}

/** The version of mingo, the query engine under the document store, from its package.json. */
function mingoVersion(): string {
  const require = createRequire(import.meta.url);
  const manifest = require('mingo/package.json') as { version: string };
  return manifest.version;
}
