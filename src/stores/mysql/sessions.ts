// Sessions and carts as InnoDB tables: the baseline's stand-in for a key-value cache with TTL (see schema.ts for
// why not MEMORY). Expiry is a predicate on the server's UTC clock, so a session is absent the moment it expires.
import type { CartLine, Session } from '../../domain.js';
import type { SessionsRole } from '../../roles.js';
import { toNumber, type MysqlClient, type SqlNumber } from './client.js';

interface SessionCartRow {
  id: string;
  user_id: SqlNumber;
  created_at_ms: SqlNumber;
  /** null on the single row of a session with an empty cart (LEFT JOIN). */
  product_id: SqlNumber | null;
  quantity: SqlNumber | null;
}

interface CartRow {
  product_id: SqlNumber;
  quantity: SqlNumber;
}

function toCartLine(row: CartRow): CartLine {
  return { productId: toNumber(row.product_id), quantity: toNumber(row.quantity) };
}

/** Also used by the atomic checkout, inside its transaction. */
export async function clearCartLines(db: MysqlClient, sessionId: string): Promise<void> {
  await db.write('DELETE FROM cart_lines WHERE session_id = ?', [sessionId]);
}

export function mysqlSessions(db: MysqlClient): SessionsRole {
  return {
    async startSession({ id, userId }, ttlSeconds) {
      // Replacing a session also empties its old cart; together, so no reader sees the new session with the old
      // cart. REPLACE rather than ON DUPLICATE KEY UPDATE … VALUES(), which MySQL 8 deprecates.
      await db.transaction(async (tx) => {
        await clearCartLines(tx, id);
        await tx.write(
          `REPLACE INTO sessions (id, user_id, created_at, expires_at)
           VALUES (?, ?, UTC_TIMESTAMP(3), UTC_TIMESTAMP(3) + INTERVAL ? SECOND)`,
          [id, userId, ttlSeconds],
        );
      });
    },

    async getSession(id) {
      // Session and cart in one round trip: one row per cart line, or one row with a null line.
      const rows = await db.query<SessionCartRow>(
        `SELECT s.id, s.user_id,
                TIMESTAMPDIFF(MICROSECOND, '1970-01-01', s.created_at) DIV 1000 AS created_at_ms,
                c.product_id, c.quantity
           FROM sessions s
           LEFT JOIN cart_lines c ON c.session_id = s.id
          WHERE s.id = ? AND s.expires_at > UTC_TIMESTAMP(3)
          ORDER BY c.product_id`,
        [id],
      );
      const first = rows[0];
      if (!first) return null;
      const session: Session = {
        id: first.id,
        userId: toNumber(first.user_id),
        createdAt: toNumber(first.created_at_ms),
        cart: rows.flatMap(({ product_id, quantity }) =>
          product_id === null || quantity === null ? [] : [toCartLine({ product_id, quantity })],
        ),
      };
      return session;
    },

    async addToCart(sessionId, line) {
      // The SELECT finds no live session → nothing inserted → the caller hears the session is gone.
      const changed = await db.write(
        `INSERT INTO cart_lines (session_id, product_id, quantity)
         SELECT s.id, ?, ? FROM sessions s WHERE s.id = ? AND s.expires_at > UTC_TIMESTAMP(3)
         ON DUPLICATE KEY UPDATE quantity = cart_lines.quantity + ?`,
        [line.productId, line.quantity, sessionId, line.quantity],
      );
      if (changed === 0) throw new Error(`session ${sessionId} does not exist or has expired`);
    },

    async getCart(sessionId) {
      const rows = await db.query<CartRow>(
        `SELECT c.product_id, c.quantity
           FROM cart_lines c
           JOIN sessions s ON s.id = c.session_id
          WHERE c.session_id = ? AND s.expires_at > UTC_TIMESTAMP(3)
          ORDER BY c.product_id`,
        [sessionId],
      );
      return rows.map(toCartLine);
    },

    clearCart: (sessionId) => clearCartLines(db, sessionId),
  };
}
