// The MySQL single-transaction checkout: the shared sequence over this store's role statements.
import type { AtomicCheckout } from '../../roles.js';
import { atomicCheckoutOf } from '../atomic-checkout.js';
import { insertSalesLines } from './analytics.js';
import { inTransaction, type MysqlClient } from './client.js';
import { insertPurchaseEdges } from './graph.js';
import { insertOrderDocument } from './orders.js';
import { insertOutboxRow } from './outbox.js';
import { reserveLines } from './reserve.js';
import { clearCartLines } from './sessions.js';

export function mysqlAtomicCheckout(db: MysqlClient): AtomicCheckout {
  return atomicCheckoutOf((fn) => inTransaction(db, fn), {
    reserveLines,
    insertOutboxRow,
    insertOrderDocument,
    insertPurchaseEdges,
    insertSalesLines,
    clearCartLines,
  });
}
