// Joining the schema another instance of this process created, loaded and holds (`run --workers N`, see
// StoreOptions.attach): a pool of its own whose connections have the same search_path, nothing else. No advisory
// lock is taken (the owner's session keeps it, and its keeper watches it), the schema is neither created nor
// dropped, and no session sweeper runs; close() only ends the pool.
import { UserError } from '../../errors.js';
import type { SqlClient } from '../sql/client.js';
import { attachedSqlStore } from '../sql/attached-store.js';
import { postgresDialect } from '../sql/dialect.js';
import { serverVersion } from '../sql/postgres-store.js';
import type { StoreAdapter } from '../types.js';
import { CLEANUP_DEADLINE_MS, withinDeadline } from '../within-deadline.js';
import { lockIsHeld } from './lock-holder.js';
import { checkSearchPath } from './search-path.js';

export interface AttachedPool {
  /** A client on the instance's own pool, already known to reach the server. */
  db: SqlClient;
  address: string;
  namespace: string;
  /** Ends the pool; waits for connections still checked out. */
  end: () => Promise<void>;
}

/**
 * Reads only: an attach to a namespace no owner holds fails here, in one line, rather than on every call of the
 * run (no tables), or by writing into a leftover schema that no one holds and so no one drops.
 */
async function requireHeldSchema(db: SqlClient, address: string, namespace: string): Promise<void> {
  const rows = await db.query<{ present: boolean }>(
    'SELECT EXISTS (SELECT 1 FROM pg_namespace WHERE nspname = $1) AS present',
    [namespace],
  );
  if (rows[0]?.present !== true || !(await lockIsHeld(db, namespace))) {
    throw new UserError(
      `store postgres at ${address}: cannot attach to namespace ${namespace}: no run holds it ` +
        '(attach joins an open store)',
    );
  }
}

export async function attachPostgres({ db, address, namespace, end }: AttachedPool): Promise<StoreAdapter> {
  try {
    // The roles name no schema: a connection outside the namespace would read the user's own tables.
    await checkSearchPath(db, address, namespace);
    await requireHeldSchema(db, address, namespace);
    return attachedSqlStore({
      kind: 'postgres',
      info: { engine: 'PostgreSQL', version: await serverVersion(db), embedded: false, address },
      db,
      dialect: postgresDialect,
      // Bounded: a connection stuck in a call the server never answers must not keep the worker from ending.
      disconnect: () =>
        withinDeadline(end(), CLEANUP_DEADLINE_MS, `store postgres at ${address}: disconnecting`),
    });
  } catch (error) {
    await end();
    throw error;
  }
}
