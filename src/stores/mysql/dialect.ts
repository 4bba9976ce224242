// MySQL and MariaDB as a dialect of the shared SQL roles: their statements, and bulk loads as multi-row INSERTs
// into the store's own database (the pool is bound to it, so tables are named without one).
import { mysqlAnalytics } from './analytics.js';
import { mysqlCatalog } from './catalog.js';
import { mysqlCrossStore } from './cross-store.js';
import type { MysqlClient } from './client.js';
import { mysqlGraph } from './graph.js';
import { mysqlInventory } from './inventory.js';
import { mysqlOrders } from './orders.js';
import { mysqlOutbox } from './outbox.js';
import type { SqlDialect } from '../sql/roles/dialect.js';
import { mysqlSearch } from './search.js';
import { mysqlSessions } from './sessions.js';

export const mysqlDialect: SqlDialect<MysqlClient> = {
  loadRows: (db, table, columns, rows) => db.insertRows(table, columns, rows),
  sessions: mysqlSessions,
  catalog: mysqlCatalog,
  inventory: mysqlInventory,
  outbox: mysqlOutbox,
  orders: mysqlOrders,
  graph: mysqlGraph,
  analytics: mysqlAnalytics,
  search: mysqlSearch,
  crossStore: mysqlCrossStore,
};
