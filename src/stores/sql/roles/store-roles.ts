// Every role and the single-transaction checkout of a SQL database, from its client and its dialect: what a
// PostgreSQL or MySQL store adapter serves, written once.
import type { StoreAdapter } from '../../types.js';
import { atomicCheckoutOf, type CheckoutStatements } from '../../atomic-checkout.js';
import { inTransaction, type SqlRunner } from '../client.js';
import { analyticsRole, insertSalesLines } from './analytics.js';
import { catalogRole } from './catalog.js';
import { sqlCrossStore } from './cross-store.js';
import type { SqlDialect } from './dialect.js';
import { graphRole, insertPurchaseEdges } from './graph.js';
import { inventoryRole } from './inventory.js';
import { insertOrderDocument, ordersRole } from './orders.js';
import { insertOutboxRow } from './outbox.js';
import { reserveLines } from './reserve.js';
import { applySearchStock, searchRole } from './search.js';
import { clearCartLines, sessionsRole } from './sessions.js';

/** The roles' own statements, each run on the checkout transaction's client. */
function checkoutStatements<C extends SqlRunner<C>>(dialect: SqlDialect<C>): CheckoutStatements<C> {
  return {
    reserveLines: (tx, lines) => reserveLines(tx, dialect.inventory, lines),
    insertOutboxRow: (tx, order) => insertOutboxRow(tx, dialect.outbox, order),
    insertOrderDocument: (tx, order) => insertOrderDocument(tx, dialect.orders, order),
    insertPurchaseEdges: (tx, order) => insertPurchaseEdges(tx, dialect.graph, order),
    insertSalesLines: (tx, order) => insertSalesLines(tx, dialect.analytics, order),
    applySearchStock: (tx, order) => applySearchStock(tx, dialect.search, order),
    clearCartLines: (tx, sessionId) => clearCartLines(tx, dialect.sessions, sessionId),
  };
}

export function sqlStoreRoles<C extends SqlRunner<C>>(
  db: C,
  dialect: SqlDialect<C>,
): Required<Pick<StoreAdapter, 'roles' | 'atomicCheckout' | 'crossStore'>> {
  return {
    roles: {
      sessions: sessionsRole(db, dialect),
      catalog: catalogRole(db, dialect),
      inventory: inventoryRole(db, dialect),
      orders: ordersRole(db, dialect),
      graph: graphRole(db, dialect),
      analytics: analyticsRole(db, dialect),
      search: searchRole(db, dialect),
    },
    atomicCheckout: atomicCheckoutOf((fn) => inTransaction(db, fn), checkoutStatements(dialect)),
    crossStore: sqlCrossStore(db, dialect.crossStore),
  };
}
