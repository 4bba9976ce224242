// The embedded stand-in for MongoDB: catalog and orders as documents in the in-process document store
// (docstore/engine.ts), served by the same role code as MongoDB (document/catalog.ts, document/orders.ts), with
// the indexes those queries rely on created up front.
import { createRequire } from 'node:module';
import { PRODUCTS_BY_CATEGORY, documentCatalog } from './document/catalog.js';
import type { CategoryDocument, OrderDocument, ProductDocument } from './document/collection.js';
import { DOCSTORE_ENGINE } from './document/engines.js';
import { ORDERS_BY_USER, documentOrders } from './document/orders.js';
import { DocumentStore } from './docstore/engine.js';
import type { StoreAdapter, StoreFactory } from './types.js';

const DATABASE = 'polyglot_bench';

export const docstoreFactory: StoreFactory = {
  kind: 'docstore',
  roles: ['catalog', 'orders'],
  embedded: true,

  async create(): Promise<StoreAdapter> {
    const client = new DocumentStore();
    const db = client.db(DATABASE);
    const categories = db.collection<CategoryDocument>('categories');
    const products = db.collection<ProductDocument>('products');
    const orders = db.collection<OrderDocument>('orders');
    // Indexes first, as a MongoDB deployment would have them before traffic.
    await products.createIndex(PRODUCTS_BY_CATEGORY);
    await orders.createIndex(ORDERS_BY_USER);
    return {
      kind: 'docstore',
      info: {
        engine: 'document store (MongoDB-style, mingo)',
        version: mingoVersion(),
        embedded: true,
        address: 'in-process',
      },
      roles: {
        catalog: documentCatalog({ categories, products }, DOCSTORE_ENGINE),
        orders: documentOrders(orders, DOCSTORE_ENGINE),
      },
      close: () => client.close(),
    };
  },
};

/** The version of mingo, the query engine under the document store, from its package.json. */
function mingoVersion(): string {
  const require = createRequire(import.meta.url);
  const manifest = require('mingo/package.json') as { version: string };
  return manifest.version;
}
