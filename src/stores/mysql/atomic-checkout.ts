// The single-database baseline's propagation: one transaction writes what the polyglot layout spreads over
// several stores and a relay. It reuses each role's statements on the transaction's client.
import type { AtomicCheckout, Reservation } from '../../roles.js';
import { insertSalesLines } from './analytics.js';
import { inTransaction, type MysqlClient } from './client.js';
import { insertPurchaseEdges } from './graph.js';
import { insertOrderDocument } from './orders.js';
import { insertOutboxRow } from './outbox.js';
import { pricedOrder, reserveLines } from './reserve.js';
import { clearCartLines } from './sessions.js';

export function mysqlAtomicCheckout(db: MysqlClient): AtomicCheckout {
  return {
    checkoutAtomic: (request) =>
      inTransaction(db, async (tx): Promise<Reservation> => {
        // A refusal throws Rollback here, so nothing below runs and nothing above stays.
        const lines = await reserveLines(tx, request.lines);
        const order = pricedOrder(request, lines);
        if (request.writeOutbox) await insertOutboxRow(tx, order);
        await insertOrderDocument(tx, order);
        await insertPurchaseEdges(tx, order);
        await insertSalesLines(tx, order);
        if (request.sessionId !== null) await clearCartLines(tx, request.sessionId);
        return { ok: true, lines };
      }),
  };
}
