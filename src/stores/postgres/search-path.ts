// How every pool connection of the PostgreSQL store lands in its namespace's schema: the role statements name no
// schema (src/stores/sql/schema.ts), so a connection without the namespace's search_path would read and write the
// user's own tables of those names. It is a startup parameter, so no RESET or DISCARD takes it away, and it is
// checked once connected, since a pooler may drop startup parameters silently.
import type pg from 'pg';
import { UserError } from '../../errors.js';
import type { SqlClient } from '../sql/client.js';

/** The pool's connection settings: the URL's own `options` parameter would replace pg's, so ours joins it. */
export function searchPathConfig(
  url: string,
  namespace: string,
): Pick<pg.PoolConfig, 'connectionString' | 'options'> {
  const ours = `-c search_path=${namespace}`;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return { connectionString: url, options: ours };
  }
  const theirs = parsed.searchParams.get('options');
  if (theirs === null) return { connectionString: url, options: ours };
  parsed.searchParams.delete('options');
  // The later -c wins, should the user's options set search_path too.
  return { connectionString: parsed.toString(), options: `${theirs} ${ours}` };
}

/** Refuses, in one line, a server (or pooler) whose sessions did not take the namespace as their search_path. */
export async function checkSearchPath(db: SqlClient, address: string, namespace: string): Promise<void> {
  const rows = await db.query<{ path: string }>("SELECT current_setting('search_path') AS path");
  const path = rows[0]?.path;
  if (path !== namespace) {
    throw new UserError(
      `store postgres at ${address}: its connections have search_path ${JSON.stringify(path)}, not the ` +
        `namespace ${namespace}; the store sets it as a startup option (-c search_path), which a pooler in ` +
        'between may drop: connect to PostgreSQL directly, or let the pooler pass startup options',
    );
  }
}
