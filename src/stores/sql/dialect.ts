// PostgreSQL as a dialect of the shared SQL roles: its statements, and bulk loads through COPY into the tool's
// schema.
import { postgresAnalytics } from './analytics.js';
import { postgresCrossStore } from './cross-store.js';
import { postgresCatalog } from './catalog.js';
import type { SqlClient } from './client.js';
import { postgresGraph } from './graph.js';
import { postgresInventory } from './inventory.js';
import { postgresOrders } from './orders.js';
import { postgresOutbox } from './outbox.js';
import type { SqlDialect } from './roles/dialect.js';
import { SCHEMA } from './schema.js';
import { postgresSearch } from './search.js';
import { postgresSessions } from './sessions.js';

export const postgresDialect: SqlDialect<SqlClient> = {
  loadRows: (db, table, columns, rows) => db.copyRows(`${SCHEMA}.${table}`, [...columns], rows),
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
