// The analytics role on ClickHouse: order lines in the sales table, aggregates in SQL. The relay delivers an order
// at least once, and a repeated insert lands as duplicate rows until a background merge folds them; every read
// that counts rows goes through FINAL, which folds them at query time, so a duplicate never counts twice.
import type { ClickHouseClient } from '@clickhouse/client';
import type { AnalyticsRole, CategoryRevenue, OrderAudit, OrderRevenue, TopProduct } from '../../roles.js';
import { purchaseLines, purchaseLinesOfOrders, type PurchaseLine } from '../purchase-lines.js';
import { selectRows } from './database.js';
import { deleteRows } from './mutations.js';
import { SALES_TABLE } from './schema.js';
import { sqlIdentifier, sqlInteger, sqlString } from './sql.js';

/** Rows per INSERT when bulk loading: big enough that parts stay few, small enough to keep request bodies modest. */
export const LOAD_BATCH_ROWS = 10_000;

interface SalesRow {
  order_id: string;
  product_id: number;
  category_id: number;
  quantity: number;
  unit_price_cents: number;
  created_at: number;
}

function salesRow(line: PurchaseLine): SalesRow {
  return {
    order_id: line.orderId,
    product_id: line.productId,
    category_id: line.categoryId,
    quantity: line.quantity,
    unit_price_cents: line.unitPriceCents,
    created_at: line.createdAt,
  };
}

/** JSON output quotes 64-bit integers (sums, counts): "12" and 12 both come back as 12. */
function toNumber(value: unknown): number {
  const number = typeof value === 'string' ? Number(value) : value;
  if (typeof number !== 'number' || !Number.isFinite(number)) {
    throw new Error(`ClickHouse returned ${JSON.stringify(value)} where a number was expected`);
  }
  return number;
}

type Numeric = number | string;

export function clickhouseAnalytics(client: ClickHouseClient, database: string): AnalyticsRole {
  const table = `${sqlIdentifier(database)}.${sqlIdentifier(SALES_TABLE)}`;

  // JSONEachRow: the client's default for inserts (JSONCompactEachRow) is unknown to ClickHouse 18.16.
  // One INSERT is one block, so an order's lines land together or not at all.
  const insert = (rows: SalesRow[]) => client.insert({ table, values: rows, format: 'JSONEachRow' });
  const holds = async (orderId: string) => {
    const rows = await selectRows(
      client,
      `SELECT 1 AS found FROM ${table} WHERE order_id = ${sqlString(orderId)} LIMIT 1`,
    );
    return rows.length > 0;
  };

  return {
    async loadSales(orders) {
      const rows = purchaseLinesOfOrders(orders).map(salesRow);
      for (let start = 0; start < rows.length; start += LOAD_BATCH_ROWS) {
        await insert(rows.slice(start, start + LOAD_BATCH_ROWS));
      }
    },

    async recordOrder(order) {
      const rows = purchaseLines(order).map(salesRow);
      if (rows.length > 0) await insert(rows);
    },

    // A delete is a mutation that rewrites parts: only asked for when the order has lines (a retraction whose
    // purchase was dropped before the relay read it has none). The key leads with order_id, so the look is cheap.
    async removeOrder(order) {
      if (await holds(order.id))
        await deleteRows(client, database, SALES_TABLE, `order_id = ${sqlString(order.id)}`);
    },

    async topProducts(sinceEpochMs, limit) {
      const rows = await selectRows<{ product_id: Numeric; units: Numeric; revenue_cents: Numeric }>(
        client,
        `SELECT product_id, sum(quantity) AS units, sum(quantity * unit_price_cents) AS revenue_cents
           FROM ${table} FINAL
          WHERE created_at >= ${sqlInteger(sinceEpochMs)}
          GROUP BY product_id
          ORDER BY units DESC, product_id ASC
          LIMIT ${sqlInteger(limit)}`,
      );
      return rows.map((row): TopProduct => ({
        productId: toNumber(row.product_id),
        units: toNumber(row.units),
        revenueCents: toNumber(row.revenue_cents),
      }));
    },

    async revenueByCategory(sinceEpochMs) {
      const rows = await selectRows<{ category_id: Numeric; revenue_cents: Numeric; orders: Numeric }>(
        client,
        `SELECT category_id, sum(quantity * unit_price_cents) AS revenue_cents, uniqExact(order_id) AS orders
           FROM ${table} FINAL
          WHERE created_at >= ${sqlInteger(sinceEpochMs)}
          GROUP BY category_id
          ORDER BY revenue_cents DESC, category_id ASC`,
      );
      return rows.map((row): CategoryRevenue => ({
        categoryId: toNumber(row.category_id),
        revenueCents: toNumber(row.revenue_cents),
        orders: toNumber(row.orders),
      }));
    },

    async revenueByOrder(sinceEpochMs) {
      const rows = await selectRows<{ order_id: string; revenue_cents: Numeric }>(
        client,
        `SELECT order_id, sum(quantity * unit_price_cents) AS revenue_cents
           FROM ${table} FINAL
          WHERE created_at >= ${sqlInteger(sinceEpochMs)}
          GROUP BY order_id
          ORDER BY order_id ASC`,
      );
      return rows.map((row): OrderRevenue => ({
        orderId: row.order_id,
        revenueCents: toNumber(row.revenue_cents),
      }));
    },

    // Existence only: a duplicate row cannot change the answer, so no FINAL (the relay polls this one).
    hasOrder: holds,

    // The batched hasOrder, existence only like it (no FINAL): one IN list for the whole batch.
    async visibleOrders(orderIds) {
      if (orderIds.length === 0) return new Set();
      const rows = await selectRows<{ order_id: string }>(
        client,
        `SELECT DISTINCT order_id FROM ${table} WHERE order_id IN (${[...new Set(orderIds)].map(sqlString).join(', ')})`,
      );
      return new Set(rows.map((row) => row.order_id));
    },

    async auditOrders() {
      const rows = await selectRows<{ order_id: string; line_rows: Numeric; units: Numeric }>(
        client,
        `SELECT order_id, count() AS line_rows, sum(quantity) AS units
           FROM ${table} FINAL
          GROUP BY order_id
          ORDER BY order_id`,
      );
      return rows.map((row): OrderAudit => ({
        orderId: row.order_id,
        rows: toNumber(row.line_rows),
        units: toNumber(row.units),
      }));
    },
  };
}
