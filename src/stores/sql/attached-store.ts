// A SQL store attached to a namespace its owner holds (`run --workers N`, StoreOptions.attach): the same roles on a
// client of its own, and nothing else. No session sweeper (the owner's purges the shared tables for everyone), no
// footprint and no warnings (the owner reports the namespace once); close() only disconnects. The roles keep no
// state of their own between calls (every statement reads and writes the tables), so any number of instances may
// serve them on one namespace at once.
import type { StoreAdapter, StoreInfo } from '../types.js';
import type { SqlRunner } from './client.js';
import type { SqlDialect } from './roles/dialect.js';
import { sqlStoreRoles } from './roles/store-roles.js';

export interface AttachedSqlParts<C extends SqlRunner<C>> {
  kind: string;
  info: StoreInfo;
  db: C;
  dialect: SqlDialect<C>;
  /** Releases the instance's own connections only; bounded in time by the caller. */
  disconnect: () => Promise<void>;
}

export function attachedSqlStore<C extends SqlRunner<C>>({
  kind,
  info,
  db,
  dialect,
  disconnect,
}: AttachedSqlParts<C>): StoreAdapter {
  let closed: Promise<void> | null = null;
  return {
    kind,
    info,
    ...sqlStoreRoles(db, dialect),
    close() {
      closed ??= disconnect();
      return closed;
    },
  };
}
