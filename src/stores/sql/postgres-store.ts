// Any PostgreSQL reached through a SqlClient, as a store adapter: all six roles and the atomic checkout on one
// database. The PGlite adapter and a networked PostgreSQL adapter differ only in the client they pass in.
import type { StoreAdapter, StoreFootprint, StoreInfo } from '../types.js';
import { SCHEMA } from './schema.js';
import type { SqlClient } from './client.js';
import { postgresDialect } from './dialect.js';
import { sqlStoreRoles } from './roles/store-roles.js';

export interface PostgresStoreParts {
  kind: string;
  info: StoreInfo;
  db: SqlClient;
  /** Releases the driver; for a shared server it should drop the tool's schema first (see dropSchema). */
  close: () => Promise<void>;
  /** The pool's connection counts, where there is a pool (networked PostgreSQL). */
  connections?: () => { opened: number; peak: number };
}

export function postgresStore({ kind, info, db, close, connections }: PostgresStoreParts): StoreAdapter {
  return {
    kind,
    info,
    ...sqlStoreRoles(db, postgresDialect),
    close,
    async footprint(): Promise<StoreFootprint> {
      // Tables with their indexes and TOAST, of the tool's own schema only.
      const rows = await db.query<{ bytes: string | number | null }>(
        `SELECT coalesce(sum(pg_total_relation_size(c.oid)), 0) AS bytes
           FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
          WHERE n.nspname = '${SCHEMA}' AND c.relkind IN ('r', 'm')`,
      );
      return {
        dataBytes: Number(rows[0]?.bytes ?? 0),
        source: `pg_total_relation_size of schema ${SCHEMA}`,
        connections: connections ? connections() : null,
      };
    },
  };
}

/** "PostgreSQL 18.6 (PGlite 0.5.16) on wasm32-…, compiled by …" → "18.6 (PGlite 0.5.16)". */
export async function serverVersion(db: SqlClient): Promise<string> {
  const rows = await db.query<{ version: string }>('SELECT version() AS version');
  const full = rows[0]?.version ?? 'unknown';
  return /^PostgreSQL (.+?) on /.exec(full)?.[1] ?? full;
}
