// PostgreSQL's catalog statements; attributes is a jsonb column, which the driver hands back parsed.
import type { CatalogStatements } from './roles/catalog.js';

export const postgresCatalog: CatalogStatements = {
  product: 'SELECT id, sku, name, category_id, price_cents, attributes FROM products WHERE id = $1',
  // An index-only scan of the covering products_by_category index.
  categoryPage: 'SELECT id, name, price_cents FROM products WHERE category_id = $1 ORDER BY id LIMIT $2',
  products: `
    SELECT id, sku, name, category_id, price_cents, attributes FROM products
     WHERE id IN (SELECT value::integer FROM jsonb_array_elements_text($1::jsonb))
     ORDER BY id`,
};
