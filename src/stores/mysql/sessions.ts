// MySQL's sessions statements, on InnoDB tables (see schema.ts for why not MEMORY). Expiry compares with the
// server's UTC clock, UTC_TIMESTAMP(3), so the connection's time_zone cannot shift it.
import type { MysqlClient } from './client.js';
import type { SessionStatements } from '../sql/roles/sessions.js';

const CLEAR_CART = 'DELETE FROM cart_lines WHERE session_id = ?';

// No foreign key here (schema.ts), so one multi-table DELETE takes each session with its cart lines, atomically.
// The batch is a derived table (MySQL allows LIMIT there, not in a multi-table DELETE); the outer WHERE re-checks
// expiry on the locked row, so a session a concurrent startSession just revived stays. The pool is bound to the
// store's own database, so the unqualified names reach no other. The limit is inlined: mysql2 binds numbers in
// ways MySQL 8 refuses for LIMIT ?, and one constant limit is still one prepared statement.
function purgeExpiredStatement(limit: number): string {
  return `
    DELETE s, c FROM sessions s
      JOIN (SELECT id FROM sessions WHERE expires_at < UTC_TIMESTAMP(3) - INTERVAL ? SECOND
             ORDER BY expires_at LIMIT ${Math.max(1, Math.trunc(limit))}) e ON e.id = s.id
      LEFT JOIN cart_lines c ON c.session_id = s.id
     WHERE s.expires_at < UTC_TIMESTAMP(3) - INTERVAL ? SECOND`;
}

export const mysqlSessions: SessionStatements<MysqlClient> = {
  async startSession(db, id, userId, ttlSeconds) {
    // MySQL has no data-modifying CTE, so the old cart is emptied in the same transaction instead: no reader sees
    // the new session with the old cart. REPLACE rather than ON DUPLICATE KEY UPDATE … VALUES(), which MySQL 8
    // deprecates.
    await db.transaction(async (tx) => {
      await tx.write(CLEAR_CART, [id]);
      await tx.write(
        `REPLACE INTO sessions (id, user_id, created_at, expires_at)
         VALUES (?, ?, UTC_TIMESTAMP(3), UTC_TIMESTAMP(3) + INTERVAL ? SECOND)`,
        [id, userId, ttlSeconds],
      );
    });
  },

  async addToCart(db, sessionId, line) {
    // No RETURNING: the count of changed rows says whether the SELECT found a live session.
    const changed = await db.write(
      `INSERT INTO cart_lines (session_id, product_id, quantity)
       SELECT s.id, ?, ? FROM sessions s WHERE s.id = ? AND s.expires_at > UTC_TIMESTAMP(3)
       ON DUPLICATE KEY UPDATE quantity = cart_lines.quantity + ?`,
      [line.productId, line.quantity, sessionId, line.quantity],
    );
    return changed > 0;
  },

  sessionWithCart: `
    SELECT s.id, s.user_id,
           TIMESTAMPDIFF(MICROSECOND, '1970-01-01', s.created_at) DIV 1000 AS created_at_ms,
           c.product_id, c.quantity
      FROM sessions s
      LEFT JOIN cart_lines c ON c.session_id = s.id
     WHERE s.id = ? AND s.expires_at > UTC_TIMESTAMP(3)
     ORDER BY c.product_id`,

  cartOfLiveSession: `
    SELECT c.product_id, c.quantity
      FROM cart_lines c
      JOIN sessions s ON s.id = c.session_id
     WHERE c.session_id = ? AND s.expires_at > UTC_TIMESTAMP(3)
     ORDER BY c.product_id`,

  clearCart: CLEAR_CART,

  purgeExpired: (db, limit, graceSeconds) =>
    db.write(purgeExpiredStatement(limit), [graceSeconds, graceSeconds]),
};
