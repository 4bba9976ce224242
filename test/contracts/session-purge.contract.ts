// What a SQL store's session sweeper promises (src/stores/sql/session-sweeper.ts): once sessions have expired and a
// sweep has run, their rows and cart lines are gone from the store's tables; live sessions and their carts are
// untouched; look-alike tables outside the tool's namespace are never touched. The engine-specific part (moving
// expiry into the past on the server's clock, counting rows, planting the look-alike) is the harness's.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { SESSION_SWEEP_EVERY_MS } from '../../src/stores/sql/session-sweeper.js';
import type { StoreAdapter } from '../../src/stores/types.js';
import { role } from './fixture.js';

export interface StoredRows {
  sessions: number;
  cartLines: number;
}

export interface PurgeHarness {
  store: StoreAdapter;
  /** Moves these sessions' expiry an hour into the past, by the server's clock (past the purge's grace). */
  expire(ids: string[]): Promise<void>;
  /** The tool's own session and cart-line rows of these sessions, live or not. */
  stored(ids: string[]): Promise<StoredRows>;
  /** One expired session with one cart line, in same-named tables outside the tool's namespace. */
  plantOutside(): Promise<void>;
  /** What remains of what plantOutside planted. */
  storedOutside(): Promise<StoredRows>;
  /** Closes the store and removes what the harness planted. */
  close(): Promise<void>;
}

export function describeSessionPurgeContract(name: string, open: () => Promise<PurgeHarness>): void {
  describe(`${name} session sweeper`, () => {
    afterEach(() => {
      vi.useRealTimers();
    });

    it('purges expired sessions and their cart lines, leaving live ones and other namespaces alone', async () => {
      // Only the sweeper's interval is faked: the drivers' own timeouts and sockets run for real.
      vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
      const harness = await open();
      try {
        const sessions = role(harness.store, 'sessions');
        const expired = ['expired-1', 'expired-2'];
        for (const id of [...expired, 'live-1']) {
          await sessions.startSession({ id, userId: 7 }, 3600);
          await sessions.addToCart(id, { productId: 1, quantity: 2 });
          await sessions.addToCart(id, { productId: 2, quantity: 1 });
        }
        await sessions.startSession({ id: 'expired-empty', userId: 8 }, 3600);
        const dead = [...expired, 'expired-empty'];
        await harness.expire(dead);
        await harness.plantOutside();
        // Reads already treat them as gone; the rows are still stored until a sweep runs.
        expect(await sessions.getSession('expired-1')).toBeNull();
        expect(await harness.stored(dead)).toEqual({ sessions: 3, cartLines: 4 });

        vi.advanceTimersByTime(SESSION_SWEEP_EVERY_MS);
        await vi.waitFor(
          async () => expect(await harness.stored(dead)).toEqual({ sessions: 0, cartLines: 0 }),
          {
            timeout: 10_000,
          },
        );

        expect(await harness.stored(['live-1'])).toEqual({ sessions: 1, cartLines: 2 });
        expect(await sessions.getCart('live-1')).toEqual([
          { productId: 1, quantity: 2 },
          { productId: 2, quantity: 1 },
        ]);
        expect(await harness.storedOutside()).toEqual({ sessions: 1, cartLines: 1 });
      } finally {
        await harness.close();
      }
    });
  });
}
