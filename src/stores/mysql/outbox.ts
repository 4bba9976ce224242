// The transactional outbox: placed orders written next to the stock they reserved, read by the relay oldest
// first and marked applied by seq. AUTO_INCREMENT seqs grow with every row a store writes.
import type { Order } from '../../domain.js';
import type { OutboxRow } from '../../roles.js';
import { toNumber, type MysqlClient, type SqlNumber } from './client.js';
import { parseJsonColumn } from './json.js';

/** Inside the reservation's (or the atomic checkout's) transaction, so the row exists exactly when stock moved. */
export async function insertOutboxRow(db: MysqlClient, order: Order): Promise<void> {
  await db.write('INSERT INTO outbox (order_id, payload, created_at) VALUES (?, ?, UTC_TIMESTAMP(3))', [
    order.id,
    JSON.stringify(order),
  ]);
}

/** Compensation: an order that will not be placed must not reach the derived stores, unless it already has. */
export async function dropPendingOutboxRows(db: MysqlClient, orderId: string): Promise<void> {
  await db.write('DELETE FROM outbox WHERE order_id = ? AND applied_at IS NULL', [orderId]);
}

export async function pendingOutboxRows(db: MysqlClient, limit: number): Promise<OutboxRow[]> {
  const rows = await db.query<{ seq: SqlNumber; payload: unknown }>(
    'SELECT seq, payload FROM outbox WHERE applied_at IS NULL ORDER BY seq LIMIT ?',
    [limit],
  );
  return rows.map((row): OutboxRow => ({
    seq: toNumber(row.seq),
    order: parseJsonColumn<Order>(row.payload),
  }));
}

export async function markOutboxRowsApplied(db: MysqlClient, seqs: readonly number[]): Promise<void> {
  if (seqs.length === 0) return;
  // The seqs travel as one JSON array, so this is one prepared statement whatever the batch size. A join, not
  // `seq IN (SELECT … JSON_TABLE …)`: MariaDB before 11.1 runs an IN subquery of a single-table UPDATE once per
  // outbox row, while the join looks each seq up by primary key.
  await db.write(
    `UPDATE outbox
       JOIN JSON_TABLE(?, '$[*]' COLUMNS (seq BIGINT PATH '$')) AS applied ON applied.seq = outbox.seq
        SET outbox.applied_at = UTC_TIMESTAMP(3)
      WHERE outbox.applied_at IS NULL`,
    [JSON.stringify(seqs)],
  );
}
