// Deleting rows on ClickHouse: ALTER TABLE … DELETE is a mutation, which the server runs in the background after
// answering the ALTER. Newer servers can be told to wait (mutations_sync), the one here (18.16) refuses that
// setting, so the caller waits by watching system.mutations until the table has none left unfinished: a delete
// that returned is then a delete every later read sees.
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
  const started = performance.now();
  for (;;) {
    const [row] = await selectRows<{ pending: number | string }>(
      client,
      `SELECT count() AS pending FROM system.mutations
        WHERE database = ${sqlString(database)} AND table = ${sqlString(table)} AND is_done = 0`,
    );
    if (Number(row?.pending ?? 0) === 0) return;
    if (performance.now() - started > DEADLINE_MS)
      throw new Error(`ClickHouse: a delete on ${database}.${table} did not finish within ${DEADLINE_MS} ms`);
    await sleep(POLL_MS);
  }
}
