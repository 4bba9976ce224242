// The publication that limits decoding to outbox INSERTs, and the clean-up that leaves the server as the feed
// found it. The names are the tool's own (names.ts), so dropping a leftover from a crashed run is safe.
import { UserError } from '../../errors.js';
import { sleep } from '../sleep.js';
import { withConnection } from './connection.js';
import { outboxPublication, outboxTable } from './names.js';

const SLOT_GONE_DEADLINE_MS = 5000;
const SLOT_POLL_MS = 20;

export async function createOutboxPublication(url: string, namespace: string): Promise<void> {
  const publication = outboxPublication(namespace);
  await withConnection(url, async (client) => {
    await client.query(`DROP PUBLICATION IF EXISTS ${publication}`);
    try {
      await client.query(
        `CREATE PUBLICATION ${publication} FOR TABLE ${outboxTable(namespace)} WITH (publish = 'insert')`,
      );
    } catch (error) {
      // undefined_table, invalid_schema_name
      if (['42P01', '3F000'].includes(String((error as { code?: unknown }).code)))
        throw new UserError(
          `cdc propagation: no ${outboxTable(namespace)} table in this database; open the inventory store (it creates ` +
            'the table) before the change feed',
        );
      throw error;
    }
  });
}

/**
 * Waits until the server has dropped the given temporary slots (it does so when their walsender exits, a
 * moment after the connection ends), then drops the publication. A slot still there after the deadline is
 * reported, not left silently.
 */
export async function removeFeedObjects(
  url: string,
  namespace: string,
  slots: readonly string[],
): Promise<void> {
  await withConnection(url, async (client) => {
    const started = performance.now();
    let remaining: string[] = [];
    for (;;) {
      const rows = await client.query<{ slot_name: string }>(
        'SELECT slot_name FROM pg_replication_slots WHERE slot_name = ANY($1::text[])',
        [[...slots]],
      );
      remaining = rows.rows.map((row) => row.slot_name);
      if (remaining.length === 0 || performance.now() - started > SLOT_GONE_DEADLINE_MS) break;
      await sleep(SLOT_POLL_MS);
    }
    await client.query(`DROP PUBLICATION IF EXISTS ${outboxPublication(namespace)}`);
    if (remaining.length > 0)
      throw new Error(`replication slot ${remaining.join(', ')} still exists after the feed stopped`);
  });
}
