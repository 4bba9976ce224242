// Completed orders as JSON documents: the baseline's stand-in for a document store. user_id and created_at are
// copied out of the document only so "my orders" can use an index.
import type { Order } from '../../domain.js';
import type { OrderAudit, OrdersRole } from '../../roles.js';
import { toNumber, type MysqlClient, type SqlNumber, type SqlParam } from './client.js';
import { parseJsonColumn } from './json.js';

const COLUMNS = ['id', 'user_id', 'created_at', 'document'];

function orderRow(order: Order): SqlParam[] {
  return [order.id, order.userId, order.createdAt, JSON.stringify(order)];
}

/** Also used by the atomic checkout, inside its transaction. */
export async function insertOrderDocument(db: MysqlClient, order: Order): Promise<void> {
  await db.write(
    'INSERT INTO orders (id, user_id, created_at, document) VALUES (?, ?, ?, ?)',
    orderRow(order),
  );
}

export function mysqlOrders(db: MysqlClient): OrdersRole {
  return {
    async loadOrders(orders) {
      await db.insertRows('orders', COLUMNS, orders.map(orderRow));
    },

    insertOrder: (order) => insertOrderDocument(db, order),

    async getOrder(id) {
      const rows = await db.query<{ document: unknown }>('SELECT document FROM orders WHERE id = ?', [id]);
      const row = rows[0];
      return row ? parseJsonColumn<Order>(row.document) : null;
    },

    async ordersOfUser(userId, limit) {
      const rows = await db.query<{ document: unknown }>(
        `SELECT document FROM orders
          WHERE user_id = ?
          ORDER BY created_at DESC, id DESC
          LIMIT ?`,
        [userId, limit],
      );
      return rows.map((row) => parseJsonColumn<Order>(row.document));
    },

    async auditOrders() {
      // Units come from the stored document itself, so a document that diverged from what was written shows.
      // The primary key allows one document per id, so rows is always 1 here.
      const rows = await db.query<{ order_id: string; rows: SqlNumber; units: SqlNumber | null }>(
        `SELECT o.id AS order_id, 1 AS \`rows\`, SUM(line.quantity) AS units
           FROM orders o
           LEFT JOIN JSON_TABLE(o.document, '$.lines[*]' COLUMNS (quantity INT PATH '$.quantity')) AS line ON TRUE
          GROUP BY o.id`,
      );
      return rows.map((row): OrderAudit => ({
        orderId: row.order_id,
        rows: toNumber(row.rows),
        units: toNumber(row.units),
      }));
    },
  };
}
