// MySQL's catalog statements; attributes is a JSON column (see json-column.ts for how it comes back).
import type { CatalogStatements } from '../sql/roles/catalog.js';

export const mysqlCatalog: CatalogStatements = {
  product: 'SELECT id, sku, name, category_id, price_cents, attributes FROM products WHERE id = ?',
  // An index-only range scan of the covering products_by_category index.
  categoryPage: 'SELECT id, name, price_cents FROM products WHERE category_id = ? ORDER BY id LIMIT ?',
  products: `
    SELECT id, sku, name, category_id, price_cents, attributes FROM products
     WHERE id IN (SELECT j.v FROM JSON_TABLE(?, '$[*]' COLUMNS (v INT PATH '$')) AS j)
     ORDER BY id`,
};
