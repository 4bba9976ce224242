// PostgreSQL's outbox statements: a bigserial seq, a jsonb payload (which logical replication also streams to
// the CDC relay), and partial indexes over the unapplied rows (schema.ts).
import type { OutboxStatements } from './roles/outbox.js';

export const postgresOutbox: OutboxStatements = {
  insert: 'INSERT INTO outbox (order_id, payload) VALUES ($1, $2::jsonb)',
  insertRetraction: `
    INSERT INTO outbox (order_id, kind, payload)
    SELECT order_id, 'retraction', payload FROM outbox
     WHERE order_id = $1 AND kind = 'purchase'
     ORDER BY seq
     LIMIT 1`,
  dropPending: `DELETE FROM outbox WHERE order_id = $1 AND kind = 'purchase' AND applied_at IS NULL`,
  pending: 'SELECT seq, kind, payload FROM outbox WHERE applied_at IS NULL ORDER BY seq LIMIT $1',
  // ARRAY(…) rather than IN (…): `seq = ANY (array)` is looked up seq by seq in the primary key.
  markApplied: `
    UPDATE outbox SET applied_at = now()
     WHERE seq = ANY (ARRAY(SELECT jsonb_array_elements_text($1::jsonb)::bigint)) AND applied_at IS NULL`,
};
