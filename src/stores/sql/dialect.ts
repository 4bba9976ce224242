// PostgreSQL as a dialect of the shared SQL roles: its statements, and bulk loads through COPY. Table names are
// unqualified: they resolve in the store's schema through its connections' search_path (schema.ts).
import { postgresAnalytics } from './analytics.js';
import { postgresCrossStore } from './cross-store.js';
import { postgresCatalog } from './catalog.js';
import type { SqlClient } from './client.js';
import { postgresGraph } from './graph.js';
import { postgresInventory } from './inventory.js';
import { postgresOrders } from './orders.js';
import { postgresOutbox } from './outbox.js';
import type { SqlDialect } from './roles/dialect.js';
import { postgresSearch } from './search.js';
import { postgresSessions } from './sessions.js';

export const postgresDialect: SqlDialect<SqlClient> = {
  loadRows: (db, table, columns, rows) => db.copyRows(table, [...columns], rows),
  sessions: postgresSessions,
  catalog: postgresCatalog,
  inventory: postgresInventory,
  outbox: postgresOutbox,
  orders: postgresOrders,
  graph: postgresGraph,
  analytics: postgresAnalytics,
  crossStore: postgresCrossStore,
  search: postgresSearch,
};
