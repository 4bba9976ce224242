// MySQL's and MariaDB's search statements: an InnoDB FULLTEXT index searched in boolean mode with every word
// required (+word), which is what a shop's search box means; MATCH … AGAINST is the relevance. No stemming:
// query words come from the indexed text itself (src/data/search-vocabulary.ts), so they match as written. The
// optional filters are COALESCE(?, column) so each placeholder is used once; only relevance needs the match
// twice (AGAINST takes a constant, never a column of a derived table), hence bindSearch.
import type { SearchStatements } from '../sql/roles/search.js';
import { visibleOrdersIn } from './visible-orders.js';

const FILTERS = `
   AND p.category_id = COALESCE(?, p.category_id)
   AND p.price_cents >= COALESCE(?, p.price_cents)
   AND p.price_cents <= COALESCE(?, p.price_cents)
   AND (? = 0 OR p.stock > 0)`;

const MATCH = 'MATCH (p.body) AGAINST (? IN BOOLEAN MODE)';

const byPrice = (direction: string) => `
    SELECT p.product_id, p.name, p.price_cents, p.stock
      FROM search_products p
     WHERE ${MATCH} ${FILTERS}
     ORDER BY p.price_cents ${direction}, p.product_id
     LIMIT ?`;

const LINES = `JSON_TABLE(?, '$[*]' COLUMNS (product_id INT PATH '$.productId', quantity INT PATH '$.quantity')) AS line`;

export const mysqlSearch: SearchStatements = {
  matchAll: (words) => words.map((word) => `+${word}`).join(' '),

  search: {
    relevance: `
    SELECT p.product_id, p.name, p.price_cents, p.stock, ${MATCH} AS score
      FROM search_products p
     WHERE ${MATCH} ${FILTERS}
     ORDER BY score DESC, p.product_id
     LIMIT ?`,
    'price-asc': byPrice('ASC'),
    'price-desc': byPrice('DESC'),
  },

  bindSearch: (sort, [match, ...rest]) =>
    sort === 'relevance' ? [match!, match!, ...rest] : [match!, ...rest],

  lockProducts: `
    SELECT product_id FROM search_products
     WHERE product_id IN (SELECT id FROM JSON_TABLE(?, '$[*]' COLUMNS (id INT PATH '$')) AS ids)
     ORDER BY product_id
       FOR UPDATE`,

  applied: 'SELECT 1 FROM search_orders WHERE order_id = ? LIMIT 1',

  insertLines: `
    INSERT INTO search_orders (order_id, product_id, quantity)
    SELECT ?, line.product_id, line.quantity FROM ${LINES}`,

  takeStock: `
    UPDATE search_products p JOIN ${LINES} ON p.product_id = line.product_id
       SET p.stock = p.stock - line.quantity`,

  giveBackStock: `
    UPDATE search_products p JOIN search_orders o ON p.product_id = o.product_id
       SET p.stock = p.stock + o.quantity
     WHERE o.order_id = ?`,

  deleteLines: 'DELETE FROM search_orders WHERE order_id = ?',

  hasOrder: 'SELECT 1 FROM search_orders WHERE order_id = ? LIMIT 1',

  visibleOrders: visibleOrdersIn('search_orders'),

  audit: 'SELECT order_id, COUNT(*) AS `rows`, SUM(quantity) AS units FROM search_orders GROUP BY order_id',

  stockLevels: 'SELECT product_id, stock FROM search_products',

  topCategories: `
    SELECT p.category_id, COUNT(*) AS products
      FROM search_products p
     WHERE ${MATCH}
     GROUP BY p.category_id
     ORDER BY products DESC, p.category_id
     LIMIT ?`,
};
