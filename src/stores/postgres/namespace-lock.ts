// The PostgreSQL store's hold on its namespace: a session advisory lock keyed on the namespace (its schema,
// namespace.ts), on a connection of its own, kept for the store's lifetime. Two runs with one namespace in one
// database would destroy each other's tables; the lock refuses the second with a clear message instead, while runs
// with different namespaces take different locks and share the database. A session lock ends with its connection,
// so the connection is watched and the lock taken back if it is reset (session-lock-keeper.ts).
import type pg from 'pg';
import { leaseRefusal, unknownHolder, type LeaseRecord } from '../namespace-lease.js';
import { keepSessionLock, type KeptLock } from '../session-lock-keeper.js';
import { holderApplicationName, lockHolder } from './lock-holder.js';

export type NamespaceLock = KeptLock;

/** One attempt on a new connection: the connection now holding the lock, or who holds it instead. */
async function tryLock(
  pool: pg.Pool,
  namespace: string,
): Promise<{ holder: pg.PoolClient } | { owner: LeaseRecord }> {
  const holder = await pool.connect();
  // Held for the whole run: a dropped connection must not crash the process (the keeper hears of it by 'end').
  holder.on('error', () => undefined);
  try {
    // Who we are, for the run this lock refuses (lock-holder.ts).
    await holder.query(`SET application_name = '${holderApplicationName().replaceAll("'", "''")}'`);
    const rows = await holder.query<{ locked: boolean }>(
      'SELECT pg_try_advisory_lock(hashtext($1)) AS locked',
      [namespace],
    );
    if (rows.rows[0]?.locked) return { holder };
    const owner = await lockHolder(holder, namespace).catch(() => unknownHolder());
    holder.release(true);
    return { owner };
  } catch (error) {
    holder.release(true);
    throw error;
  }
}

/** Takes the namespace or throws the refusal naming its holder; then keeps it until end(). */
export async function holdNamespaceLock(
  pool: pg.Pool,
  address: string,
  namespace: string,
  onWarning?: (line: string) => void,
): Promise<NamespaceLock> {
  const store = `store postgres at ${address}`;
  const first = await tryLock(pool, namespace);
  if ('owner' in first) throw leaseRefusal({ store, namespace }, first.owner);
  return keepSessionLock(
    first.holder,
    {
      take: () => tryLock(pool, namespace),
      watch(connection, reset) {
        connection.on('error', reset);
        connection.on('end', reset);
      },
      async end(connection) {
        // Destroyed, not returned to the pool: ending the session is what frees the lock.
        connection.release(true);
      },
    },
    { store, namespace, onWarning },
  );
}
