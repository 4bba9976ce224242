// Statements a test runs from a second connection to see and take the PostgreSQL store's namespace lock (a session
// advisory lock on hashtext of the namespace, which is the schema: src/stores/postgres/namespace-lock.ts).
import pg from 'pg';
import { DEFAULT_NAMESPACE } from '../../src/stores/namespace-setting.js';

/** The pid of the session holding the lock in this database; no row when nobody does. */
export const LOCK_HOLDER = `
  SELECT l.pid FROM pg_locks l
   WHERE l.locktype = 'advisory' AND l.granted AND l.objsubid = 1
     AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())
     AND l.objid::bigint = (hashtext('${DEFAULT_NAMESPACE}')::bigint & 4294967295)`;

/**
 * Takes the lock away from its holder as a second run would after a reset, and returns once `side` holds it:
 * `side` queues for the lock first (the holder still has it), and only once the server shows it waiting does a
 * third connection terminate the holder. The queued request is then granted before any re-take the store can make,
 * however loaded the machine (terminating first and queueing after raced the store's reconnect).
 */
export async function takeLockFrom(side: pg.Client, url: string, holderPid: number): Promise<void> {
  const sidePid = (await side.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows[0]!.pid;
  const granted = side.query(`SELECT pg_advisory_lock(hashtext('${DEFAULT_NAMESPACE}'))`);
  const other = new pg.Client({ connectionString: url });
  await other.connect();
  try {
    for (;;) {
      const { rowCount } = await other.query(
        `SELECT 1 FROM pg_locks WHERE pid = $1 AND locktype = 'advisory' AND NOT granted`,
        [sidePid],
      );
      if (rowCount === 1) break;
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    await other.query('SELECT pg_terminate_backend($1)', [holderPid]);
  } finally {
    await other.end();
  }
  await granted;
}
