// Store kind → factory, loaded lazily so an optional engine (Kuzu) is only required by layouts that use it.
import { UserError } from '../errors.js';
import { SERVER_STORE_KINDS } from './kinds.js';
import type { StoreFactory } from './types.js';

const loaders: Record<string, () => Promise<StoreFactory>> = {
  pglite: async () => (await import('./pglite.js')).pgliteFactory,
  duckdb: async () => (await import('./duckdb.js')).duckdbFactory,
  kuzu: async () => (await import('./kuzu.js')).kuzuFactory,
  docstore: async () => (await import('./docstore.js')).docstoreFactory,
  ttlcache: async () => (await import('./ttlcache.js')).ttlcacheFactory,
  postgres: async () => (await import('./postgres.js')).postgresFactory,
  redis: async () => (await import('./redis.js')).redisFactory,
  memcached: async () => (await import('./memcached.js')).memcachedFactory,
  mysql: async () => (await import('./mysql.js')).mysqlFactory,
  clickhouse: async () => (await import('./clickhouse.js')).clickhouseFactory,
  couchdb: async () => (await import('./couchdb.js')).couchdbFactory,
  mongodb: async () => (await import('./mongodb.js')).mongodbFactory,
  neo4j: async () => (await import('./neo4j.js')).neo4jFactory,
};

export async function storeFactory(kind: string): Promise<StoreFactory> {
  const load = loaders[kind];
  if (load) return load();
  if ((SERVER_STORE_KINDS as readonly string[]).includes(kind)) {
    throw new UserError(
      `store engine "${kind}" is not available in this version yet (embedded engines only)`,
    );
  }
  throw new UserError(`unknown store engine "${kind}" (known: ${Object.keys(loaders).join(', ')})`);
}

/** Whether this version has an adapter for the kind (servers like MongoDB may be planned but absent). */
export function hasStoreAdapter(kind: string): boolean {
  return kind in loaders;
}
