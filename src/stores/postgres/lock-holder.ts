// Who holds the PostgreSQL store's namespace lock. The lock itself is a session advisory lock (postgres.ts); the
// holder's connection carries its identity in application_name, which any session of the same database can read in
// pg_stat_activity, so a refused run can say who holds the namespace and since when (the connection's start).
import { hostname } from 'node:os';
import type pg from 'pg';
import type { SqlClient } from '../sql/client.js';
import { newLeaseRecord, unknownHolder, type LeaseRecord } from '../namespace-lease.js';

const PREFIX = 'pgb';
/** PostgreSQL truncates application_name to NAMEDATALEN - 1 bytes. */
const MAX_APPLICATION_NAME = 63;

/** "pgb pid=123 run=2025-01-01T10:00:00Z host=ci-7": what the lock holder's connection calls itself. */
export function holderApplicationName(): string {
  const record = newLeaseRecord();
  const head = `${PREFIX} pid=${record.pid} run=${record.runStartedAt.replace(/\.\d+Z$/, 'Z')} host=`;
  return head + hostname().slice(0, Math.max(0, MAX_APPLICATION_NAME - head.length));
}

function parseApplicationName(name: string, since: Date | null): LeaseRecord {
  const match = /^pgb pid=(\d+) run=(\S+) host=(.*)$/.exec(name);
  const base = unknownHolder();
  if (since) base.since = since.toISOString();
  if (!match) return base;
  return { ...base, pid: Number(match[1]), runStartedAt: match[2]!, host: match[3] || 'unknown' };
}

// An advisory lock on one bigint shows in pg_locks as classid (high 32 bits), objid (low 32 bits), objsubid 1;
// $1 is the key the lock was taken on (hashtext($1), namespace-lock.ts).
const HELD_LOCK = `l.locktype = 'advisory' AND l.granted AND l.objsubid = 1
        AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())
        AND l.objid::bigint = (hashtext($1)::bigint & 4294967295)`;

/** The session holding the advisory lock on `key` in this database, as a lease record; unknown fields say so. */
export async function lockHolder(client: pg.PoolClient, key: string): Promise<LeaseRecord> {
  const { rows } = await client.query<{ application_name: string; backend_start: Date | null }>(
    `SELECT a.application_name, a.backend_start
       FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
      WHERE ${HELD_LOCK}
      LIMIT 1`,
    [key],
  );
  const row = rows[0];
  return row ? parseApplicationName(row.application_name, row.backend_start) : unknownHolder();
}

/** Whether some session of this database holds the advisory lock on `key` (pg_locks shows every session's). */
export async function lockIsHeld(db: SqlClient, key: string): Promise<boolean> {
  const rows = await db.query<{ held: boolean }>(
    `SELECT EXISTS (SELECT 1 FROM pg_locks l WHERE ${HELD_LOCK}) AS held`,
    [key],
  );
  return rows[0]?.held === true;
}
