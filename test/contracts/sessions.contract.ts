// What a shopper relies on from the sessions role: a session holds a cart that accumulates, reads back in
// productId order, clears, and disappears after its TTL.
import { describe, expect, it } from 'vitest';
import type { StoreAdapter } from '../../src/stores/types.js';
import { role, sleep, uniqueId, useStore } from './fixture.js';

const HOUR_TTL = 3600;

export function describeSessionsContract(label: string, open: () => Promise<StoreAdapter>): void {
  describe(`sessions contract — ${label}`, () => {
    const store = useStore(open);
    const sessions = () => role(store(), 'sessions');

    it('starts a session with an empty cart and reads it back', async () => {
      const id = uniqueId('s-start');
      const before = Date.now();
      await sessions().startSession({ id, userId: 7 }, HOUR_TTL);
      const session = await sessions().getSession(id);
      expect(session).toMatchObject({ id, userId: 7, cart: [] });
      // createdAt is an epoch-ms timestamp near now (engine clocks may differ slightly from the test's).
      expect(Math.abs((session?.createdAt ?? 0) - before)).toBeLessThan(60_000);
    });

    it('accumulates quantity per product and returns lines ordered by productId', async () => {
      const id = uniqueId('s-cart');
      await sessions().startSession({ id, userId: 7 }, HOUR_TTL);
      await sessions().addToCart(id, { productId: 9, quantity: 1 });
      await sessions().addToCart(id, { productId: 2, quantity: 3 });
      await sessions().addToCart(id, { productId: 9, quantity: 2 });
      await sessions().addToCart(id, { productId: 5, quantity: 1 });
      const expected = [
        { productId: 2, quantity: 3 },
        { productId: 5, quantity: 1 },
        { productId: 9, quantity: 3 },
      ];
      expect(await sessions().getCart(id)).toEqual(expected);
      expect((await sessions().getSession(id))?.cart).toEqual(expected);
    });

    it('clears the cart but keeps the session', async () => {
      const id = uniqueId('s-clear');
      await sessions().startSession({ id, userId: 8 }, HOUR_TTL);
      await sessions().addToCart(id, { productId: 1, quantity: 1 });
      await sessions().clearCart(id);
      expect(await sessions().getCart(id)).toEqual([]);
      expect(await sessions().getSession(id)).toMatchObject({ id, userId: 8, cart: [] });
    });

    it('keeps carts of different sessions apart', async () => {
      const a = uniqueId('s-a');
      const b = uniqueId('s-b');
      await sessions().startSession({ id: a, userId: 7 }, HOUR_TTL);
      await sessions().startSession({ id: b, userId: 8 }, HOUR_TTL);
      await sessions().addToCart(a, { productId: 1, quantity: 1 });
      await sessions().addToCart(b, { productId: 2, quantity: 2 });
      await sessions().clearCart(b);
      expect(await sessions().getCart(a)).toEqual([{ productId: 1, quantity: 1 }]);
      expect(await sessions().getCart(b)).toEqual([]);
    });

    it('replaces an existing session with a fresh, empty one', async () => {
      const id = uniqueId('s-replace');
      await sessions().startSession({ id, userId: 7 }, HOUR_TTL);
      await sessions().addToCart(id, { productId: 3, quantity: 1 });
      await sessions().startSession({ id, userId: 8 }, HOUR_TTL);
      expect(await sessions().getSession(id)).toMatchObject({ id, userId: 8, cart: [] });
    });

    it('answers null and [] for a session that never existed', async () => {
      const id = uniqueId('s-missing');
      expect(await sessions().getSession(id)).toBeNull();
      expect(await sessions().getCart(id)).toEqual([]);
    });

    it('refuses to add to the cart of a missing session', async () => {
      await expect(sessions().addToCart(uniqueId('s-none'), { productId: 1, quantity: 1 })).rejects.toThrow();
    });

    it('forgets a session and its cart once the TTL has passed', async () => {
      const id = uniqueId('s-ttl');
      const kept = uniqueId('s-kept');
      await sessions().startSession({ id, userId: 7 }, 1);
      await sessions().startSession({ id: kept, userId: 7 }, HOUR_TTL);
      await sessions().addToCart(id, { productId: 4, quantity: 1 });
      await sleep(1300);
      expect(await sessions().getSession(id)).toBeNull();
      expect(await sessions().getCart(id)).toEqual([]);
      await expect(sessions().addToCart(id, { productId: 4, quantity: 1 })).rejects.toThrow();
      expect(await sessions().getSession(kept)).not.toBeNull();
    });
  });
}
