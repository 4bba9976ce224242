// The store's own database: created fresh on open (a leftover of the same name is an earlier run of the tool),
// dropped on close. The roles use a pool bound to that database, so their SQL names tables without a database
// and can never reach another one. A separate "owner" connection holds a named lock on the namespace for the
// store's lifetime, so a second run on the same server and namespace is refused instead of dropping the first
// run's tables (a leftover has no live owner, so its lock is free). GET_LOCK ends with the owner's session, so
// that connection is watched and the lock taken back if it is reset (../session-lock-keeper.ts); a run that lost
// it to another drops nothing.
import { createHash } from 'node:crypto';
import { createConnection, createPool, type Connection, type Pool, type RowDataPacket } from 'mysql2/promise';
import {
  leaseRefusal,
  newLeaseRecord,
  parseLeaseRecord,
  unknownHolder,
  type LeaseRecord,
} from '../namespace-lease.js';
import { keepSessionLock } from '../session-lock-keeper.js';
import type { StoreInfo } from '../types.js';
import { TABLES } from './schema.js';
import { serverInfo } from './server-info.js';
import { openFailure, type MysqlServer, type MysqlSettings } from './settings.js';

/** The owner connection idles for the whole run; the server must not close it (and free the lock) meanwhile. */
const OWNER_IDLE_SECONDS = 365 * 24 * 3600;

export interface OwnDatabase {
  pool: Pool;
  info: StoreInfo;
  /** The store's warnings so far (a namespace lock lost to another run); see StoreAdapter.warnings. */
  warnings(): readonly string[];
  /** Drops the database (only it, and only while this run holds its lock), ends the pool and frees the namespace. */
  drop(): Promise<void>;
}

/** settings.namespace holds no backtick (settings.ts), so quoting it is enough for DDL, which takes no placeholders. */
function quoted(namespace: string): string {
  return `\`${namespace}\``;
}

/** GET_LOCK names are server-wide and at most 64 characters: a digest keeps any namespace within that. */
export function lockName(namespace: string): string {
  return `polyglot-bench:${createHash('sha1').update(namespace).digest('hex')}`;
}

/** The holder's record, readable by the run the lock refuses (GET_LOCK itself says only a connection id). */
const HOLDER_TABLE = 'polyglot_bench_lease';

async function gotLock(owner: Connection, namespace: string): Promise<boolean> {
  const [rows] = await owner.query<RowDataPacket[]>('SELECT GET_LOCK(?, 0) AS locked', [lockName(namespace)]);
  return Number(rows[0]?.locked) === 1;
}

async function lockNamespace(owner: Connection, server: MysqlServer, namespace: string): Promise<void> {
  if (!(await gotLock(owner, namespace))) {
    const holder = (await readHolder(owner, namespace)) ?? unknownHolder();
    throw leaseRefusal({ store: `store mysql at ${server.address}`, namespace }, holder);
  }
}

/** A holder takes the lock before it records itself: a run arriving in between waits a moment for the record. */
const HOLDER_READ_ATTEMPTS = 10;
const HOLDER_READ_PAUSE_MS = 100;

async function readHolder(owner: Connection, namespace: string): Promise<LeaseRecord | null> {
  for (let attempt = 1; attempt <= HOLDER_READ_ATTEMPTS; attempt++) {
    const record = await owner
      .query<RowDataPacket[]>(`SELECT record FROM ${quoted(namespace)}.${HOLDER_TABLE} LIMIT 1`)
      .then(([held]) => parseLeaseRecord(String(held[0]?.record ?? '')))
      .catch(() => null);
    if (record) return record;
    await new Promise((resolve) => setTimeout(resolve, HOLDER_READ_PAUSE_MS));
  }
  return null;
}

async function recordHolder(owner: Connection): Promise<void> {
  await owner.query(`CREATE TABLE ${HOLDER_TABLE} (record TEXT NOT NULL)`);
  await owner.query(`INSERT INTO ${HOLDER_TABLE} (record) VALUES (?)`, [JSON.stringify(newLeaseRecord())]);
}

async function createTables(owner: Connection, namespace: string): Promise<void> {
  await owner.query(`DROP DATABASE IF EXISTS ${quoted(namespace)}`);
  await owner.query(`CREATE DATABASE ${quoted(namespace)} CHARACTER SET utf8mb4 COLLATE utf8mb4_bin`);
  try {
    await owner.query(`USE ${quoted(namespace)}`);
    for (const ddl of TABLES) await owner.query(ddl);
    await recordHolder(owner);
  } catch (error) {
    await owner.query(`DROP DATABASE IF EXISTS ${quoted(namespace)}`).catch(() => undefined);
    throw error;
  }
}

/** Ending the owner's session frees the namespace lock; a connection that already died has freed it. */
async function endOwner(owner: Connection): Promise<void> {
  await owner.end().catch(() => owner.destroy());
}

/** A re-take on a new owner connection: the connection now holding the lock, or who holds it instead. */
async function retakeLock(
  server: MysqlServer,
  namespace: string,
): Promise<{ holder: Connection } | { owner: LeaseRecord }> {
  const { host, port, user, password } = server;
  const connection = await createConnection({ host, port, user, password });
  connection.on('error', () => undefined);
  try {
    await connection.query(`SET SESSION wait_timeout = ${OWNER_IDLE_SECONDS}`);
    if (await gotLock(connection, namespace)) return { holder: connection };
    const owner = (await readHolder(connection, namespace)) ?? unknownHolder();
    await endOwner(connection);
    return { owner };
  } catch (error) {
    await endOwner(connection);
    throw error;
  }
}

/** Connects, checks the server, takes the namespace and creates the tables; returns what the server reported. */
async function prepare(owner: Connection, server: MysqlServer, namespace: string): Promise<StoreInfo> {
  // An idle connection the server drops emits 'error'; unheard, that would crash the process.
  owner.on('error', () => undefined);
  await owner.query(`SET SESSION wait_timeout = ${OWNER_IDLE_SECONDS}`);
  const [rows] = await owner.query<RowDataPacket[]>('SELECT VERSION() AS version');
  // Checked before anything is created: a too-old server leaves no database behind.
  const info = serverInfo(String(rows[0]?.version ?? 'unknown'), server.address);
  await lockNamespace(owner, server, namespace);
  await createTables(owner, namespace);
  return info;
}

/** The roles' pool, bound to the namespace's database: an owner's and an attached instance's alike. */
export function rolePool({ host, port, user, password }: MysqlServer, settings: MysqlSettings): Pool {
  return createPool({
    host,
    port,
    user,
    password,
    database: settings.namespace,
    connectionLimit: settings.poolSize,
    // Callers beyond the pool size queue for a connection rather than fail: the load generator's concurrency
    // is its own setting.
    waitForConnections: true,
  });
}

export async function openOwnDatabase(
  server: MysqlServer,
  settings: MysqlSettings,
  onWarning?: (line: string) => void,
): Promise<OwnDatabase> {
  const { host, port, user, password } = server;
  let owner: Connection | undefined;
  let info: StoreInfo;
  try {
    owner = await createConnection({ host, port, user, password });
    info = await prepare(owner, server, settings.namespace);
  } catch (error) {
    if (owner) await endOwner(owner);
    throw openFailure(server, error);
  }
  const pool = rolePool(server, settings);
  const lock = keepSessionLock(
    owner,
    {
      take: () => retakeLock(server, settings.namespace),
      watch(connection, reset) {
        connection.on('error', reset);
        connection.on('end', reset);
      },
      end: endOwner,
    },
    { store: `store mysql at ${server.address}`, namespace: settings.namespace, onWarning },
  );
  let dropped = false;
  return {
    pool,
    info,
    warnings: () => lock.warnings(),
    async drop() {
      if (dropped) return;
      dropped = true;
      try {
        // Only while this run still holds the namespace: after a lost lock the database may be another run's.
        // Through the pool: the owner may have idled for hours, a pooled connection is known to work.
        if (await lock.stop()) await pool.query(`DROP DATABASE IF EXISTS ${quoted(settings.namespace)}`);
      } finally {
        await pool.end().catch(() => undefined);
        await lock.end();
      }
    },
  };
}
