// Products as CouchDB documents: _id is the product id as a string (CouchDB ids are strings), and the numeric id is
// kept as a field too, because listings sort by number ("10" sorts before "9" as a string). Category listings are
// Mango queries over a JSON index on [categoryId, id]: sorted, projected to the summary fields, explicitly limited
// (_find on pouchdb-server has no default limit; CouchDB's default of 25 would cut listings short).
import type nano from 'nano';
import type { Category, Product, ProductSummary } from '../../domain.js';
import type { CatalogRole } from '../../roles.js';
import { bulkInsert } from './bulk.js';
import { isNotFound } from './http-status.js';

interface ProductDocument extends Product {
  _id: string;
}

/** Categories share the database; their ids can never be a product's (all digits). */
interface CategoryDocument {
  _id: string;
  name: string;
}

const LISTING_INDEX = 'by-category-id';

/** Created on the empty database, before any load: CouchDB then brings it up to date as documents arrive. */
export async function createCatalogIndex(db: nano.DocumentScope<unknown>): Promise<void> {
  await db.createIndex({
    index: { fields: ['categoryId', 'id'] },
    ddoc: LISTING_INDEX,
    name: LISTING_INDEX,
    type: 'json',
  });
}

export function couchCatalog(db: nano.DocumentScope<unknown>): CatalogRole {
  const listing = async (categoryId: number, limit: number): Promise<ProductSummary[]> => {
    const found = await (db as nano.DocumentScope<ProductSummary>).find({
      // `id: {$gt: null}` matches every product (ids are numbers, which collate after null). Without a condition on
      // each indexed field, pouchdb-find filters in memory and then ignores the limit: it reads the whole category
      // on every listing. CouchDB itself is indifferent to it.
      selector: { categoryId, id: { $gt: null } },
      sort: [{ categoryId: 'asc' }, { id: 'asc' }],
      fields: ['id', 'name', 'priceCents'],
      limit,
      use_index: [LISTING_INDEX, LISTING_INDEX],
    });
    return found.docs.map(({ id, name, priceCents }) => ({ id, name, priceCents }));
  };

  return {
    async loadCatalog(categories: Category[], products: Product[]) {
      await bulkInsert(db, categories.map(categoryDocument), 'catalog categories');
      await bulkInsert(db, products.map(productDocument), 'catalog products');
      // CouchDB updates an index when it is next queried: without this, the first timed listing would pay for
      // indexing the whole catalog.
      const first = products[0];
      if (first) await listing(first.categoryId, 1);
    },

    async getProduct(id) {
      try {
        return fromProductDocument(await (db as nano.DocumentScope<ProductDocument>).get(String(id)));
      } catch (error) {
        if (isNotFound(error)) return null;
        throw error;
      }
    },

    // One _all_docs request for every id (keys), unknown ids come back as rows without a document.
    async getProducts(ids) {
      if (ids.length === 0) return [];
      const found = await (db as nano.DocumentScope<ProductDocument>).fetch({
        keys: [...new Set(ids)].map(String),
      });
      const products: Product[] = [];
      for (const row of found.rows) {
        if ('doc' in row && row.doc) products.push(fromProductDocument(row.doc));
      }
      return products.sort((a, b) => a.id - b.id);
    },

    async listCategory(categoryId, limit) {
      // The role means "nothing" for any limit below 1; no need to ask the server.
      if (limit <= 0) return [];
      return listing(categoryId, limit);
    },
  };
}

function categoryDocument({ id, name }: Category): CategoryDocument {
  return { _id: `category:${id}`, name };
}

function productDocument({ id, sku, name, categoryId, priceCents, attributes }: Product): ProductDocument {
  return { _id: String(id), id, sku, name, categoryId, priceCents, attributes };
}

/** Only the domain's fields: CouchDB adds _id and _rev. */
function fromProductDocument({
  id,
  sku,
  name,
  categoryId,
  priceCents,
  attributes,
}: ProductDocument): Product {
  return { id, sku, name, categoryId, priceCents, attributes };
}
