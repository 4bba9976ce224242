// The single-database baseline's propagation, for any SQL store: one transaction writes what the polyglot
// layout spreads over several stores and a relay, reusing each role's own statements on the transaction.
import { placedOrder, type Order, type OrderLine } from '../domain.js';
import type { AtomicCheckout, ReserveLine, Reservation } from '../roles.js';

/** The role statements a checkout is made of, each run on the transaction's client. */
export interface CheckoutStatements<Tx> {
  /** Throws the store's Rollback (carrying the refusal) when a line cannot be reserved. */
  reserveLines(tx: Tx, lines: ReserveLine[]): Promise<OrderLine[]>;
  insertOutboxRow(tx: Tx, order: Order): Promise<void>;
  insertOrderDocument(tx: Tx, order: Order): Promise<void>;
  insertPurchaseEdges(tx: Tx, order: Order): Promise<void>;
  insertSalesLines(tx: Tx, order: Order): Promise<void>;
  clearCartLines(tx: Tx, sessionId: string): Promise<void>;
}

export function atomicCheckoutOf<Tx>(
  /** Runs fn in one transaction; a thrown Rollback rolls back and becomes the answer. */
  inTransaction: (fn: (tx: Tx) => Promise<Reservation>) => Promise<Reservation>,
  statements: CheckoutStatements<Tx>,
): AtomicCheckout {
  return {
    checkoutAtomic: (request) =>
      inTransaction(async (tx) => {
        // A refusal throws Rollback here, so nothing below runs and nothing above stays.
        const lines = await statements.reserveLines(tx, request.lines);
        const order = placedOrder(request, lines);
        if (request.writeOutbox) await statements.insertOutboxRow(tx, order);
        await statements.insertOrderDocument(tx, order);
        await statements.insertPurchaseEdges(tx, order);
        await statements.insertSalesLines(tx, order);
        if (request.sessionId !== null) await statements.clearCartLines(tx, request.sessionId);
        return { ok: true, lines };
      }),
  };
}
