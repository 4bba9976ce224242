// The PostgreSQL single-transaction checkout: the shared sequence over this store's role statements.
import type { AtomicCheckout } from '../../roles.js';
import { atomicCheckoutOf } from '../atomic-checkout.js';
import { insertSalesLines } from './analytics.js';
import { inTransaction, type SqlClient } from './client.js';
import { insertPurchaseEdges } from './graph.js';
import { insertOutboxRow, reserveLines } from './inventory.js';
import { insertOrderDocument } from './orders.js';
import { clearCartLines } from './sessions.js';

export function sqlAtomicCheckout(db: SqlClient): AtomicCheckout {
  return atomicCheckoutOf((fn) => inTransaction(db, fn), {
    reserveLines,
    insertOutboxRow,
    insertOrderDocument,
    insertPurchaseEdges,
    insertSalesLines,
    clearCartLines,
  });
}
