// A MySQL or MariaDB database reached through a MysqlClient, as a store adapter: all six roles and the atomic
// checkout on one database.
import type { StoreAdapter, StoreInfo } from '../types.js';
import { mysqlAnalytics } from './analytics.js';
import { mysqlAtomicCheckout } from './atomic-checkout.js';
import { mysqlCatalog } from './catalog.js';
import type { MysqlClient } from './client.js';
import { mysqlGraph } from './graph.js';
import { mysqlInventory } from './inventory.js';
import { mysqlOrders } from './orders.js';
import { mysqlSessions } from './sessions.js';

export interface MysqlStoreParts {
  info: StoreInfo;
  db: MysqlClient;
  /** Drops the store's own database and releases the pool. */
  close: () => Promise<void>;
}

export function mysqlStore({ info, db, close }: MysqlStoreParts): StoreAdapter {
  return {
    kind: 'mysql',
    info,
    roles: {
      sessions: mysqlSessions(db),
      catalog: mysqlCatalog(db),
      inventory: mysqlInventory(db),
      orders: mysqlOrders(db),
      graph: mysqlGraph(db),
      analytics: mysqlAnalytics(db),
    },
    atomicCheckout: mysqlAtomicCheckout(db),
    close,
  };
}
