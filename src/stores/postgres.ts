// A networked PostgreSQL through `pg`: the same role SQL as PGlite (src/stores/sql), on a connection pool.
// Statements are prepared per connection (named by their text), bulk loads use COPY … FROM STDIN.
import { createHash } from 'node:crypto';
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { UserError } from '../errors.js';
import { ROLE_NAMES } from '../roles.js';
import { attachPostgres } from './postgres/attach.js';
import { postgresNamespace } from './postgres/namespace.js';
import { holdNamespaceLock, type NamespaceLock } from './postgres/namespace-lock.js';
import { checkSearchPath, searchPathConfig } from './postgres/search-path.js';
import { announcedSocket } from './announced-socket.js';
import { redactedAddress, unreachableStore } from './server-address.js';
import type { SqlClient } from './sql/client.js';
import { toCsv } from './sql/csv.js';
import { postgresStore, serverVersion } from './sql/postgres-store.js';
import { createSchema, dropSchema } from './sql/schema.js';
import type { StoreFactory, StoreOptions } from './types.js';

const DEFAULT_POOL = 8;
const CONNECT_TIMEOUT_MS = 5000;
const COPY_CHUNK_ROWS = 20_000;

type Queryable = pg.Pool | pg.PoolClient;

const statementNames = new Map<string, string>();

/** Named prepared statements: pg prepares each text once per connection and reuses the plan. */
function statementName(sql: string): string {
  // Memoized: hashing the text on every call showed up in bench/ profiles.
  let name = statementNames.get(sql);
  if (name === undefined) {
    name = `pgb_${createHash('sha1').update(sql).digest('hex').slice(0, 16)}`;
    statementNames.set(sql, name);
  }
  return name;
}

function clientOver(
  db: Queryable,
  transaction: SqlClient['transaction'],
  copyVia: () => Promise<pg.PoolClient>,
) {
  const client: SqlClient = {
    async query<T>(sql: string, params: unknown[] = []) {
      const result = await db.query({ name: statementName(sql), text: sql, values: params });
      return result.rows as T[];
    },
    async exec(sql) {
      await db.query(sql);
    },
    transaction,
    async copyRows(table, columns, rows) {
      const connection = await copyVia();
      try {
        for (let start = 0; start < rows.length; start += COPY_CHUNK_ROWS) {
          const csv = toCsv(rows.slice(start, start + COPY_CHUNK_ROWS));
          const sink = connection.query(
            copyFrom(`COPY ${table} (${columns.join(', ')}) FROM STDIN WITH (FORMAT csv)`),
          );
          await pipeline(Readable.from([csv]), sink);
        }
      } finally {
        if (connection !== db) connection.release();
      }
    },
  };
  return client;
}

/** A transaction's client: transaction() on it nests as a savepoint, as the SQL layer expects. */
function transactionClient(connection: pg.PoolClient): SqlClient {
  let savepoints = 0;
  const client: SqlClient = clientOver(
    connection,
    async (fn) => {
      const name = `nested_${++savepoints}`;
      await connection.query(`SAVEPOINT ${name}`);
      try {
        const result = await fn(client);
        await connection.query(`RELEASE SAVEPOINT ${name}`);
        return result;
      } catch (error) {
        await connection.query(`ROLLBACK TO SAVEPOINT ${name}`);
        throw error;
      }
    },
    async () => connection,
  );
  return client;
}

/**
 * A connection from the pool. Waiting longer than connectionTimeoutMillis (every connection busy with slower calls,
 * or the server slow to accept) fails with pg's bare "timeout exceeded when trying to connect"; it is said as the
 * timeout it is. Nothing reached the server: unlike a call past its deadline, such a write certainly did nothing.
 */
async function pooledConnection(pool: pg.Pool): Promise<pg.PoolClient> {
  try {
    return await pool.connect();
  } catch (error) {
    if (!(error instanceof Error) || !error.message.includes('timeout exceeded when trying to connect'))
      throw error;
    throw new Error(
      `store postgres: no connection within ${CONNECT_TIMEOUT_MS / 1000} s (pool of ${pool.options.max}, ` +
        'all busy, or the server slow to accept) (connect timeout)',
      { cause: error },
    );
  }
}

export function poolSqlClient(pool: pg.Pool): SqlClient {
  return clientOver(
    pool,
    async (fn) => {
      const connection = await pooledConnection(pool);
      // A checked-out connection has no pool listener: if the server (or a fault proxy) drops it between
      // statements, pg emits 'error' on it, which would crash the process. Note it and discard the connection.
      let healthy = true;
      const onLost = () => {
        healthy = false;
      };
      connection.on('error', onLost);
      try {
        await connection.query('BEGIN');
        const result = await fn(transactionClient(connection));
        await connection.query('COMMIT');
        return result;
      } catch (error) {
        await connection.query('ROLLBACK').catch(() => {
          healthy = false;
        });
        throw error;
      } finally {
        connection.off('error', onLost);
        connection.release(!healthy);
      }
    },
    () => pooledConnection(pool),
  );
}

async function create(options: StoreOptions = {}) {
  if (!options.url)
    throw new UserError('store postgres: no url (set stores.<name>.url or POLYGLOT_BENCH_POSTGRES_URL)');
  const address = redactedAddress(options.url);
  const namespace = postgresNamespace(options.settings);
  const poolSize = Number(options.settings?.pool ?? DEFAULT_POOL);
  const pool = new pg.Pool({
    // Every connection in the namespace's schema (postgres/search-path.ts), an attached instance's too.
    ...searchPathConfig(options.url, namespace),
    // One more than asked for the owner: a connection stays checked out to hold the namespace lock.
    max: options.attach ? poolSize : poolSize + 1,
    connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
    // Its connections and bytes count in the layout's footprint (src/metrics/wire-meter.ts).
    stream: announcedSocket,
  });
  // An idle connection dropped by the server must not crash the process; the next query reports it.
  pool.on('error', () => undefined);
  const db = poolSqlClient(pool);
  try {
    await db.query('SELECT 1');
  } catch (error) {
    await pool.end().catch(() => undefined);
    throw unreachableStore('postgres', address, error);
  }
  if (options.attach) {
    return attachPostgres({ db, address, namespace, end: () => pool.end().catch(() => undefined) });
  }
  let lock: NamespaceLock | null = null;
  const end = async () => {
    // Ending the holder's connection releases the advisory lock; pool.end() waits for checked-out clients.
    await lock?.end();
    await pool.end().catch(() => undefined);
  };
  try {
    await checkSearchPath(db, address, namespace);
    lock = await holdNamespaceLock(pool, address, namespace, options.onWarning);
    await createSchema(db, namespace);
    const held = lock;
    return postgresStore({
      kind: 'postgres',
      info: { engine: 'PostgreSQL', version: await serverVersion(db), embedded: false, address },
      db,
      schema: namespace,
      close: async () => {
        // Only what this run still owns: a schema whose lock another run took meanwhile may be that run's now.
        if (await held.stop()) await dropSchema(db, namespace).catch(() => undefined);
        await end();
      },
      warnings: () => held.warnings(),
    });
  } catch (error) {
    await end();
    throw error;
  }
}

export const postgresFactory: StoreFactory = {
  kind: 'postgres',
  roles: ROLE_NAMES,
  embedded: false,
  create,
};
