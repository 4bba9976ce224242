// The orders role on a document collection, MongoDB or the embedded store: `_id` is the order id, so a second
// insert of one fails with E11000 on both, as the role's callers expect; "my orders" walks the
// {userId, createdAt desc, _id desc} index.
import type { Order } from '../../domain.js';
import type { OrderAudit, OrdersRole } from '../../roles.js';
import {
  loadDocuments,
  type DocumentCollection,
  type DocumentEngine,
  type OrderDocument,
} from './collection.js';

/** Serves ordersOfUser's filter and sort: one index range, walked in order, stopping at the limit. */
export const ORDERS_BY_USER = { userId: 1, createdAt: -1, _id: -1 } as const;

export function orderDocument({ id, userId, lines, totalCents, createdAt }: Order): OrderDocument {
  return { _id: id, userId, lines, totalCents, createdAt };
}

function fromOrderDocument({ _id, userId, lines, totalCents, createdAt }: OrderDocument): Order {
  return { id: _id, userId, lines, totalCents, createdAt };
}

/** Also MongoDB's atomic checkout stores orderDocument(order), inside its transaction (the embedded store has none). */
export function documentOrders(
  orders: DocumentCollection<OrderDocument>,
  engine: DocumentEngine,
): OrdersRole {
  return {
    async loadOrders(orderList) {
      await loadDocuments(orders, orderList.map(orderDocument), engine);
    },

    async insertOrder(order) {
      await orders.insertOne(orderDocument(order));
    },

    async getOrder(id) {
      const found = await orders.findOne({ _id: id });
      return found ? fromOrderDocument(found) : null;
    },

    async ordersOfUser(userId, limit) {
      // Both engines read limit 0 as "no limit"; the role means "nothing".
      if (limit <= 0) return [];
      const found = await orders
        .find<OrderDocument>({ userId })
        .sort({ createdAt: -1, _id: -1 })
        .limit(limit)
        .toArray();
      return found.map(fromOrderDocument);
    },

    // Each user's newest page over the {userId, createdAt, _id} index, merged: the embedded store has no $in.
    async ordersOfUsers(userIds, limit) {
      if (limit <= 0 || userIds.length === 0) return [];
      const pages = await Promise.all(
        [...new Set(userIds)].map((userId) =>
          orders.find<OrderDocument>({ userId }).sort({ createdAt: -1, _id: -1 }).limit(limit).toArray(),
        ),
      );
      return pages
        .flat()
        .sort((a, b) => b.createdAt - a.createdAt || (a._id < b._id ? 1 : a._id > b._id ? -1 : 0))
        .slice(0, limit)
        .map(fromOrderDocument);
    },

    async auditOrders() {
      return orders
        .aggregate<OrderAudit>([
          // Grouped by _id rather than assumed one per id, so the audit counts what is stored.
          { $group: { _id: '$_id', rows: { $sum: 1 }, units: { $sum: { $sum: '$lines.quantity' } } } },
          { $project: { _id: 0, orderId: '$_id', rows: 1, units: 1 } },
          { $sort: { orderId: 1 } },
        ])
        .toArray();
    },
  };
}
