// The transactional outbox on any SQL dialect: placed orders written next to the stock they reserved (and the
// retractions of compensated ones), read by the relay oldest first and marked applied by seq (a sequence that
// grows with every row the store writes).
import type { Order } from '../../../domain.js';
import type { OutboxKind, OutboxRow } from '../../../roles.js';
import { toNumber, type SqlNumber, type SqlRunner } from '../client.js';
import { parseJsonColumn } from './json-column.js';

export interface OutboxStatements {
  /** [orderId, payload as JSON] → the order's purchase row. */
  insert: string;
  /** [orderId] → a retraction row carrying the payload of the order's purchase row; none when it has none. */
  insertRetraction: string;
  /** [orderId] → deletes the order's purchase rows the relay has not applied yet. */
  dropPending: string;
  /** [limit] → seq, kind, payload of the oldest unapplied rows, by seq. */
  pending: string;
  /** [seqs as a JSON array] → marks those still unapplied as applied. */
  markApplied: string;
}

/** Inside the reservation's (or the atomic checkout's) transaction, so the row exists exactly when stock moved. */
export async function insertOutboxRow<C extends SqlRunner<C>>(
  db: C,
  statements: OutboxStatements,
  order: Order,
): Promise<void> {
  await db.query(statements.insert, [order.id, JSON.stringify(order)]);
}

/**
 * Compensation, in release's transaction: an order that will not be placed must leave no purchase in the derived
 * stores. Its purchase row is dropped if unapplied (the polling relay then never reads it), and a retraction is
 * written whenever it had one, before the drop so the payload is still there: the cdc feed streamed the purchase
 * at its commit, and a polling relay may have read it just before the drop (InventoryRole.release).
 */
export async function retractOutboxRows<C extends SqlRunner<C>>(
  db: C,
  statements: OutboxStatements,
  orderId: string,
): Promise<void> {
  await db.query(statements.insertRetraction, [orderId]);
  await db.query(statements.dropPending, [orderId]);
}

export async function pendingOutboxRows<C extends SqlRunner<C>>(
  db: C,
  statements: OutboxStatements,
  limit: number,
): Promise<OutboxRow[]> {
  const rows = await db.query<{ seq: SqlNumber; kind: OutboxKind; payload: unknown }>(statements.pending, [
    limit,
  ]);
  return rows.map((row): OutboxRow => ({
    seq: toNumber(row.seq),
    kind: row.kind,
    order: parseJsonColumn<Order>(row.payload),
  }));
}

export async function markOutboxRowsApplied<C extends SqlRunner<C>>(
  db: C,
  statements: OutboxStatements,
  seqs: readonly number[],
): Promise<void> {
  if (seqs.length === 0) return;
  // One JSON array, so this is one prepared statement whatever the batch size.
  await db.query(statements.markApplied, [JSON.stringify(seqs)]);
}
