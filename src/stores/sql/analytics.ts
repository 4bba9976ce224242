// Order lines and aggregates over them: the baseline answers dashboards from its own OLTP tables.
import type { Order } from '../../domain.js';
import type { AnalyticsRole, CategoryRevenue, OrderAudit, TopProduct } from '../../roles.js';
import { purchaseLines, purchaseLinesOfOrders, type PurchaseLine } from '../purchase-lines.js';
import { toNumber, type SqlClient, type SqlNumber } from './client.js';

const SALES_COLUMNS = ['order_id', 'product_id', 'category_id', 'quantity', 'unit_price_cents', 'created_at'];

function salesRow(line: PurchaseLine): unknown[] {
  return [line.orderId, line.productId, line.categoryId, line.quantity, line.unitPriceCents, line.createdAt];
}

/** One row per (order, product); recording an order again changes nothing. Also used by the atomic checkout. */
export async function insertSalesLines(db: SqlClient, order: Order): Promise<void> {
  await db.query(
    `INSERT INTO polyglot_bench.sales (order_id, product_id, category_id, quantity, unit_price_cents, created_at)
     SELECT $1, line.product_id, line.category_id, line.quantity, line.unit_price_cents, $6
       FROM unnest($2::integer[], $3::integer[], $4::integer[], $5::integer[])
            AS line (product_id, category_id, quantity, unit_price_cents)
     ON CONFLICT (order_id, product_id) DO NOTHING`,
    salesParameters(order),
  );
}

function salesParameters(order: Order): unknown[] {
  const lines = purchaseLines(order);
  return [
    order.id,
    lines.map((line) => line.productId),
    lines.map((line) => line.categoryId),
    lines.map((line) => line.quantity),
    lines.map((line) => line.unitPriceCents),
    order.createdAt,
  ];
}

export function sqlAnalytics(db: SqlClient): AnalyticsRole {
  return {
    async loadSales(orders) {
      await db.copyRows('polyglot_bench.sales', SALES_COLUMNS, purchaseLinesOfOrders(orders).map(salesRow));
    },

    recordOrder: (order) => insertSalesLines(db, order),

    async topProducts(sinceEpochMs, limit) {
      // bigint arithmetic: quantity × price summed over a long run can pass 2^31 cents.
      const rows = await db.query<{ product_id: SqlNumber; units: SqlNumber; revenue_cents: SqlNumber }>(
        `SELECT product_id, sum(quantity) AS units, sum(quantity::bigint * unit_price_cents) AS revenue_cents
           FROM polyglot_bench.sales
          WHERE created_at >= $1
          GROUP BY product_id
          ORDER BY units DESC, product_id
          LIMIT $2`,
        [sinceEpochMs, limit],
      );
      return rows.map((row): TopProduct => ({
        productId: toNumber(row.product_id),
        units: toNumber(row.units),
        revenueCents: toNumber(row.revenue_cents),
      }));
    },

    async revenueByCategory(sinceEpochMs) {
      const rows = await db.query<{ category_id: SqlNumber; revenue_cents: SqlNumber; orders: SqlNumber }>(
        `SELECT category_id, sum(quantity::bigint * unit_price_cents) AS revenue_cents,
                count(DISTINCT order_id) AS orders
           FROM polyglot_bench.sales
          WHERE created_at >= $1
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
      const rows = await db.query('SELECT 1 FROM polyglot_bench.sales WHERE order_id = $1 LIMIT 1', [
        orderId,
      ]);
      return rows.length > 0;
    },

    async auditOrders() {
      const rows = await db.query<{ order_id: string; rows: SqlNumber; units: SqlNumber }>(
        `SELECT order_id, count(*) AS rows, sum(quantity) AS units FROM polyglot_bench.sales GROUP BY order_id`,
      );
      return rows.map((row): OrderAudit => ({
        orderId: row.order_id,
        rows: toNumber(row.rows),
        units: toNumber(row.units),
      }));
    },
  };
}
