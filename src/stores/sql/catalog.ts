// Products as rows with a JSONB attributes document: the baseline's stand-in for a document store.
import type { Product, ProductSummary } from '../../domain.js';
import type { CatalogRole } from '../../roles.js';
import { toNumber, type SqlClient, type SqlNumber } from './client.js';

interface ProductRow {
  id: SqlNumber;
  sku: string;
  name: string;
  category_id: SqlNumber;
  price_cents: SqlNumber;
  attributes: Product['attributes'];
}

interface SummaryRow {
  id: SqlNumber;
  name: string;
  price_cents: SqlNumber;
}

export function sqlCatalog(db: SqlClient): CatalogRole {
  return {
    async loadCatalog(categories, products) {
      await db.copyRows(
        'polyglot_bench.categories',
        ['id', 'name'],
        categories.map((category) => [category.id, category.name]),
      );
      await db.copyRows(
        'polyglot_bench.products',
        ['id', 'sku', 'name', 'category_id', 'price_cents', 'attributes'],
        products.map((p) => [p.id, p.sku, p.name, p.categoryId, p.priceCents, p.attributes]),
      );
    },

    async getProduct(id) {
      const rows = await db.query<ProductRow>(
        `SELECT id, sku, name, category_id, price_cents, attributes FROM polyglot_bench.products WHERE id = $1`,
        [id],
      );
      const row = rows[0];
      if (!row) return null;
      return {
        id: toNumber(row.id),
        sku: row.sku,
        name: row.name,
        categoryId: toNumber(row.category_id),
        priceCents: toNumber(row.price_cents),
        attributes: row.attributes,
      };
    },

    async listCategory(categoryId, limit) {
      const rows = await db.query<SummaryRow>(
        `SELECT id, name, price_cents FROM polyglot_bench.products WHERE category_id = $1 ORDER BY id LIMIT $2`,
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
