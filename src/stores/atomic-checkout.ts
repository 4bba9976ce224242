// The transactions a checkout runs in any SQL store, built once from each store's own statements: the
// inventory role's reserve (with its outbox row) and the single-database baseline's one-transaction checkout,
// which writes what the polyglot layout spreads over several stores and a relay.
import { placedOrder, type Order, type OrderLine } from '../domain.js';
import type { AtomicCheckout, ReserveLine, ReserveRequest, Reservation } from '../roles.js';

/** The role statements a checkout is made of, each run on the transaction's client. */
export interface CheckoutStatements<Tx> {
  /** Throws the store's Rollback (carrying the refusal) when a line cannot be reserved. */
  reserveLines(tx: Tx, lines: ReserveLine[]): Promise<OrderLine[]>;
  insertOutboxRow(tx: Tx, order: Order): Promise<void>;
  insertOrderDocument(tx: Tx, order: Order): Promise<void>;
  insertPurchaseEdges(tx: Tx, order: Order): Promise<void>;
  insertSalesLines(tx: Tx, order: Order): Promise<void>;
  /**
   * The search index's stock, so a search after the commit never lists a sold-out product as in stock. Absent
   * where the engine cannot serve search: its store then never holds every role a checkout writes.
   */
  applySearchStock?(tx: Tx, order: Order): Promise<void>;
  clearCartLines(tx: Tx, sessionId: string): Promise<void>;
}

/**
 * The inventory role's reserve for any SQL store: reserve the lines and, when asked, write the outbox row in
 * the same transaction, so the relay never sees an order whose stock was not taken. A refusal changes nothing.
 */
export function reserveWithOutboxOf<Tx>(
  inTransaction: (fn: (tx: Tx) => Promise<Reservation>) => Promise<Reservation>,
  statements: Pick<CheckoutStatements<Tx>, 'reserveLines' | 'insertOutboxRow'>,
): (request: ReserveRequest) => Promise<Reservation> {
  return (request) =>
    inTransaction(async (tx) => {
      const lines = await statements.reserveLines(tx, request.lines);
      if (request.writeOutbox) await statements.insertOutboxRow(tx, placedOrder(request, lines));
      return { ok: true, lines };
    });
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
        await statements.applySearchStock?.(tx, order);
        if (request.sessionId !== null) await statements.clearCartLines(tx, request.sessionId);
        return { ok: true, lines };
      }),
  };
}
