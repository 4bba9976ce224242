// The chunked history load on real servers: PostgreSQL holding every role (COPY per chunk), and the server
// polyglot's order-keeping stores — MongoDB orders, Neo4j purchases, ClickHouse sales — each in a namespace of
// this file's own, so suites running at the same time do not meet.
import { afterAll, beforeAll, describe, it } from 'vitest';
import type { RoleMapping } from '../../src/layouts/builtin.js';
import { ROLE_NAMES } from '../../src/roles.js';
import type { StoreSpec } from '../../src/scenario/types.js';
import { ownPostgresDatabase } from '../servers/own-postgres-database.js';
import { describeWithServer, serverUrl } from '../servers/server.js';
import {
  ONE_CHUNK,
  SMALL_CHUNKS,
  embeddedStores,
  expectSameAsOneChunk,
  loadedState,
} from './chunked-load.js';

const namespace = `pgb_chunked_${process.pid}`;

function allOn(store: string, overrides: Partial<RoleMapping> = {}): RoleMapping {
  return { ...Object.fromEntries(ROLE_NAMES.map((role) => [role, store])), ...overrides } as RoleMapping;
}

function server(engine: string, url: string): StoreSpec {
  return { engine, url, pool: null, options: { namespace } };
}

await describeWithServer('postgres', (url) => {
  const database = ownPostgresDatabase(url, 'pgb_chunked');
  beforeAll(() => database.create());
  afterAll(() => database.drop());

  describe('loading the history in chunks into PostgreSQL', () => {
    it('holds every historical order once, as a load in one chunk does', async () => {
      const stores = { postgres: { engine: 'postgres', url: database.url, pool: 4, options: {} } };
      const chunked = await loadedState(allOn('postgres'), stores, SMALL_CHUNKS);
      const whole = await loadedState(allOn('postgres'), stores, ONE_CHUNK);
      expectSameAsOneChunk(chunked, whole);
    }, 120_000);
  });
});

await describeWithServer('neo4j', () =>
  describeWithServer('mongodb', () =>
    describeWithServer('clickhouse', () => {
      describe('loading the history in chunks into MongoDB, Neo4j and ClickHouse', () => {
        it('holds every historical order once, as a load in one chunk does', async () => {
          const stores = {
            ...embeddedStores(['pglite', 'docstore', 'minisearch', 'ttlcache']),
            mongodb: server('mongodb', serverUrl('mongodb')),
            neo4j: server('neo4j', serverUrl('neo4j')),
            clickhouse: server('clickhouse', serverUrl('clickhouse')),
          };
          const roles = allOn('pglite', {
            sessions: 'ttlcache',
            catalog: 'docstore',
            search: 'minisearch',
            orders: 'mongodb',
            graph: 'neo4j',
            analytics: 'clickhouse',
          });
          const chunked = await loadedState(roles, stores, SMALL_CHUNKS);
          const whole = await loadedState(roles, stores, ONE_CHUNK);
          expectSameAsOneChunk(chunked, whole);
        }, 300_000);
      });
    }),
  ),
);
