// MySQL's analytics statements. INT × INT is computed in 64 bits and SUM returns DECIMAL, so revenue over a long
// run can pass 2^31 cents without a cast. Lines arrive as one JSON array and a repeat is a no-op update, as in
// the graph's purchase edges. `rows` is quoted: it is a reserved word in MySQL 8.
import type { AnalyticsStatements } from '../sql/roles/analytics.js';
import { visibleOrdersIn } from './visible-orders.js';

export const mysqlAnalytics: AnalyticsStatements = {
  insertSales: `
    INSERT INTO sales (order_id, product_id, category_id, quantity, unit_price_cents, created_at)
    SELECT ?, line.product_id, line.category_id, line.quantity, line.unit_price_cents, ?
      FROM JSON_TABLE(?, '$[*]' COLUMNS (
             product_id INT PATH '$.productId',
             category_id INT PATH '$.categoryId',
             quantity INT PATH '$.quantity',
             unit_price_cents INT PATH '$.unitPriceCents')) AS line
    ON DUPLICATE KEY UPDATE order_id = sales.order_id`,

  topProducts: `
    SELECT product_id, SUM(quantity) AS units, SUM(quantity * unit_price_cents) AS revenue_cents
      FROM sales
     WHERE created_at >= ?
     GROUP BY product_id
     ORDER BY units DESC, product_id
     LIMIT ?`,

  // sales_by_time covers this: InnoDB secondary indexes carry the primary key, so order_id is in it too.
  revenueByCategory: `
    SELECT category_id, SUM(quantity * unit_price_cents) AS revenue_cents, COUNT(DISTINCT order_id) AS orders
      FROM sales
     WHERE created_at >= ?
     GROUP BY category_id
     ORDER BY revenue_cents DESC, category_id`,

  revenueByOrder: `
    SELECT order_id, SUM(quantity * unit_price_cents) AS revenue_cents
      FROM sales
     WHERE created_at >= ?
     GROUP BY order_id
     ORDER BY order_id`,

  hasOrder: 'SELECT 1 FROM sales WHERE order_id = ? LIMIT 1',
  deleteSales: 'DELETE FROM sales WHERE order_id = ?',

  visibleOrders: visibleOrdersIn('sales'),

  audit: 'SELECT order_id, COUNT(*) AS `rows`, SUM(quantity) AS units FROM sales GROUP BY order_id',
};
