// Products as rows with a JSON attributes document: the baseline's stand-in for a document store.
import type { Product, ProductSummary } from '../../domain.js';
import type { CatalogRole } from '../../roles.js';
import { toNumber, type MysqlClient, type SqlNumber } from './client.js';
import { parseJsonColumn } from './json.js';

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

export function mysqlCatalog(db: MysqlClient): CatalogRole {
  return {
    async loadCatalog(categories, products) {
      await db.insertRows(
        'categories',
        ['id', 'name'],
        categories.map((category) => [category.id, category.name]),
      );
      await db.insertRows(
        'products',
        ['id', 'sku', 'name', 'category_id', 'price_cents', 'attributes'],
        products.map((p) => [p.id, p.sku, p.name, p.categoryId, p.priceCents, JSON.stringify(p.attributes)]),
      );
    },

    async getProduct(id) {
      const rows = await db.query<ProductRow>(
        'SELECT id, sku, name, category_id, price_cents, attributes FROM products WHERE id = ?',
        [id],
      );
      const row = rows[0];
      if (!row) return null;
      const product: Product = {
        id: toNumber(row.id),
        sku: row.sku,
        name: row.name,
        categoryId: toNumber(row.category_id),
        priceCents: toNumber(row.price_cents),
        attributes: parseJsonColumn<Product['attributes']>(row.attributes),
      };
      return product;
    },

    async listCategory(categoryId, limit) {
      const rows = await db.query<SummaryRow>(
        'SELECT id, name, price_cents FROM products WHERE category_id = ? ORDER BY id LIMIT ?',
        [categoryId, limit],
      );
      return rows.map((row): ProductSummary => ({
        id: toNumber(row.id),
        name: row.name,
        priceCents: toNumber(row.price_cents),
      }));
    },
  };
}
