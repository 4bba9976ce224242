// PostgreSQL's search statements: websearch_to_tsquery over the english configuration (the same stemming as the
// indexed tsvector), so "leather boots" requires both words as a shop's search box does; ts_rank orders by
// relevance. The filters are NULL-or-match predicates ANDed to the @@ match, so the GIN index still drives it.
import type { SearchStatements } from './roles/search.js';
import { visibleOrdersIn } from './visible-orders.js';

const MATCHING = `
  FROM search_products p, websearch_to_tsquery('english', $1) AS q
 WHERE p.document @@ q
   AND ($2::integer IS NULL OR p.category_id = $2)
   AND ($3::integer IS NULL OR p.price_cents >= $3)
   AND ($4::integer IS NULL OR p.price_cents <= $4)
   AND ($5::integer = 0 OR p.stock > 0)`;

const hits = (orderBy: string) =>
  `SELECT p.product_id, p.name, p.price_cents, p.stock ${MATCHING} ORDER BY ${orderBy}, p.product_id LIMIT $6`;

const lines = `jsonb_to_recordset($LINES::jsonb) AS line ("productId" integer, quantity integer)`;

export const postgresSearch: SearchStatements = {
  matchAll: (words) => words.join(' '),

  search: {
    relevance: hits('ts_rank(p.document, q) DESC'),
    'price-asc': hits('p.price_cents'),
    'price-desc': hits('p.price_cents DESC'),
  },

  lockProducts: `
    SELECT product_id FROM search_products
     WHERE product_id IN (SELECT value::integer FROM jsonb_array_elements_text($1::jsonb))
     ORDER BY product_id
       FOR UPDATE`,

  applied: 'SELECT 1 FROM search_orders WHERE order_id = $1 LIMIT 1',

  insertLines: `
    INSERT INTO search_orders (order_id, product_id, quantity)
    SELECT $1, line."productId", line.quantity FROM ${lines.replace('$LINES', '$2')}`,

  takeStock: `
    UPDATE search_products p SET stock = p.stock - line.quantity
      FROM ${lines.replace('$LINES', '$1')}
     WHERE p.product_id = line."productId"`,

  giveBackStock: `
    UPDATE search_products p SET stock = p.stock + o.quantity
      FROM search_orders o
     WHERE o.order_id = $1 AND p.product_id = o.product_id`,

  deleteLines: 'DELETE FROM search_orders WHERE order_id = $1',

  hasOrder: 'SELECT 1 FROM search_orders WHERE order_id = $1 LIMIT 1',

  visibleOrders: visibleOrdersIn('search_orders'),

  audit: `
    SELECT order_id, count(*) AS rows, sum(quantity) AS units
      FROM search_orders GROUP BY order_id`,

  stockLevels: 'SELECT product_id, stock FROM search_products',

  topCategories: `
    SELECT p.category_id, count(*) AS products
      FROM search_products p, websearch_to_tsquery('english', $1) AS q
     WHERE p.document @@ q
     GROUP BY p.category_id
     ORDER BY products DESC, p.category_id
     LIMIT $2`,
};
