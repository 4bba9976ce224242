// PostgreSQL's sessions statements. The tables are UNLOGGED like a cache (schema.ts); a replaced session and
// the cart it empties are one statement, and RETURNING says whether a cart line found its live session.
import type { SqlClient } from './client.js';
import type { SessionStatements } from './roles/sessions.js';

const START_SESSION = `
  WITH emptied AS (DELETE FROM cart_lines WHERE session_id = $1)
  INSERT INTO sessions (id, user_id, created_at, expires_at)
  VALUES ($1, $2, now(), now() + make_interval(secs => $3))
  ON CONFLICT (id) DO UPDATE
    SET user_id = EXCLUDED.user_id, created_at = EXCLUDED.created_at, expires_at = EXCLUDED.expires_at`;

// The SELECT finds no live session → no row inserted → none returned.
const ADD_TO_CART = `
  INSERT INTO cart_lines (session_id, product_id, quantity)
  SELECT s.id, $2, $3 FROM sessions s WHERE s.id = $1 AND s.expires_at > now()
  ON CONFLICT (session_id, product_id) DO UPDATE SET quantity = cart_lines.quantity + EXCLUDED.quantity
  RETURNING 1`;

// Cart lines go with their session (ON DELETE CASCADE, schema.ts). FOR UPDATE re-checks expiry on a row a
// concurrent startSession just revived and drops it from the batch; SKIP LOCKED leaves rows a shopper's call
// holds to a later sweep instead of waiting on them.
const PURGE_EXPIRED = `
  WITH expired AS (
    SELECT id FROM sessions
     WHERE expires_at < now() - make_interval(secs => $2)
     LIMIT $1 FOR UPDATE SKIP LOCKED),
  purged AS (
    DELETE FROM sessions s USING expired e WHERE s.id = e.id RETURNING 1)
  SELECT count(*)::int AS purged FROM purged`;

export const postgresSessions: SessionStatements<SqlClient> = {
  async startSession(db, id, userId, ttlSeconds) {
    await db.query(START_SESSION, [id, userId, ttlSeconds]);
  },

  addToCart: async (db, sessionId, line) =>
    (await db.query(ADD_TO_CART, [sessionId, line.productId, line.quantity])).length > 0,

  sessionWithCart: `
    SELECT s.id, s.user_id, floor(extract(epoch FROM s.created_at) * 1000) AS created_at_ms,
           c.product_id, c.quantity
      FROM sessions s
      LEFT JOIN cart_lines c ON c.session_id = s.id
     WHERE s.id = $1 AND s.expires_at > now()
     ORDER BY c.product_id`,

  cartOfLiveSession: `
    SELECT c.product_id, c.quantity
      FROM cart_lines c
      JOIN sessions s ON s.id = c.session_id
     WHERE c.session_id = $1 AND s.expires_at > now()
     ORDER BY c.product_id`,

  clearCart: 'DELETE FROM cart_lines WHERE session_id = $1',

  async purgeExpired(db, limit, graceSeconds) {
    const rows = await db.query<{ purged: number }>(PURGE_EXPIRED, [limit, graceSeconds]);
    return rows[0]?.purged ?? 0;
  },
};
