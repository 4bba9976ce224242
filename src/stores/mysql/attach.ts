// Joining the database another instance of this process created, loaded and holds (`run --workers N`, see
// StoreOptions.attach): a pool of its own bound to the same database, nothing else. No owner connection and no
// GET_LOCK (the owner's session keeps the namespace, and its keeper watches it), nothing created or dropped, no
// session sweeper; close() only ends the pool.
import type { Pool, RowDataPacket } from 'mysql2/promise';
import { UserError } from '../../errors.js';
import { attachedSqlStore } from '../sql/attached-store.js';
import type { StoreAdapter } from '../types.js';
import { CLEANUP_DEADLINE_MS, withinDeadline } from '../within-deadline.js';
import { lockName, rolePool } from './database.js';
import { mysqlDialect } from './dialect.js';
import { poolClient } from './pool-client.js';
import { serverInfo } from './server-info.js';
import { openFailure, type MysqlServer, type MysqlSettings } from './settings.js';

/** ER_BAD_DB_ERROR: the pool's database does not exist. */
const NO_SUCH_DATABASE = 1049;

function notHeld(server: MysqlServer, namespace: string): UserError {
  return new UserError(
    `store mysql at ${server.address}: cannot attach to namespace ${namespace}: no run holds it ` +
      '(attach joins an open store)',
  );
}

/**
 * Reads only: an attach to a namespace no owner holds fails here, in one line, rather than on every call of the
 * run, or by writing into a leftover database that no one holds and so no one drops.
 */
async function heldVersion(pool: Pool, server: MysqlServer, namespace: string): Promise<string> {
  let rows: RowDataPacket[];
  try {
    [rows] = await pool.query<RowDataPacket[]>('SELECT VERSION() AS version, IS_USED_LOCK(?) AS holder', [
      lockName(namespace),
    ]);
  } catch (error) {
    if ((error as { errno?: unknown } | null)?.errno === NO_SUCH_DATABASE) throw notHeld(server, namespace);
    throw error;
  }
  if (rows[0]?.holder === null || rows[0]?.holder === undefined) throw notHeld(server, namespace);
  return String(rows[0]?.version ?? 'unknown');
}

export async function attachMysql(server: MysqlServer, settings: MysqlSettings): Promise<StoreAdapter> {
  const pool = rolePool(server, settings);
  const end = () => pool.end().catch(() => undefined);
  try {
    const info = serverInfo(await heldVersion(pool, server, settings.namespace), server.address);
    return attachedSqlStore({
      kind: 'mysql',
      info,
      db: poolClient(pool),
      dialect: mysqlDialect,
      // Bounded: a connection stuck in a call the server never answers must not keep the worker from ending.
      disconnect: () =>
        withinDeadline(end(), CLEANUP_DEADLINE_MS, `store mysql at ${server.address}: disconnecting`),
    });
  } catch (error) {
    await end();
    throw openFailure(server, error);
  }
}
