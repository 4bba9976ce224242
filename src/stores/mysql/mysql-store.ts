// A MySQL or MariaDB database reached through a MysqlClient, as a store adapter: all six roles and the atomic
// checkout on one database.
import type { StoreAdapter, StoreInfo } from '../types.js';
import { sqlStoreRoles } from '../sql/roles/store-roles.js';
import type { MysqlClient } from './client.js';
import { mysqlDialect } from './dialect.js';

export interface MysqlStoreParts {
  info: StoreInfo;
  db: MysqlClient;
  /** Drops the store's own database and releases the pool. */
  close: () => Promise<void>;
}

export function mysqlStore({ info, db, close }: MysqlStoreParts): StoreAdapter {
  return { kind: 'mysql', info, ...sqlStoreRoles(db, mysqlDialect), close };
}
