// The sessions role on any SQL dialect: sessions and carts as two tables, the baseline's stand-in for a
// key-value cache with TTL. Expiry is a predicate on the server's clock (expires_at past now), so a session is
// absent the moment it expires; the store's sweeper (../session-sweeper.ts) purges the dead rows later, off the
// shoppers' calls, so the tables stay bounded as a cache's keyspace does.
import type { CartLine, Session } from '../../../domain.js';
import type { SessionsRole } from '../../../roles.js';
import { toNumber, type SqlNumber, type SqlRunner } from '../client.js';
import type { SqlDialect } from './dialect.js';

export interface SessionStatements<C> {
  /** Creates or replaces the session, expiring ttlSeconds from now, and empties its old cart, atomically. */
  startSession(db: C, id: string, userId: number, ttlSeconds: number): Promise<void>;
  /** Adds quantity to the line of a live session (creating it); false when no live session has that id. */
  addToCart(db: C, sessionId: string, line: CartLine): Promise<boolean>;
  /**
   * [id] → id, user_id, created_at_ms and the cart's product_id, quantity of a live session: one row per cart
   * line in product order, or one row with a null line for an empty cart (a LEFT JOIN), or none.
   */
  sessionWithCart: string;
  /** [sessionId] → product_id, quantity of a live session's cart, in product order. */
  cartOfLiveSession: string;
  /** [sessionId] */
  clearCart: string;
  /**
   * Deletes up to `limit` sessions that expired more than graceSeconds ago, with their cart lines, in one
   * statement or transaction; the rows it deleted (0: nothing left to purge). Only the tool's own tables.
   */
  purgeExpired(db: C, limit: number, graceSeconds: number): Promise<number>;
}

interface SessionCartRow {
  id: string;
  user_id: SqlNumber;
  created_at_ms: SqlNumber;
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
export async function clearCartLines<C extends SqlRunner<C>>(
  db: C,
  statements: SessionStatements<C>,
  sessionId: string,
): Promise<void> {
  await db.query(statements.clearCart, [sessionId]);
}

export function sessionsRole<C extends SqlRunner<C>>(db: C, { sessions }: SqlDialect<C>): SessionsRole {
  return {
    startSession: ({ id, userId }, ttlSeconds) => sessions.startSession(db, id, userId, ttlSeconds),

    async getSession(id) {
      // Session and cart in one round trip.
      const rows = await db.query<SessionCartRow>(sessions.sessionWithCart, [id]);
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
      if (!(await sessions.addToCart(db, sessionId, line)))
        throw new Error(`session ${sessionId} does not exist or has expired`);
    },

    async getCart(sessionId) {
      const rows = await db.query<CartRow>(sessions.cartOfLiveSession, [sessionId]);
      return rows.map(toCartLine);
    },

    clearCart: (sessionId) => clearCartLines(db, sessions, sessionId),
  };
}
