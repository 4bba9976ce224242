// A MySQL or MariaDB database reached through a MysqlClient, as a store adapter: all six roles and the atomic
// checkout on one database.
import type { StoreAdapter, StoreFootprint, StoreInfo } from '../types.js';
import { sqlStoreRoles } from '../sql/roles/store-roles.js';
import type { MysqlClient } from './client.js';
import { mysqlDialect } from './dialect.js';
import { sqlFootprint } from '../sql/order-copy-tables.js';
import { startSessionSweeper } from '../sql/session-sweeper.js';

export interface MysqlStoreParts {
  info: StoreInfo;
  db: MysqlClient;
  /** Drops the store's own database and releases the pool. */
  close: () => Promise<void>;
  /** The store's warnings so far (a lost namespace lock); see StoreAdapter.warnings. */
  warnings?: () => readonly string[];
}

export function mysqlStore({ info, db, close, warnings }: MysqlStoreParts): StoreAdapter {
  const sweeper = startSessionSweeper(db, mysqlDialect.sessions);
  return {
    kind: 'mysql',
    info,
    ...sqlStoreRoles(db, mysqlDialect),
    ...(warnings ? { warnings } : {}),
    async close() {
      // No sweep may still be deleting when the database is dropped or the pool ended.
      await sweeper.stop();
      await close();
    },
    async footprint(): Promise<StoreFootprint> {
      // The pool is bound to the tool's own database: DATABASE() is it. InnoDB's figures are estimates from its
      // statistics, refreshed lazily: ANALYZE TABLE first (a sampling pass), so they describe what the run left.
      const sizes = `SELECT table_name AS name, data_length + index_length AS bytes
                       FROM information_schema.tables WHERE table_schema = DATABASE()`;
      const names = (await db.query<{ name: string }>(sizes)).map((table) => `\`${table.name}\``);
      if (names.length > 0) await db.query(`ANALYZE TABLE ${names.join(', ')}`);
      const tables = await db.query<{ name: string; bytes: string | number | null }>(sizes);
      return sqlFootprint(
        tables,
        "information_schema.tables (data_length + index_length) of the tool's database",
      );
    },
  };
}
