// The built-in layouts as mappings role → store, for the embedded engines (DESIGN.md §2–3).
import type { RoleName } from '../roles.js';

export type RoleMapping = Record<RoleName, string>;

export const BUILTIN_LAYOUT_MAPPINGS: Record<string, RoleMapping> = {
  /** Everything in one PostgreSQL: the single-database baseline. */
  baseline: {
    sessions: 'pglite',
    catalog: 'pglite',
    inventory: 'pglite',
    orders: 'pglite',
    graph: 'pglite',
    analytics: 'pglite',
  },
  /** A specialised store per job, embedded stand-ins of Redis, MongoDB, PostgreSQL, Neo4j, ClickHouse. */
  polyglot: {
    sessions: 'ttlcache',
    catalog: 'docstore',
    inventory: 'pglite',
    orders: 'docstore',
    graph: 'kuzu',
    analytics: 'duckdb',
  },
};
