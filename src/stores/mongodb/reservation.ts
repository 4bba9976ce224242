// The stock statements a reservation is made of, shared by the inventory role and the atomic checkout. Each line is
// one conditional decrement ({_id, stock >= q} → $inc -q): the server matches and updates a document atomically,
// so no interleaving of reservations can take stock below zero, with or without transactions.
import type { ClientSession } from 'mongodb';
import type { Order, OrderLine } from '../../domain.js';
import type { OutboxKind, ReserveLine, Reservation } from '../../roles.js';
import { OUTBOX_COUNTER, type Collections } from './schema.js';

export type Refused = Extract<Reservation, { ok: false }>;

/** Thrown when a line cannot be reserved; the caller answers with the refusal (after undoing what was taken). */
export class Refusal extends Error {
  constructor(readonly reservation: Refused) {
    super(`reservation refused: ${reservation.reason} (product ${reservation.productId})`);
    this.name = 'Refusal';
  }
}

/**
 * Lines in productId order. Inside transactions, two reservations of the same products then collide on the first
 * one they share (one waits or retries) instead of each taking one and both aborting on the other.
 */
export function inProductOrder<T extends { productId: number }>(lines: readonly T[]): T[] {
  return [...lines].sort((a, b) => a.productId - b.productId);
}

/**
 * Decrements and prices every line, or throws a Refusal. Inside a transaction (session given) the abort undoes the
 * lines already taken. Without one they are put back here before the Refusal is thrown: all or nothing in the end,
 * though not isolated — for that moment another reservation can be refused units that then return.
 */
export async function reserveLines(
  c: Collections,
  lines: readonly ReserveLine[],
  session?: ClientSession,
): Promise<OrderLine[]> {
  const priceOf = new Map<number, number>();
  const taken: ReserveLine[] = [];
  for (const line of inProductOrder(lines)) {
    const updated = await c.stock.findOneAndUpdate(
      { _id: line.productId, stock: { $gte: line.quantity } },
      { $inc: { stock: -line.quantity } },
      { projection: { priceCents: 1 }, session },
    );
    if (updated) {
      priceOf.set(line.productId, updated.priceCents);
      taken.push(line);
      continue;
    }
    const known = await c.stock.findOne({ _id: line.productId }, { projection: { _id: 1 }, session });
    if (!session) await putBack(c, taken);
    throw new Refusal({
      ok: false,
      reason: known ? 'out-of-stock' : 'unknown-product',
      productId: line.productId,
    });
  }
  return lines.map((line) => ({
    productId: line.productId,
    categoryId: line.categoryId,
    quantity: line.quantity,
    unitPriceCents: priceOf.get(line.productId) ?? 0,
  }));
}

/** Returns units to stock (compensation and release), in productId order like the decrements. */
export async function putBack(
  c: Collections,
  lines: ReadonlyArray<{ productId: number; quantity: number }>,
  session?: ClientSession,
): Promise<void> {
  for (const line of inProductOrder(lines)) {
    await c.stock.updateOne({ _id: line.productId }, { $inc: { stock: line.quantity } }, { session });
  }
}

/**
 * The order's outbox row (its purchase, or a compensation's retraction of it) under the next seq. The seq is taken outside any transaction: the counter is one document
 * every checkout writes, and inside transactions it would make all of them conflict with each other. An aborted
 * transaction leaves a gap in the seqs, which the relay does not mind (it marks rows by seq, not by range).
 */
export async function writeOutboxRow(
  c: Collections,
  order: Order,
  session?: ClientSession,
  kind: OutboxKind = 'purchase',
): Promise<void> {
  // The counter as it was before this $inc, plus one, rather than as it is after: mongo-java-server answers
  // returnDocument 'after' with its live document, serialised once its lock is released, so two concurrent
  // allocations could both read the second one's seq (seen as a duplicate-key outbox insert); the 'before' answer is
  // a copy taken under the lock. On MongoDB both are atomic.
  const counter = await c.counters.findOneAndUpdate(
    { _id: OUTBOX_COUNTER },
    { $inc: { seq: 1 } },
    { returnDocument: 'before' },
  );
  if (!counter) throw new Error('the outbox counter document is missing (was the database dropped?)');
  await c.outbox.insertOne(
    { _id: counter.seq + 1, orderId: order.id, kind, order, applied: false, appliedAt: null },
    { session },
  );
}
