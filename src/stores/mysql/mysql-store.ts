// A MySQL or MariaDB database reached through a MysqlClient, as a store adapter: all six roles and the atomic
// checkout on one database.
import type { StoreAdapter, StoreFootprint, StoreInfo } from '../types.js';
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
  return {
    kind: 'mysql',
    info,
    ...sqlStoreRoles(db, mysqlDialect),
    close,
    async footprint(): Promise<StoreFootprint> {
      // The pool is bound to the tool's own database: DATABASE() is it. InnoDB's figures are estimates it keeps.
      const rows = await db.query<{ bytes: string | number | null }>(
        `SELECT COALESCE(SUM(data_length + index_length), 0) AS bytes
           FROM information_schema.tables WHERE table_schema = DATABASE()`,
      );
      return {
        dataBytes: Number(rows[0]?.bytes ?? 0),
        source: "information_schema.tables (data_length + index_length) of the tool's database",
        connections: null,
      };
    },
  };
}
