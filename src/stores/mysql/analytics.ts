// Order lines and aggregates over them: the baseline answers dashboards from its own OLTP tables.
import type { Order } from '../../domain.js';
import type { AnalyticsRole, CategoryRevenue, OrderAudit, TopProduct } from '../../roles.js';
import { purchaseLines, purchaseLinesOfOrders, type PurchaseLine } from '../purchase-lines.js';
import { toNumber, type MysqlClient, type SqlNumber, type SqlParam } from './client.js';

const SALES_COLUMNS = ['order_id', 'product_id', 'category_id', 'quantity', 'unit_price_cents', 'created_at'];

function salesRow(line: PurchaseLine): SqlParam[] {
  return [line.orderId, line.productId, line.categoryId, line.quantity, line.unitPriceCents, line.createdAt];
}

/**
 * One row per (order, product), folded like the purchase edges; recording an order again changes nothing (see
 * insertPurchaseEdges for the no-op update and the JSON array of lines). Also used by the atomic checkout.
 */
export async function insertSalesLines(db: MysqlClient, order: Order): Promise<void> {
  await db.write(
    `INSERT INTO sales (order_id, product_id, category_id, quantity, unit_price_cents, created_at)
     SELECT ?, line.product_id, line.category_id, line.quantity, line.unit_price_cents, ?
       FROM JSON_TABLE(?, '$[*]' COLUMNS (
              product_id INT PATH '$.productId',
              category_id INT PATH '$.categoryId',
              quantity INT PATH '$.quantity',
              unit_price_cents INT PATH '$.unitPriceCents')) AS line
     ON DUPLICATE KEY UPDATE order_id = sales.order_id`,
    [order.id, order.createdAt, JSON.stringify(purchaseLines(order))],
  );
}

export function mysqlAnalytics(db: MysqlClient): AnalyticsRole {
  return {
    async loadSales(orders) {
      await db.insertRows('sales', SALES_COLUMNS, purchaseLinesOfOrders(orders).map(salesRow));
    },

    recordOrder: (order) => insertSalesLines(db, order),

    async topProducts(sinceEpochMs, limit) {
      // INT × INT is computed in 64 bits and SUM returns DECIMAL: long runs can pass 2^31 cents safely.
      const rows = await db.query<{ product_id: SqlNumber; units: SqlNumber; revenue_cents: SqlNumber }>(
        `SELECT product_id, SUM(quantity) AS units, SUM(quantity * unit_price_cents) AS revenue_cents
           FROM sales
          WHERE created_at >= ?
          GROUP BY product_id
          ORDER BY units DESC, product_id
          LIMIT ?`,
        [sinceEpochMs, limit],
      );
      return rows.map((row): TopProduct => ({
        productId: toNumber(row.product_id),
        units: toNumber(row.units),
        revenueCents: toNumber(row.revenue_cents),
      }));
    },

    async revenueByCategory(sinceEpochMs) {
      // sales_by_time covers this: InnoDB secondary indexes carry the primary key, so order_id is in it too.
      const rows = await db.query<{ category_id: SqlNumber; revenue_cents: SqlNumber; orders: SqlNumber }>(
        `SELECT category_id, SUM(quantity * unit_price_cents) AS revenue_cents, COUNT(DISTINCT order_id) AS orders
           FROM sales
          WHERE created_at >= ?
          GROUP BY category_id
          ORDER BY revenue_cents DESC, category_id`,
        [sinceEpochMs],
      );
      return rows.map((row): CategoryRevenue => ({
        categoryId: toNumber(row.category_id),
        revenueCents: toNumber(row.revenue_cents),
        orders: toNumber(row.orders),
      }));
    },

    async hasOrder(orderId) {
      const rows = await db.query('SELECT 1 FROM sales WHERE order_id = ? LIMIT 1', [orderId]);
      return rows.length > 0;
    },

    async auditOrders() {
      const rows = await db.query<{ order_id: string; rows: SqlNumber; units: SqlNumber }>(
        'SELECT order_id, COUNT(*) AS `rows`, SUM(quantity) AS units FROM sales GROUP BY order_id',
      );
      return rows.map((row): OrderAudit => ({
        orderId: row.order_id,
        rows: toNumber(row.rows),
        units: toNumber(row.units),
      }));
    },
  };
}
