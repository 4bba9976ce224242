// Completed orders as JSONB documents: the baseline's stand-in for a document store. user_id and created_at
// are copied out of the document only so "my orders" can use an index.
import type { Order } from '../../domain.js';
import type { OrderAudit, OrdersRole } from '../../roles.js';
import { toNumber, type SqlClient, type SqlNumber } from './client.js';

const COLUMNS = ['id', 'user_id', 'created_at', 'document'];

function orderRow(order: Order): unknown[] {
  return [order.id, order.userId, order.createdAt, order];
}

/** Also used by the atomic checkout, inside its transaction. */
export async function insertOrderDocument(db: SqlClient, order: Order): Promise<void> {
  await db.query(
    'INSERT INTO polyglot_bench.orders (id, user_id, created_at, document) VALUES ($1, $2, $3, $4::jsonb)',
    [order.id, order.userId, order.createdAt, JSON.stringify(order)],
  );
}

export function sqlOrders(db: SqlClient): OrdersRole {
  return {
    async loadOrders(orders) {
      await db.copyRows('polyglot_bench.orders', COLUMNS, orders.map(orderRow));
    },

    insertOrder: (order) => insertOrderDocument(db, order),

    async getOrder(id) {
      const rows = await db.query<{ document: Order }>(
        'SELECT document FROM polyglot_bench.orders WHERE id = $1',
        [id],
      );
      return rows[0]?.document ?? null;
    },

    async ordersOfUser(userId, limit) {
      const rows = await db.query<{ document: Order }>(
        `SELECT document FROM polyglot_bench.orders
          WHERE user_id = $1
          ORDER BY created_at DESC, id DESC
          LIMIT $2`,
        [userId, limit],
      );
      return rows.map((row) => row.document);
    },

    async auditOrders() {
      // The primary key allows one document per id, so rows is always 1 here.
      const rows = await db.query<{ order_id: string; rows: SqlNumber; units: SqlNumber | null }>(
        `SELECT o.id AS order_id, 1 AS rows,
                (SELECT sum((line ->> 'quantity')::integer)
                   FROM jsonb_array_elements(o.document -> 'lines') AS line) AS units
           FROM polyglot_bench.orders o`,
      );
      return rows.map((row): OrderAudit => ({
        orderId: row.order_id,
        rows: toNumber(row.rows),
        units: toNumber(row.units),
      }));
    },
  };
}
