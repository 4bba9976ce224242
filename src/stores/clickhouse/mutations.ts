// Deleting rows on ClickHouse: ALTER TABLE … DELETE is a mutation, which the server runs in the background after
// answering the ALTER. Newer servers can be told to wait (mutations_sync), the one here (18.16) refuses that
// setting, so the caller waits by watching system.mutations: a delete that returned is then a delete every later
// read sees. It waits for the mutations unfinished when its ALTER was answered (its own among them, registered
// before the answer), never for the table to have none left: instances sharing the namespace (`run --workers`)
// keep adding mutations, and a wait for "none" could last as long as they do.
import type { ClickHouseClient } from '@clickhouse/client';
import { setTimeout as sleep } from 'node:timers/promises';
import { selectRows } from './database.js';
import { sqlIdentifier, sqlString } from './sql.js';

const POLL_MS = 10;
/** A mutation still unfinished after this is reported, not waited on for ever (the relay retries the delete). */
const DEADLINE_MS = 30_000;

/** Deletes the rows `where` selects from database.table and resolves once the mutation has finished. */
export async function deleteRows(
  client: ClickHouseClient,
  database: string,
  table: string,
  where: string,
): Promise<void> {
  await client.command({
    query: `ALTER TABLE ${sqlIdentifier(database)}.${sqlIdentifier(table)} DELETE WHERE ${where}`,
  });
  const unfinished = async (among?: readonly string[]) => {
    const rows = await selectRows<{ mutation_id: string }>(
      client,
      `SELECT mutation_id FROM system.mutations
        WHERE database = ${sqlString(database)} AND table = ${sqlString(table)} AND is_done = 0` +
        (among ? ` AND mutation_id IN (${among.map(sqlString).join(', ')})` : ''),
    );
    return rows.map((row) => row.mutation_id);
  };
  let waiting = await unfinished();
  const started = performance.now();
  while (waiting.length > 0) {
    if (performance.now() - started > DEADLINE_MS)
      throw new Error(`ClickHouse: a delete on ${database}.${table} did not finish within ${DEADLINE_MS} ms`);
    await sleep(POLL_MS);
    waiting = await unfinished(waiting);
  }
}
