// PGlite: PostgreSQL compiled to WASM, in-process and in-memory. It serves every role (the zero-setup
// baseline) through the same SQL as a networked PostgreSQL. It runs one query at a time: an open transaction
// holds it, so concurrent callers queue rather than contend — in-process numbers, not a server's.
import { PGlite, type Transaction } from '@electric-sql/pglite';
import { ROLE_NAMES } from '../roles.js';
import { DEFAULT_NAMESPACE } from './namespace-setting.js';
import type { SqlClient } from './sql/client.js';
import { toCsv } from './sql/csv.js';
import { postgresStore, serverVersion } from './sql/postgres-store.js';
import { createSchema, dropSchema } from './sql/schema.js';
import type { StoreAdapter, StoreFactory } from './types.js';

// In-process and fresh per run, so it takes no namespace setting: its schema is the default namespace.
const SCHEMA = DEFAULT_NAMESPACE;

// Bounds the CSV text built in memory for one COPY.
const COPY_CHUNK_ROWS = 20_000;

type PGliteQueryable = Pick<Transaction, 'query' | 'exec'>;

function pgliteClient(pg: PGliteQueryable, transaction: SqlClient['transaction']): SqlClient {
  const client: SqlClient = {
    async query<T>(sql: string, params: unknown[] = []) {
      return (await pg.query<T>(sql, params)).rows;
    },
    async exec(sql) {
      await pg.exec(sql);
    },
    transaction,
    async copyRows(table, columns, rows) {
      const copy = `COPY ${table} (${columns.join(', ')}) FROM '/dev/blob' WITH (FORMAT csv)`;
      for (let start = 0; start < rows.length; start += COPY_CHUNK_ROWS) {
        const blob = new Blob([toCsv(rows.slice(start, start + COPY_CHUNK_ROWS))]);
        await pg.query(copy, [], { blob });
      }
    },
  };
  return client;
}

/** A transaction's client: transaction() on it nests as a savepoint, so an inner rollback stays inner. */
function transactionClient(tx: Transaction): SqlClient {
  let savepoints = 0;
  const client: SqlClient = pgliteClient(tx, async (fn) => {
    savepoints += 1;
    const name = `nested_${savepoints}`;
    await tx.query(`SAVEPOINT ${name}`);
    try {
      const result = await fn(client);
      await tx.query(`RELEASE SAVEPOINT ${name}`);
      return result;
    } catch (error) {
      await tx.query(`ROLLBACK TO SAVEPOINT ${name}`);
      throw error;
    }
  });
  return client;
}

/** The SqlClient over a PGlite engine; transactions hold the engine until they end. */
export function pgliteSqlClient(pg: PGlite): SqlClient {
  return pgliteClient(pg, (fn) => pg.transaction((tx) => fn(transactionClient(tx))));
}

async function openStore(pg: PGlite, release: (db: SqlClient) => Promise<void>): Promise<StoreAdapter> {
  const db = pgliteSqlClient(pg);
  try {
    // The role statements name no schema (sql/schema.ts); PGlite is one session, so setting it once holds.
    await db.exec(`SET search_path TO ${SCHEMA}`);
    await createSchema(db, SCHEMA);
    return postgresStore({
      kind: 'pglite',
      info: { engine: 'PostgreSQL', version: await serverVersion(db), embedded: true, address: 'in-process' },
      db,
      schema: SCHEMA,
      close: () => release(db),
    });
  } catch (error) {
    await release(db);
    throw error;
  }
}

export const pgliteFactory: StoreFactory = {
  kind: 'pglite',
  roles: ROLE_NAMES,
  embedded: true,
  async create() {
    const pg = await PGlite.create();
    // In-memory: closing the engine discards everything, the tool's schema included.
    return openStore(pg, () => pg.close());
  },
};

export interface SharedPglite {
  /** A fresh, empty store on the shared engine; its close() drops the schema and leaves the engine running. */
  openStore(): Promise<StoreAdapter>;
  close(): Promise<void>;
}

/**
 * One engine serving fresh stores one after another (never two at once: they share the schema name), for
 * callers that open many short-lived stores, like test suites, and cannot pay PGlite's start-up each time.
 */
export async function sharedPglite(): Promise<SharedPglite> {
  const pg = await PGlite.create();
  return {
    openStore: () => openStore(pg, (db) => dropSchema(db, SCHEMA)),
    close: () => pg.close(),
  };
}
