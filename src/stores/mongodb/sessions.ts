// Sessions with their carts inside the session document: adding to a cart is one $inc on `cart.<productId>`,
// atomic on the server without a read-modify-write. Expiry is a predicate on every read and write (expiresAt >
// now), as in the SQL stores: MongoDB's TTL monitor only deletes expired documents about once a minute (and
// mongo-java-server has none), so the index is garbage collection, not the rule.
import type { ClientSession } from 'mongodb';
import type { CartLine, Session } from '../../domain.js';
import type { SessionsRole } from '../../roles.js';
import type { Collections, SessionDocument } from './schema.js';

// Expiry is set and checked with this process's clock, so a TTL is exact as the tool sees it; the server's clock
// only decides when the TTL monitor removes the document, which is at or after that.
const live = (id: string) => ({ _id: id, expiresAt: { $gt: new Date() } });

function cartLines(cart: SessionDocument['cart']): CartLine[] {
  return Object.entries(cart)
    .map(([productId, quantity]) => ({ productId: Number(productId), quantity }))
    .sort((a, b) => a.productId - b.productId);
}

/** Also used by the atomic checkout, inside its transaction. */
export async function clearCartLines(
  c: Collections,
  sessionId: string,
  session?: ClientSession,
): Promise<void> {
  await c.sessions.updateOne({ _id: sessionId }, { $set: { cart: {} } }, { session });
}

export function mongoSessions(c: Collections): SessionsRole {
  return {
    async startSession({ id, userId }, ttlSeconds) {
      const now = Date.now();
      // A replacement, so a restarted session starts with an empty cart.
      await c.sessions.replaceOne(
        { _id: id },
        { userId, createdAt: now, expiresAt: new Date(now + ttlSeconds * 1000), cart: {} },
        { upsert: true },
      );
    },

    async getSession(id) {
      const found = await c.sessions.findOne(live(id));
      if (!found) return null;
      const session: Session = {
        id: found._id,
        userId: found.userId,
        createdAt: found.createdAt,
        cart: cartLines(found.cart),
      };
      return session;
    },

    async addToCart(sessionId, line) {
      // The product id becomes a field name: anything but an integer ("1.5", "NaN") would write elsewhere.
      if (!Number.isSafeInteger(line.productId)) throw new Error(`not a product id: ${line.productId}`);
      // No upsert: a missing or expired session matches nothing, and the caller hears that it is gone.
      const result = await c.sessions.updateOne(live(sessionId), {
        $inc: { [`cart.${line.productId}`]: line.quantity },
      });
      if (result.matchedCount === 0) throw new Error(`session ${sessionId} does not exist or has expired`);
    },

    async getCart(sessionId) {
      const found = await c.sessions.findOne(live(sessionId), { projection: { cart: 1 } });
      return found ? cartLines(found.cart) : [];
    },

    clearCart: (sessionId) => clearCartLines(c, sessionId),
  };
}
