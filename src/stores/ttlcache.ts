// The embedded stand-in for Redis: sessions and their carts in an in-process TTL cache (ttlcache/ttl-cache.ts).
// A session is one entry holding its cart, so every sessions call is a single get or read-modify-write of that
// entry; adding to the cart keeps the entry's expiry, as Redis's KEEPTTL does.
import type { CartLine, Session } from '../domain.js';
import { UserError } from '../errors.js';
import type { SessionsRole } from '../roles.js';
import { DEFAULT_SWEEP_INTERVAL_MS, TtlCache } from './ttlcache/ttl-cache.js';
import type { StoreAdapter, StoreFactory, StoreOptions } from './types.js';

export const ttlcacheFactory: StoreFactory = {
  kind: 'ttlcache',
  roles: ['sessions'],
  embedded: true,

  async create(options: StoreOptions = {}): Promise<StoreAdapter> {
    const cache = new TtlCache<Session>({ sweepIntervalMs: sweepIntervalSetting(options.settings) });
    return {
      kind: 'ttlcache',
      info: {
        engine: 'TTL cache (Redis-style)',
        // The cache is a Map in the tool's own process: the runtime is the engine.
        version: `Node.js ${process.versions.node}`,
        embedded: true,
        address: 'in-process',
      },
      roles: { sessions: ttlcacheSessions(cache) },
      async close() {
        cache.close();
      },
    };
  },
};

export function ttlcacheSessions(cache: TtlCache<Session>): SessionsRole {
  return {
    async startSession({ id, userId }, ttlSeconds) {
      cache.set(id, { id, userId, createdAt: Date.now(), cart: [] }, ttlSeconds * 1000);
    },

    async getSession(id) {
      return cache.get(id) ?? null;
    },

    async addToCart(sessionId, line) {
      const added = cache.update(sessionId, (session) => ({
        ...session,
        cart: withLine(session.cart, line),
      }));
      if (!added) throw new Error(`session ${sessionId} does not exist or has expired`);
    },

    async getCart(sessionId) {
      return cache.get(sessionId)?.cart ?? [];
    },

    async clearCart(sessionId) {
      cache.update(sessionId, (session) => ({ ...session, cart: [] }));
    },
  };
}

/** The cart with quantity added to the product's line (created if new), kept ordered by productId. */
function withLine(cart: readonly CartLine[], line: CartLine): CartLine[] {
  const existing = cart.find((candidate) => candidate.productId === line.productId);
  if (existing) {
    return cart.map((candidate) =>
      candidate === existing ? { ...candidate, quantity: candidate.quantity + line.quantity } : candidate,
    );
  }
  return [...cart, { productId: line.productId, quantity: line.quantity }].sort(
    (a, b) => a.productId - b.productId,
  );
}

function sweepIntervalSetting(settings: Record<string, unknown> | undefined): number {
  const value = settings?.sweepIntervalMs ?? DEFAULT_SWEEP_INTERVAL_MS;
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
    throw new UserError(
      `store ttlcache: sweepIntervalMs must be a number of milliseconds ≥ 0 (got ${JSON.stringify(value)})`,
    );
  }
  return value;
}
