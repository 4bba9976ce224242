// The analytics role on any SQL dialect: one row per order line, and the dashboards' aggregates over them; the
// baseline answers dashboards from its own OLTP tables.
import type { Order } from '../../../domain.js';
import type { AnalyticsRole, CategoryRevenue, OrderRevenue, TopProduct } from '../../../roles.js';
import { purchaseLines, purchaseLinesOfOrders, type PurchaseLine } from '../../purchase-lines.js';
import { toNumber, type SqlNumber, type SqlParam, type SqlRunner } from '../client.js';
import type { SqlDialect } from './dialect.js';
import { toOrderAudit, type OrderAuditRow } from './order-audit.js';
import { visibleOrdersOf } from './visible-orders.js';

export interface AnalyticsStatements {
  /**
   * [orderId, createdAt, lines as a JSON array of purchase lines (productId, categoryId, quantity,
   * unitPriceCents)] → one row per (order, product); recording an order again changes nothing.
   */
  insertSales: string;
  /** [sinceEpochMs, limit] → product_id, units, revenue_cents, most units first, then product_id. */
  topProducts: string;
  /** [sinceEpochMs] → category_id, revenue_cents, orders (distinct), most revenue first, then category_id. */
  revenueByCategory: string;
  /** [sinceEpochMs] → order_id, revenue_cents, by order_id. */
  revenueByOrder: string;
  /** [orderId] → a row when the order has a line. */
  hasOrder: string;
  /** [orderId] → deletes the order's lines (a compensated checkout). */
  deleteSales: string;
  /** [orderIds as a JSON array] → order_id of each listed order with a row (visible-orders.ts). */
  visibleOrders: string;
  /** [] → order_id, rows, units per order. */
  audit: string;
}

const SALES_COLUMNS = ['order_id', 'product_id', 'category_id', 'quantity', 'unit_price_cents', 'created_at'];

function salesRow(line: PurchaseLine): SqlParam[] {
  return [line.orderId, line.productId, line.categoryId, line.quantity, line.unitPriceCents, line.createdAt];
}

/** Folded like the purchase edges, one statement whatever the line count. Also used by the atomic checkout. */
export async function insertSalesLines<C extends SqlRunner<C>>(
  db: C,
  statements: AnalyticsStatements,
  order: Order,
): Promise<void> {
  await db.query(statements.insertSales, [order.id, order.createdAt, JSON.stringify(purchaseLines(order))]);
}

export function analyticsRole<C extends SqlRunner<C>>(db: C, dialect: SqlDialect<C>): AnalyticsRole {
  const { analytics } = dialect;
  return {
    loadSales: (orders) =>
      dialect.loadRows(db, 'sales', SALES_COLUMNS, purchaseLinesOfOrders(orders).map(salesRow)),

    recordOrder: (order) => insertSalesLines(db, analytics, order),

    removeOrder: async (order) => {
      await db.query(analytics.deleteSales, [order.id]);
    },

    async topProducts(sinceEpochMs, limit) {
      const rows = await db.query<{ product_id: SqlNumber; units: SqlNumber; revenue_cents: SqlNumber }>(
        analytics.topProducts,
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
        analytics.revenueByCategory,
        [sinceEpochMs],
      );
      return rows.map((row): CategoryRevenue => ({
        categoryId: toNumber(row.category_id),
        revenueCents: toNumber(row.revenue_cents),
        orders: toNumber(row.orders),
      }));
    },

    revenueByOrder: async (sinceEpochMs) =>
      (
        await db.query<{ order_id: string; revenue_cents: SqlNumber }>(analytics.revenueByOrder, [
          sinceEpochMs,
        ])
      ).map((row): OrderRevenue => ({ orderId: row.order_id, revenueCents: toNumber(row.revenue_cents) })),

    hasOrder: async (orderId) => (await db.query(analytics.hasOrder, [orderId])).length > 0,

    visibleOrders: (orderIds) => visibleOrdersOf(db, analytics.visibleOrders, orderIds),

    auditOrders: async () => (await db.query<OrderAuditRow>(analytics.audit)).map(toOrderAudit),
  };
}
