// MySQL's outbox statements: an AUTO_INCREMENT seq, a JSON payload, and the bookkeeping timestamps in UTC.
import type { OutboxStatements } from '../sql/roles/outbox.js';

export const mysqlOutbox: OutboxStatements = {
  insert: 'INSERT INTO outbox (order_id, payload, created_at) VALUES (?, ?, UTC_TIMESTAMP(3))',
  // MySQL reads the outbox into a temporary table first when a statement inserts into the table it selects from.
  insertRetraction: `
    INSERT INTO outbox (order_id, kind, payload, created_at)
    SELECT order_id, 'retraction', payload, UTC_TIMESTAMP(3) FROM outbox
     WHERE order_id = ? AND kind = 'purchase'
     ORDER BY seq
     LIMIT 1`,
  dropPending: "DELETE FROM outbox WHERE order_id = ? AND kind = 'purchase' AND applied_at IS NULL",
  pending: 'SELECT seq, kind, payload FROM outbox WHERE applied_at IS NULL ORDER BY seq LIMIT ?',
  // A join, not `seq IN (SELECT … JSON_TABLE …)`: MariaDB before 11.1 runs an IN subquery of a single-table
  // UPDATE once per outbox row, while the join looks each seq up by primary key.
  markApplied: `
    UPDATE outbox
      JOIN JSON_TABLE(?, '$[*]' COLUMNS (seq BIGINT PATH '$')) AS applied ON applied.seq = outbox.seq
       SET outbox.applied_at = UTC_TIMESTAMP(3)
     WHERE outbox.applied_at IS NULL`,
};
