// The single-database baseline's propagation on MongoDB: the shared checkout sequence (../atomic-checkout.ts) over
// this store's statements, in one multi-document transaction. Only offered when the server commits transactions.
import type { ClientSession, MongoClient } from 'mongodb';
import type { AtomicCheckout } from '../../roles.js';
import { atomicCheckoutOf } from '../atomic-checkout.js';
import { insertLines } from './order-lines.js';
import { insertOrderDocument } from './orders.js';
import { reserveLines, writeOutboxRow } from './reservation.js';
import type { Collections } from './schema.js';
import { clearCartLines } from './sessions.js';
import { inTransaction } from './transaction.js';

export function mongoAtomicCheckout(client: MongoClient, c: Collections): AtomicCheckout {
  return atomicCheckoutOf<ClientSession>((fn) => inTransaction(client, fn), {
    reserveLines: (session, lines) => reserveLines(c, lines, session),
    insertOutboxRow: (session, order) => writeOutboxRow(c, order, session),
    insertOrderDocument: (session, order) => insertOrderDocument(c, order, session),
    insertPurchaseEdges: (session, order) => insertLines(c.purchases, order, session),
    insertSalesLines: (session, order) => insertLines(c.sales, order, session),
    clearCartLines: (session, sessionId) => clearCartLines(c, sessionId, session),
  });
}
