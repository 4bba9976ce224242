// Any PostgreSQL reached through a SqlClient, as a store adapter: all six roles and the atomic checkout on one
// database. The PGlite adapter and a networked PostgreSQL adapter differ only in the client they pass in.
import type { StoreAdapter, StoreFootprint, StoreInfo } from '../types.js';
import { SCHEMA } from './schema.js';
import { sqlFootprint } from './order-copy-tables.js';
import type { SqlClient } from './client.js';
import { postgresDialect } from './dialect.js';
import { sqlStoreRoles } from './roles/store-roles.js';
import { startSessionSweeper } from './session-sweeper.js';

export interface PostgresStoreParts {
  kind: string;
  info: StoreInfo;
  db: SqlClient;
  /** Releases the driver; for a shared server it should drop the tool's schema first (see dropSchema). */
  close: () => Promise<void>;
  /** The store's warnings so far (a networked server's lost namespace lock); see StoreAdapter.warnings. */
  warnings?: () => readonly string[];
}

export function postgresStore({ kind, info, db, close, warnings }: PostgresStoreParts): StoreAdapter {
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
      // Tables with their indexes and TOAST, of the tool's own schema only.
      const tables = await db.query<{ name: string; bytes: string | number | null }>(
        `SELECT c.relname AS name, pg_total_relation_size(c.oid) AS bytes
           FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
          WHERE n.nspname = '${SCHEMA}' AND c.relkind IN ('r', 'm')`,
      );
      return sqlFootprint(tables, `pg_total_relation_size of schema ${SCHEMA}'s tables`);
    },
  };
}

/** "PostgreSQL 18.6 (PGlite 0.5.16) on wasm32-…, compiled by …" → "18.6 (PGlite 0.5.16)". */
export async function serverVersion(db: SqlClient): Promise<string> {
  const rows = await db.query<{ version: string }>('SELECT version() AS version');
  const full = rows[0]?.version ?? 'unknown';
  return /^PostgreSQL (.+?) on /.exec(full)?.[1] ?? full;
}
