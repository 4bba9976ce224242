// The rows a new replication slot will not stream: those committed before its consistent point. Read in the
// snapshot the slot exported at that very point, so catch-up and stream meet exactly — no gap, no overlap.
// Only unapplied rows are read: the caller marks rows applied after apply (markOutboxApplied), and a row
// compensated away (InventoryRole.release deletes it, leaving its retraction) is rightly not delivered.
import type { Order } from '../../domain.js';
import { toNumber, type SqlNumber } from '../../stores/sql/client.js';
import { withConnection } from './connection.js';
import { outboxTable } from './names.js';
import { outboxChange } from './outbox-decoder.js';
import type { OutboxChange } from './types.js';

export async function pendingAtSnapshot(
  url: string,
  namespace: string,
  snapshotName: string,
): Promise<OutboxChange[]> {
  return withConnection(url, async (client) => {
    await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    try {
      // The snapshot name comes from the server (e.g. "00000003-0000001B-1"); quoted as a literal anyway.
      await client.query(`SET TRANSACTION SNAPSHOT ${client.escapeLiteral(snapshotName)}`);
      const result = await client.query<{ seq: SqlNumber; kind: string; payload: Order | string }>(
        `SELECT seq, kind, payload FROM ${outboxTable(namespace)} WHERE applied_at IS NULL ORDER BY seq`,
      );
      return result.rows.map((row) => outboxChange({ ...row, seq: toNumber(row.seq) }));
    } finally {
      await client.query('COMMIT').catch(() => undefined);
    }
  });
}
