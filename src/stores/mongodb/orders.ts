// The orders role on MongoDB: the shared document role (../document/orders.ts) over the server's collections,
// plus the one thing only MongoDB does with orders, inserting one inside a transaction.
import type { ClientSession } from 'mongodb';
import type { Order } from '../../domain.js';
import type { OrdersRole } from '../../roles.js';
import { MONGODB_ENGINE } from '../document/engines.js';
import { documentOrders, orderDocument } from '../document/orders.js';
import type { Collections } from './schema.js';

/** The atomic checkout's insert, inside its transaction: the same document the role's insertOrder stores. */
export async function insertOrderDocument(
  c: Collections,
  order: Order,
  session: ClientSession,
): Promise<void> {
  await c.orders.insertOne(orderDocument(order), { session });
}

export function mongoOrders(c: Collections): OrdersRole {
  return documentOrders(c.orders, MONGODB_ENGINE);
}
