// The session sweeper on every SQL engine: embedded PGlite, a real PostgreSQL and a real MySQL/MariaDB. Each
// harness reaches the store's tables on a side connection (PGlite: the same engine) to move expiry into the past
// and to plant look-alike tables outside the tool's namespace.
import { PGlite } from '@electric-sql/pglite';
import { createConnection, type RowDataPacket } from 'mysql2/promise';
import pg from 'pg';
import { afterAll, beforeAll } from 'vitest';
import { mysqlFactory } from '../../src/stores/mysql.js';
import { DEFAULT_NAMESPACE } from '../../src/stores/namespace-setting.js';
import { pgliteSqlClient } from '../../src/stores/pglite.js';
import { postgresFactory } from '../../src/stores/postgres.js';
import { postgresStore } from '../../src/stores/sql/postgres-store.js';
import { createSchema, dropSchema } from '../../src/stores/sql/schema.js';
import type { StoreAdapter } from '../../src/stores/types.js';
import {
  describeSessionPurgeContract,
  type PurgeHarness,
  type StoredRows,
} from '../contracts/session-purge.contract.js';
import { ownPostgresDatabase } from '../servers/own-postgres-database.js';
import { describeWithServer } from '../servers/server.js';

type PgQuery = (sql: string, params?: unknown[]) => Promise<Array<Record<string, unknown>>>;

/** The look-alike tables: same names and columns as the tool's, in a schema of their own. */
const OTHER_SCHEMA = 'other_shop';

/** Everything but opening and closing the store, over any PostgreSQL connection to the store's database. */
function postgresHarness(store: StoreAdapter, query: PgQuery, close: () => Promise<void>): PurgeHarness {
  const count = async (sql: string, params: unknown[] = []) => Number((await query(sql, params))[0]?.n);
  return {
    store,
    async expire(ids) {
      await query(
        "UPDATE polyglot_bench.sessions SET expires_at = now() - interval '1 hour' WHERE id = ANY($1)",
        [ids],
      );
    },
    async stored(ids): Promise<StoredRows> {
      return {
        sessions: await count('SELECT count(*) AS n FROM polyglot_bench.sessions WHERE id = ANY($1)', [ids]),
        cartLines: await count(
          'SELECT count(*) AS n FROM polyglot_bench.cart_lines WHERE session_id = ANY($1)',
          [ids],
        ),
      };
    },
    async plantOutside() {
      await query(`CREATE SCHEMA ${OTHER_SCHEMA}`);
      await query(`CREATE TABLE ${OTHER_SCHEMA}.sessions (LIKE polyglot_bench.sessions INCLUDING ALL)`);
      await query(`CREATE TABLE ${OTHER_SCHEMA}.cart_lines (LIKE polyglot_bench.cart_lines INCLUDING ALL)`);
      await query(
        `INSERT INTO ${OTHER_SCHEMA}.sessions (id, user_id, created_at, expires_at)
         VALUES ('expired-1', 7, now() - interval '2 hours', now() - interval '1 hour')`,
      );
      await query(`INSERT INTO ${OTHER_SCHEMA}.cart_lines VALUES ('expired-1', 1, 2)`);
    },
    async storedOutside() {
      return {
        sessions: await count(`SELECT count(*) AS n FROM ${OTHER_SCHEMA}.sessions`),
        cartLines: await count(`SELECT count(*) AS n FROM ${OTHER_SCHEMA}.cart_lines`),
      };
    },
    async close() {
      await store.close();
      await query(`DROP SCHEMA IF EXISTS ${OTHER_SCHEMA} CASCADE`);
      await close();
    },
  };
}

let engine: PGlite | undefined;
beforeAll(async () => {
  engine = await PGlite.create();
});
afterAll(async () => {
  await engine?.close();
});

describeSessionPurgeContract('pglite', async () => {
  if (!engine) throw new Error('PGlite did not start');
  const pglite = engine;
  // The adapter the PGlite factory builds, over an engine the test can also query directly.
  const db = pgliteSqlClient(pglite);
  await db.exec(`SET search_path TO ${DEFAULT_NAMESPACE}`);
  await createSchema(db, DEFAULT_NAMESPACE);
  const store = postgresStore({
    kind: 'pglite',
    info: { engine: 'PostgreSQL', version: 'test', embedded: true, address: 'in-process' },
    db,
    schema: DEFAULT_NAMESPACE,
    close: () => dropSchema(db, DEFAULT_NAMESPACE),
  });
  const query: PgQuery = async (sql, params) =>
    (await pglite.query<Record<string, unknown>>(sql, params)).rows;
  return postgresHarness(store, query, async () => undefined);
});

await describeWithServer('postgres', (serverUrl) => {
  // The store uses the default namespace (schema polyglot_bench), so this file works in a database of its own.
  const database = ownPostgresDatabase(serverUrl, 'pgb_purge');
  beforeAll(() => database.create());
  afterAll(() => database.drop());

  describeSessionPurgeContract('postgres', async () => {
    const store = await postgresFactory.create({ url: database.url, settings: { pool: 2 } });
    const side = new pg.Client({ connectionString: database.url });
    await side.connect();
    const query: PgQuery = async (sql, params) => (await side.query(sql, params)).rows;
    return postgresHarness(store, query, () => side.end());
  });
});

await describeWithServer('mysql', (url) => {
  describeSessionPurgeContract('mysql', async () => {
    const namespace = `pb_purge_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
    const other = `${namespace}_other`;
    const store = await mysqlFactory.create({ url, settings: { namespace } });
    const side = await createConnection(url);
    const count = async (sql: string, params: unknown[] = []) =>
      Number((await side.query<RowDataPacket[]>(sql, params))[0][0]?.n);
    return {
      store,
      async expire(ids) {
        await side.query(
          `UPDATE \`${namespace}\`.sessions SET expires_at = UTC_TIMESTAMP(3) - INTERVAL 1 HOUR WHERE id IN (?)`,
          [ids],
        );
      },
      async stored(ids) {
        return {
          sessions: await count(`SELECT count(*) AS n FROM \`${namespace}\`.sessions WHERE id IN (?)`, [ids]),
          cartLines: await count(
            `SELECT count(*) AS n FROM \`${namespace}\`.cart_lines WHERE session_id IN (?)`,
            [ids],
          ),
        };
      },
      async plantOutside() {
        await side.query(`CREATE DATABASE \`${other}\``);
        await side.query(`CREATE TABLE \`${other}\`.sessions LIKE \`${namespace}\`.sessions`);
        await side.query(`CREATE TABLE \`${other}\`.cart_lines LIKE \`${namespace}\`.cart_lines`);
        await side.query(
          `INSERT INTO \`${other}\`.sessions VALUES
             ('expired-1', 7, UTC_TIMESTAMP(3) - INTERVAL 2 HOUR, UTC_TIMESTAMP(3) - INTERVAL 1 HOUR)`,
        );
        await side.query(`INSERT INTO \`${other}\`.cart_lines VALUES ('expired-1', 1, 2)`);
      },
      async storedOutside() {
        return {
          sessions: await count(`SELECT count(*) AS n FROM \`${other}\`.sessions`),
          cartLines: await count(`SELECT count(*) AS n FROM \`${other}\`.cart_lines`),
        };
      },
      async close() {
        await store.close();
        await side.query(`DROP DATABASE IF EXISTS \`${other}\``);
        await side.end();
      },
    };
  });
});
