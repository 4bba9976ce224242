// The built-in layouts as mappings role → store: on embedded engines (zero setup) and on
// real servers (--stores local|compose|docker), a store per job as docs/architecture.md describes.
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
    search: 'pglite',
  },
  /** A specialised store per job, embedded stand-ins of Redis, MongoDB, PostgreSQL, Neo4j, ClickHouse, OpenSearch. */
  polyglot: {
    sessions: 'ttlcache',
    catalog: 'docstore',
    inventory: 'pglite',
    orders: 'docstore',
    graph: 'kuzu',
    analytics: 'duckdb',
    search: 'minisearch',
  },
};

export const SERVER_LAYOUT_MAPPINGS: Record<string, RoleMapping> = {
  /** Everything in one MongoDB: the document database as the single store. */
  'baseline-mongo': {
    sessions: 'mongodb',
    catalog: 'mongodb',
    inventory: 'mongodb',
    orders: 'mongodb',
    graph: 'mongodb',
    analytics: 'mongodb',
    // MongoDB cannot serve search in this version (its descriptor says why): the index is its own store, so
    // checkouts reach it through the scenario's propagation.
    search: 'opensearch',
  },
  baseline: {
    sessions: 'postgres',
    catalog: 'postgres',
    inventory: 'postgres',
    orders: 'postgres',
    graph: 'postgres',
    analytics: 'postgres',
    search: 'postgres',
  },
  polyglot: {
    sessions: 'redis',
    catalog: 'mongodb',
    inventory: 'postgres',
    orders: 'mongodb',
    graph: 'neo4j',
    analytics: 'clickhouse',
    search: 'opensearch',
  },
};
