// Statements a test runs from a second connection to see and take the PostgreSQL store's namespace lock (a session
// advisory lock on hashtext of the namespace, which is the schema: src/stores/postgres/namespace-lock.ts).
import { DEFAULT_NAMESPACE } from '../../src/stores/namespace-setting.js';

/** The pid of the session holding the lock in this database; no row when nobody does. */
export const LOCK_HOLDER = `
  SELECT l.pid FROM pg_locks l
   WHERE l.locktype = 'advisory' AND l.granted AND l.objsubid = 1
     AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())
     AND l.objid::bigint = (hashtext('${DEFAULT_NAMESPACE}')::bigint & 4294967295)`;

/**
 * Terminates backend $1, then waits for the lock, in one statement: the request is queued on the server before the
 * terminated backend lets go, so it is granted ahead of any re-take the store can make. The materialized CTE
 * orders the two calls (the order of a select list's calls is not promised).
 */
export const TERMINATE_THEN_LOCK = `
  WITH terminated AS MATERIALIZED (SELECT pg_terminate_backend($1) AS done)
  SELECT pg_advisory_lock(hashtext('${DEFAULT_NAMESPACE}')) FROM terminated WHERE done`;
