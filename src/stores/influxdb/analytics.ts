// The analytics role on InfluxDB: one point per order line in the measurement "sales", timestamped at the
// order's createdAt (ms), tagged by category, product and order. A point is unique by measurement, tags and
// timestamp, so writing an order again overwrites its own points (idempotent), and two orders placed in the same
// millisecond never collide: their order tags differ. The order id is also a field, because InfluxQL counts
// distinct values of fields only. The dashboards are InfluxQL aggregates grouped by tag, ranked here: InfluxQL
// cannot order groups by an aggregate.
import type { InfluxDB, IPoint } from 'influx';
import type { Order } from '../../domain.js';
import type { AnalyticsRole, CategoryRevenue, OrderAudit, OrderRevenue, TopProduct } from '../../roles.js';
import { purchaseLines, purchaseLinesOfOrders, type PurchaseLine } from '../purchase-lines.js';

const MEASUREMENT = 'sales';
const BATCH_POINTS = 5000;

function point(line: PurchaseLine): IPoint {
  return {
    measurement: MEASUREMENT,
    tags: { category: String(line.categoryId), product: String(line.productId), order: line.orderId },
    fields: {
      units: line.quantity,
      revenue: line.quantity * line.unitPriceCents,
      orderId: line.orderId,
    },
    timestamp: line.createdAt,
  };
}

/** An InfluxQL string literal: single quotes, backslash and quote escaped. */
function literal(value: string): string {
  return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

/** InfluxQL's time bound for epoch milliseconds (an integer literal with a unit). */
const sinceMs = (epochMs: number) => `time >= ${Math.trunc(epochMs)}ms`;

export function influxAnalytics(influx: InfluxDB): AnalyticsRole {
  const write = (points: IPoint[]) => influx.writePoints(points, { precision: 'ms' });
  const query = <T>(text: string) => influx.query<T>(text, { precision: 'ms' });
  return {
    async loadSales(orders: Order[]) {
      const points = purchaseLinesOfOrders(orders).map(point);
      for (let start = 0; start < points.length; start += BATCH_POINTS) {
        await write(points.slice(start, start + BATCH_POINTS));
      }
    },

    recordOrder: (order) => write(purchaseLines(order).map(point)),

    // InfluxQL's DELETE takes tag (and time) predicates only; the order is a tag, so its points can go. A write
    // statement, so it is POSTed (the server refuses it in a GET).
    async removeOrder(order) {
      await influx.query(`DELETE FROM ${MEASUREMENT} WHERE "order" = ${literal(order.id)}`, {
        method: 'POST',
      });
    },

    async topProducts(sinceEpochMs, limit) {
      const rows = await query<{ product: string; units: number; revenue: number }>(
        `SELECT sum(units) AS units, sum(revenue) AS revenue FROM ${MEASUREMENT} WHERE ${sinceMs(sinceEpochMs)} GROUP BY product`,
      );
      return rows
        .map((row): TopProduct => ({
          productId: Number(row.product),
          units: row.units,
          revenueCents: row.revenue,
        }))
        .sort((a, b) => b.units - a.units || a.productId - b.productId)
        .slice(0, limit);
    },

    async revenueByCategory(sinceEpochMs) {
      const rows = await query<{ category: string; revenue: number; orders: number }>(
        `SELECT sum(revenue) AS revenue, count(distinct(orderId)) AS orders FROM ${MEASUREMENT} ` +
          `WHERE ${sinceMs(sinceEpochMs)} GROUP BY category`,
      );
      return rows
        .map((row): CategoryRevenue => ({
          categoryId: Number(row.category),
          revenueCents: row.revenue,
          orders: row.orders,
        }))
        .sort((a, b) => b.revenueCents - a.revenueCents || a.categoryId - b.categoryId);
    },

    async hasOrder(orderId) {
      const rows = await query<{ n: number }>(
        `SELECT count(units) AS n FROM ${MEASUREMENT} WHERE "order" = ${literal(orderId)}`,
      );
      return (rows[0]?.n ?? 0) > 0;
    },

    // The batched hasOrder: one query, the ids ORed on the order tag, a row per order that has points.
    async visibleOrders(orderIds) {
      if (orderIds.length === 0) return new Set();
      const wanted = [...new Set(orderIds)].map((id) => `"order" = ${literal(id)}`).join(' OR ');
      const rows = await query<{ order: string; n: number }>(
        `SELECT count(units) AS n FROM ${MEASUREMENT} WHERE ${wanted} GROUP BY "order"`,
      );
      return new Set(rows.filter((row) => row.n > 0).map((row) => row.order));
    },

    async revenueByOrder(sinceEpochMs) {
      const rows = await query<{ order: string; revenue: number }>(
        `SELECT sum(revenue) AS revenue FROM ${MEASUREMENT} WHERE ${sinceMs(sinceEpochMs)} GROUP BY "order"`,
      );
      return rows
        .map((row): OrderRevenue => ({ orderId: row.order, revenueCents: row.revenue }))
        .sort((a, b) => (a.orderId < b.orderId ? -1 : a.orderId > b.orderId ? 1 : 0));
    },

    async auditOrders() {
      const rows = await query<{ order: string; rows: number; units: number }>(
        `SELECT count(units) AS rows, sum(units) AS units FROM ${MEASUREMENT} GROUP BY "order"`,
      );
      return rows.map((row): OrderAudit => ({ orderId: row.order, rows: row.rows, units: row.units }));
    },
  };
}
