// Any PostgreSQL reached through a SqlClient, as a store adapter: all six roles and the atomic checkout on one
// database. The PGlite adapter and a networked PostgreSQL adapter differ only in the client they pass in.
import type { StoreAdapter, StoreInfo } from '../types.js';
import type { SqlClient } from './client.js';
import { postgresDialect } from './dialect.js';
import { sqlStoreRoles } from './roles/store-roles.js';

export interface PostgresStoreParts {
  kind: string;
  info: StoreInfo;
  db: SqlClient;
  /** Releases the driver; for a shared server it should drop the tool's schema first (see dropSchema). */
  close: () => Promise<void>;
}

export function postgresStore({ kind, info, db, close }: PostgresStoreParts): StoreAdapter {
  return { kind, info, ...sqlStoreRoles(db, postgresDialect), close };
}

/** "PostgreSQL 18.6 (PGlite 0.5.16) on wasm32-…, compiled by …" → "18.6 (PGlite 0.5.16)". */
export async function serverVersion(db: SqlClient): Promise<string> {
  const rows = await db.query<{ version: string }>('SELECT version() AS version');
  const full = rows[0]?.version ?? 'unknown';
  return /^PostgreSQL (.+?) on /.exec(full)?.[1] ?? full;
}
