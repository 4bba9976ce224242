// Every store engine this version knows, one line each. Adding an engine: its folder under src/stores/ with a
// descriptor.ts (src/stores/descriptor.ts says what one holds), and its line here. The order is the order users
// see the engines listed in: embedded first, then servers.
import { clickhouseEngine } from './clickhouse/descriptor.js';
import { couchdbEngine } from './couchdb/descriptor.js';
import type { EngineDescriptor } from './descriptor.js';
import { docstoreEngine } from './docstore/descriptor.js';
import { duckdbEngine } from './duckdb/descriptor.js';
import { influxdbEngine } from './influxdb/descriptor.js';
import { kuzuEngine } from './kuzu/descriptor.js';
import { memcachedEngine } from './memcached/descriptor.js';
import { minisearchEngine } from './minisearch/descriptor.js';
import { mongodbEngine } from './mongodb/descriptor.js';
import { mysqlEngine } from './mysql/descriptor.js';
import { neo4jEngine } from './neo4j/descriptor.js';
import { opensearchEngine } from './opensearch/descriptor.js';
import { pgliteEngine } from './pglite/descriptor.js';
import { postgresEngine } from './postgres/descriptor.js';
import { redisEngine } from './redis/descriptor.js';
import { ttlcacheEngine } from './ttlcache/descriptor.js';

export const ENGINES: readonly EngineDescriptor[] = [
  pgliteEngine,
  duckdbEngine,
  kuzuEngine,
  docstoreEngine,
  ttlcacheEngine,
  minisearchEngine,
  postgresEngine,
  mysqlEngine,
  redisEngine,
  memcachedEngine,
  clickhouseEngine,
  mongodbEngine,
  neo4jEngine,
  couchdbEngine,
  opensearchEngine,
  influxdbEngine,
];
