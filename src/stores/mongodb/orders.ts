// Completed orders as documents: `_id` is the order id (a second insert of one fails with E11000, as the role's
// callers expect), and "my orders" walks the {userId, createdAt desc, _id desc} index.
import type { ClientSession } from 'mongodb';
import type { Order } from '../../domain.js';
import type { OrderAudit, OrdersRole } from '../../roles.js';
import { insertInBatches } from './bulk.js';
import type { Collections, OrderDocument } from './schema.js';

function orderDocument({ id, userId, lines, totalCents, createdAt }: Order): OrderDocument {
  return { _id: id, userId, lines, totalCents, createdAt };
}

function fromOrderDocument({ _id, userId, lines, totalCents, createdAt }: OrderDocument): Order {
  return { id: _id, userId, lines, totalCents, createdAt };
}

/** Also used by the atomic checkout, inside its transaction. */
export async function insertOrderDocument(
  c: Collections,
  order: Order,
  session?: ClientSession,
): Promise<void> {
  await c.orders.insertOne(orderDocument(order), { session });
}

export function mongoOrders(c: Collections): OrdersRole {
  return {
    async loadOrders(orderList) {
      await insertInBatches(c.orders, orderList.map(orderDocument));
    },

    insertOrder: (order) => insertOrderDocument(c, order),

    async getOrder(id) {
      const found = await c.orders.findOne({ _id: id });
      return found ? fromOrderDocument(found) : null;
    },

    async ordersOfUser(userId, limit) {
      if (limit <= 0) return [];
      const found = await c.orders.find({ userId }).sort({ createdAt: -1, _id: -1 }).limit(limit).toArray();
      return found.map(fromOrderDocument);
    },

    async auditOrders() {
      return c.orders
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
