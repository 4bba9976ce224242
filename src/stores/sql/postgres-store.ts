// Any PostgreSQL reached through a SqlClient, as a store adapter: all six roles and the atomic checkout on one
// database. The PGlite adapter and a networked PostgreSQL adapter differ only in the client they pass in.
import type { StoreAdapter, StoreFootprint, StoreInfo } from '../types.js';
import { sqlFootprint } from './order-copy-tables.js';
import type { SqlClient } from './client.js';
import { postgresDialect } from './dialect.js';
import { sqlStoreRoles } from './roles/store-roles.js';
import { startSessionSweeper } from './session-sweeper.js';

export interface PostgresStoreParts {
  kind: string;
  info: StoreInfo;
  db: SqlClient;
  /** The schema the store's tables are in: its namespace, which db's search_path names (schema.ts). */
  schema: string;
  /** Releases the driver; for a shared server it should drop its schema first (see dropSchema). */
  close: () => Promise<void>;
  /** The store's warnings so far (a networked server's lost namespace lock); see StoreAdapter.warnings. */
  warnings?: () => readonly string[];
}

export function postgresStore({ kind, info, db, schema, close, warnings }: PostgresStoreParts): StoreAdapter {
  const sweeper = startSessionSweeper(db, postgresDialect.sessions);
  return {
    kind,
    info,
    ...sqlStoreRoles(db, postgresDialect),
    ...(warnings ? { warnings } : {}),
    async close() {
      // No sweep may still be deleting when the schema is dropped or the driver released.
      await sweeper.stop();
      await close();
    },
    async footprint(): Promise<StoreFootprint> {
      // Tables with their indexes and TOAST, of this store's schema only: another namespace's are another run's.
      const tables = await db.query<{ name: string; bytes: string | number | null }>(
        `SELECT c.relname AS name, pg_total_relation_size(c.oid) AS bytes
           FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
          WHERE n.nspname = $1 AND c.relkind IN ('r', 'm')`,
        [schema],
      );
      return sqlFootprint(tables, `pg_total_relation_size of schema ${schema}'s tables`);
    },
  };
}

/** "PostgreSQL 18.6 (PGlite 0.5.16) on wasm32-…, compiled by …" → "18.6 (PGlite 0.5.16)". */
export async function serverVersion(db: SqlClient): Promise<string> {
  const rows = await db.query<{ version: string }>('SELECT version() AS version');
  const full = rows[0]?.version ?? 'unknown';
  return /^PostgreSQL (.+?) on /.exec(full)?.[1] ?? full;
}
