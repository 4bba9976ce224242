// The orders role on any SQL dialect: completed orders as JSON documents, the baseline's stand-in for a
// document store. user_id and created_at are copied out of the document only so "my orders" can use an index.
import type { Order } from '../../../domain.js';
import type { OrdersRole } from '../../../roles.js';
import type { SqlParam, SqlRunner } from '../client.js';
import type { SqlDialect } from './dialect.js';
import { parseJsonColumn } from './json-column.js';
import { toOrderAudit, type OrderAuditRow } from './order-audit.js';

export interface OrderStatements {
  /** [id, userId, createdAt, document as JSON] */
  insert: string;
  /** [id] → document */
  byId: string;
  /** [userId, limit] → document, newest first (created_at desc, then id desc). */
  ofUser: string;
  /** [userIds as a JSON array, limit] → document, newest first over all of them (created_at desc, id desc). */
  ofUsers: string;
  /**
   * [] → order_id, rows, units per stored document, units summed from the document itself so a document that
   * diverged from what was written shows. The primary key allows one document per id, so rows is always 1.
   */
  audit: string;
}

const COLUMNS = ['id', 'user_id', 'created_at', 'document'];

function orderRow(order: Order): SqlParam[] {
  return [order.id, order.userId, order.createdAt, JSON.stringify(order)];
}

/** Also used by the atomic checkout, inside its transaction. */
export async function insertOrderDocument<C extends SqlRunner<C>>(
  db: C,
  statements: OrderStatements,
  order: Order,
): Promise<void> {
  await db.query(statements.insert, orderRow(order));
}

export function ordersRole<C extends SqlRunner<C>>(db: C, dialect: SqlDialect<C>): OrdersRole {
  const { orders } = dialect;
  return {
    loadOrders: (all) => dialect.loadRows(db, 'orders', COLUMNS, all.map(orderRow)),

    insertOrder: (order) => insertOrderDocument(db, orders, order),

    async getOrder(id) {
      const row = (await db.query<{ document: unknown }>(orders.byId, [id]))[0];
      return row ? parseJsonColumn<Order>(row.document) : null;
    },

    async ordersOfUser(userId, limit) {
      const rows = await db.query<{ document: unknown }>(orders.ofUser, [userId, limit]);
      return rows.map((row) => parseJsonColumn<Order>(row.document));
    },

    async ordersOfUsers(userIds, limit) {
      if (userIds.length === 0) return [];
      const rows = await db.query<{ document: unknown }>(orders.ofUsers, [JSON.stringify(userIds), limit]);
      return rows.map((row) => parseJsonColumn<Order>(row.document));
    },

    auditOrders: async () => (await db.query<OrderAuditRow>(orders.audit)).map(toOrderAudit),
  };
}
