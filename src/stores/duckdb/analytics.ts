// The analytics role on DuckDB: order lines in the sales fact table, aggregates as prepared SQL. Writes (bulk
// load, relay applies) go through the writer lane, dashboard queries through the reader lane.
import { BIGINT, INTEGER, LIST, VARCHAR, listValue, type DuckDBAppender } from '@duckdb/node-api';
import type { AnalyticsRole, CategoryRevenue, OrderAudit, OrderRevenue, TopProduct } from '../../roles.js';
import { purchaseLines, purchaseLinesOfOrders, type PurchaseLine } from '../purchase-lines.js';
import type { DuckDBLane, Row } from './lane.js';

// One statement per order, so its lines land all or nothing; the key makes a repeated order a no-op.
// unnest() over parallel lists zips them into one row per line.
const RECORD_ORDER = `
INSERT INTO sales
SELECT $order_id, unnest($product_ids), unnest($category_ids), unnest($quantities), unnest($unit_prices),
       $created_at
ON CONFLICT DO NOTHING`;

const TOP_PRODUCTS = `
SELECT product_id, sum(quantity) AS units, sum(quantity * unit_price_cents) AS revenue_cents
FROM sales
WHERE created_at >= $since
GROUP BY product_id
ORDER BY units DESC, product_id ASC
LIMIT $limit`;

const REVENUE_BY_CATEGORY = `
SELECT category_id, sum(quantity * unit_price_cents) AS revenue_cents, count(DISTINCT order_id) AS orders
FROM sales
WHERE created_at >= $since
GROUP BY category_id
ORDER BY revenue_cents DESC, category_id ASC`;

const REVENUE_BY_ORDER = `
SELECT order_id, sum(quantity * unit_price_cents) AS revenue_cents
FROM sales
WHERE created_at >= $since
GROUP BY order_id
ORDER BY order_id`;

const HAS_ORDER = `SELECT EXISTS (SELECT 1 FROM sales WHERE order_id = $order_id) AS found`;

const REMOVE_ORDER = `DELETE FROM sales WHERE order_id = $order_id`;

// The batched HAS_ORDER: the listed ids as a semi-join, one pass over sales for the whole list.
const VISIBLE_ORDERS = `SELECT DISTINCT order_id FROM sales WHERE order_id IN (SELECT unnest($order_ids))`;

const AUDIT_ORDERS = `
SELECT order_id, count(*) AS rows, sum(quantity) AS units
FROM sales
GROUP BY order_id
ORDER BY order_id`;

const RECORD_ORDER_TYPES = {
  order_id: VARCHAR,
  product_ids: LIST(INTEGER),
  category_ids: LIST(INTEGER),
  quantities: LIST(INTEGER),
  unit_prices: LIST(BIGINT),
  created_at: BIGINT,
};

export function duckdbAnalytics(writer: DuckDBLane, reader: DuckDBLane): AnalyticsRole {
  return {
    // The Appender is DuckDB's bulk path: rows go straight into the table's storage, no SQL per row. It has no
    // ON CONFLICT, so the load expects the fresh table a new store starts with.
    async loadSales(orders) {
      const lines = purchaseLinesOfOrders(orders);
      if (lines.length === 0) return;
      await writer.exclusive(async (connection) => {
        const appender = await connection.createAppender('sales');
        try {
          for (const line of lines) appendLine(appender, line);
          appender.flushSync();
        } finally {
          appender.closeSync();
        }
      });
    },

    async removeOrder(order) {
      await writer.query(REMOVE_ORDER, { order_id: order.id }, { order_id: VARCHAR });
    },

    async recordOrder(order) {
      const lines = purchaseLines(order);
      if (lines.length === 0) return;
      await writer.query(
        RECORD_ORDER,
        {
          order_id: order.id,
          product_ids: listValue(lines.map((line) => line.productId)),
          category_ids: listValue(lines.map((line) => line.categoryId)),
          quantities: listValue(lines.map((line) => line.quantity)),
          unit_prices: listValue(lines.map((line) => BigInt(line.unitPriceCents))),
          created_at: BigInt(order.createdAt),
        },
        RECORD_ORDER_TYPES,
      );
    },

    async topProducts(sinceEpochMs, limit) {
      if (limit <= 0) return [];
      const rows = await reader.query(
        TOP_PRODUCTS,
        { since: BigInt(sinceEpochMs), limit: BigInt(limit) },
        { since: BIGINT, limit: BIGINT },
      );
      return rows.map((row): TopProduct => ({
        productId: int(row, 'product_id'),
        units: int(row, 'units'),
        revenueCents: int(row, 'revenue_cents'),
      }));
    },

    async revenueByCategory(sinceEpochMs) {
      const rows = await reader.query(
        REVENUE_BY_CATEGORY,
        { since: BigInt(sinceEpochMs) },
        { since: BIGINT },
      );
      return rows.map((row): CategoryRevenue => ({
        categoryId: int(row, 'category_id'),
        revenueCents: int(row, 'revenue_cents'),
        orders: int(row, 'orders'),
      }));
    },

    async revenueByOrder(sinceEpochMs) {
      const rows = await reader.query(REVENUE_BY_ORDER, { since: BigInt(sinceEpochMs) }, { since: BIGINT });
      return rows.map((row): OrderRevenue => ({
        orderId: String(row['order_id']),
        revenueCents: int(row, 'revenue_cents'),
      }));
    },

    async hasOrder(orderId) {
      const [row] = await reader.query(HAS_ORDER, { order_id: orderId }, { order_id: VARCHAR });
      return row?.['found'] === true;
    },

    async visibleOrders(orderIds) {
      // An empty list binds no element type; nothing to look up anyway.
      if (orderIds.length === 0) return new Set();
      const rows = await reader.query(
        VISIBLE_ORDERS,
        { order_ids: listValue([...new Set(orderIds)]) },
        { order_ids: LIST(VARCHAR) },
      );
      return new Set(rows.map((row) => String(row['order_id'])));
    },

    async auditOrders() {
      const rows = await reader.query(AUDIT_ORDERS);
      return rows.map((row): OrderAudit => ({
        orderId: String(row['order_id']),
        rows: int(row, 'rows'),
        units: int(row, 'units'),
      }));
    },
  };
}

/** Appends in the column order of CREATE_SALES. */
function appendLine(appender: DuckDBAppender, line: PurchaseLine): void {
  appender.appendVarchar(line.orderId);
  appender.appendInteger(line.productId);
  appender.appendInteger(line.categoryId);
  appender.appendInteger(line.quantity);
  appender.appendBigInt(BigInt(line.unitPriceCents));
  appender.appendBigInt(BigInt(line.createdAt));
  appender.endRow();
}

/** An integer column as a JS number: DuckDB returns BIGINT and HUGEINT (sums) as bigint. */
function int(row: Row, column: string): number {
  const value = row[column];
  if (typeof value === 'number') return value;
  if (typeof value === 'bigint') return Number(value);
  throw new TypeError(`duckdb: expected an integer in column ${column}, got ${String(value)}`);
}
