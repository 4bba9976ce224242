// The catalog role on any SQL dialect: products as rows with a JSON attributes document, the baseline's
// stand-in for a document store.
import type { Product, ProductSummary } from '../../../domain.js';
import type { CatalogRole } from '../../../roles.js';
import { toNumber, type SqlNumber, type SqlRunner } from '../client.js';
import type { SqlDialect } from './dialect.js';
import { parseJsonColumn } from './json-column.js';

export interface CatalogStatements {
  /** [id] → id, sku, name, category_id, price_cents, attributes (the JSON document). */
  product: string;
  /** [categoryId, limit] → id, name, price_cents of the category's first products by id. */
  categoryPage: string;
  /** [ids as a JSON array] → the columns of product, ordered by id. */
  products: string;
}

interface ProductRow {
  id: SqlNumber;
  sku: string;
  name: string;
  category_id: SqlNumber;
  price_cents: SqlNumber;
  attributes: unknown;
}

interface SummaryRow {
  id: SqlNumber;
  name: string;
  price_cents: SqlNumber;
}

export function catalogRole<C extends SqlRunner<C>>(db: C, dialect: SqlDialect<C>): CatalogRole {
  const { catalog } = dialect;
  return {
    async loadCatalog(categories, products) {
      await dialect.loadRows(
        db,
        'categories',
        ['id', 'name'],
        categories.map((category) => [category.id, category.name]),
      );
      await dialect.loadRows(
        db,
        'products',
        ['id', 'sku', 'name', 'category_id', 'price_cents', 'attributes'],
        products.map((p) => [p.id, p.sku, p.name, p.categoryId, p.priceCents, JSON.stringify(p.attributes)]),
      );
    },

    async getProducts(ids) {
      if (ids.length === 0) return [];
      return (await db.query<ProductRow>(catalog.products, [JSON.stringify(ids)])).map(toProduct);
    },

    async getProduct(id) {
      const row = (await db.query<ProductRow>(catalog.product, [id]))[0];
      return row ? toProduct(row) : null;
    },

    async listCategory(categoryId, limit) {
      const rows = await db.query<SummaryRow>(catalog.categoryPage, [categoryId, limit]);
      return rows.map((row): ProductSummary => ({
        id: toNumber(row.id),
        name: row.name,
        priceCents: toNumber(row.price_cents),
      }));
    },
  };
}

function toProduct(row: ProductRow): Product {
  const product: Product = {
    id: toNumber(row.id),
    sku: row.sku,
    name: row.name,
    categoryId: toNumber(row.category_id),
    priceCents: toNumber(row.price_cents),
    attributes: parseJsonColumn<Product['attributes']>(row.attributes),
  };
  return product;
}
