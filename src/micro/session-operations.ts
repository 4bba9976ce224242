// The sessions role's five operations, each on its own small pool of sessions so that one operation's writes
// never change what another reads: startSession replaces sessions of its pool (so it never grows), addToCart
// cycles through a bounded set of (session, product) lines, clearCart empties a cart refilled before each call.
import type { Dataset } from '../domain.js';
import type { SessionsRole } from '../roles.js';
import { Random, deriveSeed } from '../data/random.js';
import { RING_SIZE, Ring, type ArgumentPools } from './arguments.js';
import type { RolePlan } from './operation.js';

const POOL_SIZE = 64;
/** Lines in each session getSession and getCart read: a cart mid-journey, not an empty one. */
const CART_LINES = 3;
/** Longer than any micro run: a session expiring mid-run would turn reads into misses. */
const TTL_SECONDS = 24 * 3600;

function sessionIds(pool: string): string[] {
  return Array.from({ length: POOL_SIZE }, (_, i) => `micro-${pool}-${i}`);
}

export function sessionsPlan(sessions: SessionsRole, dataset: Dataset, pools: ArgumentPools): RolePlan {
  const rng = new Random(deriveSeed(dataset.seed, 'micro', 'sessions'));
  // Sessions do not check that a product exists, so an empty catalog still gives carts something to hold.
  const products = pools.productIds.length > 0 ? pools.productIds : [1];
  const users = pools.userIds.length > 0 ? pools.userIds : [1];
  const product = () => rng.pick(products);
  const ring = <T>(draw: () => T) => new Ring(Array.from({ length: RING_SIZE }, draw));

  const readIds = sessionIds('read');
  const writeIds = sessionIds('write');
  const startIds = sessionIds('start');
  const clearIds = sessionIds('clear');
  const userOf = new Map(
    [...readIds, ...writeIds, ...startIds, ...clearIds].map((id) => [id, rng.pick(users)]),
  );

  const starts = ring(() => ({ id: rng.pick(startIds), userId: rng.pick(users) }));
  const reads = ring(() => rng.pick(readIds));
  const cartReads = ring(() => rng.pick(readIds));
  const adds = ring(() => ({ id: rng.pick(writeIds), line: { productId: product(), quantity: 1 } }));
  const clears = ring(() => ({ id: rng.pick(clearIds), line: { productId: product(), quantity: 1 } }));
  let clearing = clears.take();

  return {
    async prepare() {
      for (const [id, userId] of userOf) await sessions.startSession({ id, userId }, TTL_SECONDS);
      for (const id of readIds) {
        for (let i = 0; i < CART_LINES; i++)
          await sessions.addToCart(id, { productId: product(), quantity: 1 });
      }
    },
    operations: [
      {
        role: 'sessions',
        operation: 'startSession',
        run: () => sessions.startSession(starts.take(), TTL_SECONDS),
      },
      { role: 'sessions', operation: 'getSession', run: () => sessions.getSession(reads.take()) },
      { role: 'sessions', operation: 'getCart', run: () => sessions.getCart(cartReads.take()) },
      {
        role: 'sessions',
        operation: 'addToCart',
        run: () => {
          const { id, line } = adds.take();
          return sessions.addToCart(id, line);
        },
      },
      {
        role: 'sessions',
        operation: 'clearCart',
        // Clearing an empty cart would be a no-op on some stores: there is always one line to clear.
        beforeEach: async () => {
          clearing = clears.take();
          await sessions.addToCart(clearing.id, clearing.line);
        },
        run: () => sessions.clearCart(clearing.id),
      },
    ],
    skipped: [],
  };
}
