// What the graph's purchase edges and the analytics' sales lines have in common: one document per (order, product),
// unique on {orderId, productId}, recorded idempotently and audited per order.
import type { ClientSession, Collection } from 'mongodb';
import type { Order } from '../../domain.js';
import type { OrderAudit } from '../../roles.js';
import { purchaseLines, purchaseLinesOfOrders } from '../purchase-lines.js';
import { insertIgnoringDuplicates, insertInBatches } from './bulk.js';
import type { LineDocument } from './schema.js';

/** Bulk load: each (order, product) once even when the list repeats an order. */
export async function loadLines(
  collection: Collection<LineDocument>,
  orders: readonly Order[],
): Promise<void> {
  await insertInBatches(collection, purchaseLinesOfOrders(orders));
}

/** Recording an order again changes nothing: its lines are already there and the duplicates are refused. */
export async function recordLines(collection: Collection<LineDocument>, order: Order): Promise<void> {
  await insertIgnoringDuplicates(collection, purchaseLines(order));
}

/** A compensated checkout: its lines go; idempotent. */
export async function removeLines(collection: Collection<LineDocument>, orderId: string): Promise<void> {
  await collection.deleteMany({ orderId });
}

/** Inside the atomic checkout's transaction: a new order, so plain inserts (a duplicate would abort it). */
export async function insertLines(
  collection: Collection<LineDocument>,
  order: Order,
  session: ClientSession,
): Promise<void> {
  const lines = purchaseLines(order);
  if (lines.length > 0) await collection.insertMany(lines, { session });
}

export async function hasLinesOf(collection: Collection<LineDocument>, orderId: string): Promise<boolean> {
  return (await collection.findOne({ orderId }, { projection: { _id: 1 } })) !== null;
}

/** The batched hasLinesOf: one distinct command, answered from the {orderId, productId} index. */
export async function ordersWithLines(
  collection: Collection<LineDocument>,
  orderIds: readonly string[],
): Promise<Set<string>> {
  if (orderIds.length === 0) return new Set();
  const found = await collection.distinct('orderId', { orderId: { $in: [...new Set(orderIds)] } });
  return new Set(found);
}

export async function auditLines(collection: Collection<LineDocument>): Promise<OrderAudit[]> {
  return collection
    .aggregate<OrderAudit>([
      { $group: { _id: '$orderId', rows: { $sum: 1 }, units: { $sum: '$quantity' } } },
      { $project: { _id: 0, orderId: '$_id', rows: 1, units: 1 } },
      { $sort: { orderId: 1 } },
    ])
    .toArray();
}
