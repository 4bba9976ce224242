// Sessions and carts as UNLOGGED tables: the baseline's stand-in for a key-value cache with TTL.
// Expiry is a predicate (expires_at > now()), so an expired session is absent the moment it expires.
import type { CartLine, Session } from '../../domain.js';
import type { SessionsRole } from '../../roles.js';
import { toNumber, type SqlClient, type SqlNumber } from './client.js';

interface SessionRow {
  id: string;
  user_id: SqlNumber;
  created_at_ms: SqlNumber;
  cart: Array<{ productId: SqlNumber; quantity: SqlNumber }>;
}

interface CartRow {
  product_id: SqlNumber;
  quantity: SqlNumber;
}

function toCartLine(line: { productId: SqlNumber; quantity: SqlNumber }): CartLine {
  return { productId: toNumber(line.productId), quantity: toNumber(line.quantity) };
}

/** Also used by the atomic checkout, inside its transaction. */
export async function clearCartLines(db: SqlClient, sessionId: string): Promise<void> {
  await db.query('DELETE FROM polyglot_bench.cart_lines WHERE session_id = $1', [sessionId]);
}

export function sqlSessions(db: SqlClient): SessionsRole {
  return {
    async startSession({ id, userId }, ttlSeconds) {
      // One statement: replacing a session also empties its old cart.
      await db.query(
        `WITH emptied AS (DELETE FROM polyglot_bench.cart_lines WHERE session_id = $1)
         INSERT INTO polyglot_bench.sessions (id, user_id, created_at, expires_at)
         VALUES ($1, $2, now(), now() + make_interval(secs => $3))
         ON CONFLICT (id) DO UPDATE
           SET user_id = EXCLUDED.user_id, created_at = EXCLUDED.created_at, expires_at = EXCLUDED.expires_at`,
        [id, userId, ttlSeconds],
      );
    },

    async getSession(id) {
      // Session and cart in one round trip.
      const rows = await db.query<SessionRow>(
        `SELECT s.id, s.user_id,
                floor(extract(epoch FROM s.created_at) * 1000) AS created_at_ms,
                coalesce(
                  jsonb_agg(jsonb_build_object('productId', c.product_id, 'quantity', c.quantity)
                            ORDER BY c.product_id) FILTER (WHERE c.product_id IS NOT NULL),
                  '[]'::jsonb) AS cart
           FROM polyglot_bench.sessions s
           LEFT JOIN polyglot_bench.cart_lines c ON c.session_id = s.id
          WHERE s.id = $1 AND s.expires_at > now()
          GROUP BY s.id`,
        [id],
      );
      const row = rows[0];
      if (!row) return null;
      const session: Session = {
        id: row.id,
        userId: toNumber(row.user_id),
        createdAt: toNumber(row.created_at_ms),
        cart: row.cart.map(toCartLine),
      };
      return session;
    },

    async addToCart(sessionId, line) {
      // The SELECT finds no live session → no row inserted → the caller hears the session is gone.
      const inserted = await db.query(
        `INSERT INTO polyglot_bench.cart_lines (session_id, product_id, quantity)
         SELECT s.id, $2, $3 FROM polyglot_bench.sessions s WHERE s.id = $1 AND s.expires_at > now()
         ON CONFLICT (session_id, product_id) DO UPDATE SET quantity = cart_lines.quantity + EXCLUDED.quantity
         RETURNING 1`,
        [sessionId, line.productId, line.quantity],
      );
      if (inserted.length === 0) throw new Error(`session ${sessionId} does not exist or has expired`);
    },

    async getCart(sessionId) {
      const rows = await db.query<CartRow>(
        `SELECT c.product_id, c.quantity
           FROM polyglot_bench.cart_lines c
           JOIN polyglot_bench.sessions s ON s.id = c.session_id
          WHERE c.session_id = $1 AND s.expires_at > now()
          ORDER BY c.product_id`,
        [sessionId],
      );
      return rows.map((row) => toCartLine({ productId: row.product_id, quantity: row.quantity }));
    },

    clearCart: (sessionId) => clearCartLines(db, sessionId),
  };
}
