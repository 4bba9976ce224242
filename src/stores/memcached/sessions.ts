// Sessions on memcached, the seed's alternative to Redis. Memcached has no hashes, so a session and its cart are
// one JSON value; adding to the cart is a read-modify-write made safe under concurrency by CAS (gets, then cas,
// retried when another writer got in between).
//
// Expiry is a predicate on the stored expiresAt, as in the SQL stores, not memcached's own TTL: memcached counts
// time in whole seconds on a clock that ticks once a second, so an item given 1 s may vanish at once or live
// almost 2 s. Its exptime is only garbage collection, set a second past the logical expiry. Both instants come
// from this process's clock (one process stamps and checks them).
import type { CartLine, Session } from '../../domain.js';
import type { SessionsRole } from '../../roles.js';
import type { MemcachedClient } from './client.js';

interface StoredSession {
  userId: number;
  createdAt: number;
  /** Epoch ms; the session is gone from this instant on. */
  expiresAt: number;
  /** Ordered by productId, one line per product. */
  cart: CartLine[];
}

/**
 * Enough for every writer of one session to win once: each conflict round stores exactly one writer's cas, so
 * N concurrent writers need at most N attempts. A shopper's cart never sees that many.
 */
const MAX_CAS_ATTEMPTS = 100;

export function memcachedSessions(client: MemcachedClient, keyPrefix: string): SessionsRole {
  const keyOf = (sessionId: string) => `${keyPrefix}session:${sessionId}`;

  async function readLive(sessionId: string): Promise<StoredSession | null> {
    const item = await client.get(keyOf(sessionId));
    if (!item) return null;
    const stored = decode(item.data);
    return isLive(stored) ? stored : null;
  }

  /** gets → change → cas until the cas lands; change returns null to leave the session as it is. */
  async function update(
    sessionId: string,
    change: (stored: StoredSession | null) => StoredSession | null,
  ): Promise<void> {
    const key = keyOf(sessionId);
    for (let attempt = 1; attempt <= MAX_CAS_ATTEMPTS; attempt += 1) {
      const item = await client.gets(key);
      const stored = item ? decode(item.data) : null;
      const changed = change(stored && isLive(stored) ? stored : null);
      if (!changed) return;
      if (!item?.cas) throw new Error(`memcached gets ${key} returned no CAS unique`);
      const outcome = await client.cas(key, encode(changed), exptimeFor(changed.expiresAt), item.cas);
      if (outcome === 'stored') return;
      // 'not-found': the item expired or was evicted since gets; the next round sees it gone.
    }
    throw new Error(`session ${sessionId}: gave up after ${MAX_CAS_ATTEMPTS} conflicting concurrent updates`);
  }

  return {
    async startSession({ id, userId }, ttlSeconds) {
      const now = Date.now();
      const session: StoredSession = { userId, createdAt: now, expiresAt: now + ttlSeconds * 1000, cart: [] };
      // A plain set: starting a session replaces whatever was there, cart included.
      await client.set(keyOf(id), encode(session), exptimeFor(session.expiresAt));
    },

    async getSession(id) {
      const stored = await readLive(id);
      if (!stored) return null;
      const session: Session = { id, userId: stored.userId, createdAt: stored.createdAt, cart: stored.cart };
      return session;
    },

    async addToCart(sessionId, line) {
      await update(sessionId, (stored) => {
        if (!stored) throw new Error(`session ${sessionId} does not exist or has expired`);
        // expiresAt is carried over unchanged: adding to the cart refreshes nothing.
        return { ...stored, cart: withLine(stored.cart, line) };
      });
    },

    async getCart(sessionId) {
      return (await readLive(sessionId))?.cart ?? [];
    },

    async clearCart(sessionId) {
      await update(sessionId, (stored) =>
        stored && stored.cart.length > 0 ? { ...stored, cart: [] } : null,
      );
    },
  };
}

function withLine(cart: readonly CartLine[], line: CartLine): CartLine[] {
  const existing = cart.find((candidate) => candidate.productId === line.productId);
  if (existing) {
    return cart.map((candidate) =>
      candidate === existing
        ? { productId: line.productId, quantity: existing.quantity + line.quantity }
        : candidate,
    );
  }
  return [...cart, { productId: line.productId, quantity: line.quantity }].sort(
    (a, b) => a.productId - b.productId,
  );
}

function isLive(stored: StoredSession): boolean {
  return Date.now() < stored.expiresAt;
}

const THIRTY_DAYS_S = 30 * 24 * 3600;

/**
 * Memcached's exptime for a session expiring at expiresAt: one second past it (see the file comment), as
 * seconds from now — or, above 30 days, as a Unix time, since memcached reads larger numbers that way.
 */
function exptimeFor(expiresAt: number): number {
  const seconds = Math.max(1, Math.ceil((expiresAt - Date.now()) / 1000) + 1);
  return seconds <= THIRTY_DAYS_S ? seconds : Math.ceil(expiresAt / 1000) + 1;
}

function encode(session: StoredSession): Buffer {
  return Buffer.from(JSON.stringify(session), 'utf8');
}

function decode(data: Buffer): StoredSession {
  return JSON.parse(data.toString('utf8')) as StoredSession;
}
