// PostgreSQL's analytics statements. Revenue is summed in bigint: quantity × price over a long run can pass
// 2^31 cents.
import type { AnalyticsStatements } from './roles/analytics.js';
import { visibleOrdersIn } from './visible-orders.js';

export const postgresAnalytics: AnalyticsStatements = {
  insertSales: `
    INSERT INTO sales (order_id, product_id, category_id, quantity, unit_price_cents, created_at)
    SELECT $1, line."productId", line."categoryId", line.quantity, line."unitPriceCents", $2
      FROM jsonb_to_recordset($3::jsonb)
           AS line ("productId" integer, "categoryId" integer, quantity integer, "unitPriceCents" integer)
    ON CONFLICT (order_id, product_id) DO NOTHING`,

  topProducts: `
    SELECT product_id, sum(quantity) AS units, sum(quantity::bigint * unit_price_cents) AS revenue_cents
      FROM sales
     WHERE created_at >= $1
     GROUP BY product_id
     ORDER BY units DESC, product_id
     LIMIT $2`,

  revenueByCategory: `
    SELECT category_id, sum(quantity::bigint * unit_price_cents) AS revenue_cents,
           count(DISTINCT order_id) AS orders
      FROM sales
     WHERE created_at >= $1
     GROUP BY category_id
     ORDER BY revenue_cents DESC, category_id`,

  revenueByOrder: `
    SELECT order_id, sum(quantity::bigint * unit_price_cents) AS revenue_cents
      FROM sales
     WHERE created_at >= $1
     GROUP BY order_id
     ORDER BY order_id`,

  hasOrder: 'SELECT 1 FROM sales WHERE order_id = $1 LIMIT 1',
  deleteSales: 'DELETE FROM sales WHERE order_id = $1',

  visibleOrders: visibleOrdersIn('sales'),

  audit: 'SELECT order_id, count(*) AS rows, sum(quantity) AS units FROM sales GROUP BY order_id',
};
