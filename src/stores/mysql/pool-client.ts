// MysqlClient over a mysql2 pool: prepared statements (execute) for the roles, text-protocol multi-row INSERTs for
// bulk loads, and transactions pinned to one pooled connection.
import type { Connection, Pool, PoolConnection, ResultSetHeader, RowDataPacket } from 'mysql2/promise';
import type { MysqlClient, SqlParam } from './client.js';

/**
 * Rows per bulk INSERT. Measured on MariaDB 10.11 (100k sales rows): 500–5,000-row batches all load about
 * 90–150k rows/s, so the batch is kept small enough that even wide product documents stay far below the
 * server's max_allowed_packet (16 MiB by default).
 */
const INSERT_BATCH_ROWS = 1000;

/** ER_LOCK_DEADLOCK: InnoDB rolled the victim's whole transaction back, so running it again is safe. */
const DEADLOCK_ERRNO = 1213;
const TRANSACTION_ATTEMPTS = 3;

function clientOn(target: Connection, transaction: MysqlClient['transaction']): MysqlClient {
  return {
    async query<T>(sql: string, params: readonly SqlParam[] = []) {
      const [rows] = await target.execute<RowDataPacket[]>(sql, [...params]);
      return rows as T[];
    },
    async write(sql, params = []) {
      const [result] = await target.execute<ResultSetHeader>(sql, [...params]);
      return result.affectedRows;
    },
    transaction,
    async insertRows(table, columns, rows) {
      // Text protocol on purpose: every batch size would otherwise leave a prepared statement behind on each
      // connection (the server caps them server-wide); mysql2 escapes the nested value arrays client-side.
      const sql = `INSERT INTO ${table} (${columns.join(', ')}) VALUES ?`;
      for (let start = 0; start < rows.length; start += INSERT_BATCH_ROWS) {
        await target.query(sql, [rows.slice(start, start + INSERT_BATCH_ROWS)]);
      }
    },
  };
}

function isDeadlock(error: unknown): boolean {
  return (error as { errno?: unknown } | null)?.errno === DEADLOCK_ERRNO;
}

/** Runs fn once in a transaction on the connection; destroys the connection if even ROLLBACK fails. */
async function attempt<T>(connection: PoolConnection, fn: (tx: MysqlClient) => Promise<T>): Promise<T> {
  const tx: MysqlClient = clientOn(connection, (inner) => inner(tx));
  await connection.beginTransaction();
  try {
    const result = await fn(tx);
    await connection.commit();
    return result;
  } catch (error) {
    try {
      await connection.rollback();
    } catch {
      // A connection whose transaction state is unknown must never serve another caller.
      connection.destroy();
    }
    throw error;
  }
}

async function runTransaction<T>(pool: Pool, fn: (tx: MysqlClient) => Promise<T>): Promise<T> {
  for (let attemptNo = 1; ; attemptNo += 1) {
    const connection = await pool.getConnection();
    try {
      return await attempt(connection, fn);
    } catch (error) {
      if (!isDeadlock(error) || attemptNo >= TRANSACTION_ATTEMPTS) throw error;
    } finally {
      // release() after destroy() is a no-op in mysql2: the pool already forgot the connection.
      connection.release();
    }
  }
}

export function poolClient(pool: Pool): MysqlClient {
  return clientOn(pool, (fn) => runTransaction(pool, fn));
}
