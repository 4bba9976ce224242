// The cross-store queries on a store holding every role they read: the application joins (src/workloads/
// cross-store.ts, one call per role) give the worked answers, and where the store offers crossStore its
// one-statement answers are the same.
import { describe, expect, it } from 'vitest';
import type { CrossStoreQueries, RoleImpls } from '../../src/roles.js';
import type { StoreAdapter } from '../../src/stores/types.js';
import { applicationJoins } from '../../src/workloads/cross-store.js';
import { SINCE_ALL_FIXTURE, SINCE_RECENT, loadFixture, useStore } from './fixture.js';

export function describeCrossStoreContract(label: string, open: () => Promise<StoreAdapter>): void {
  describe(`cross-store queries — ${label}`, () => {
    const store = useStore(open, (adapter) => loadFixture(adapter));
    const answers = (): Array<[string, CrossStoreQueries]> => {
      const adapter = store();
      const joins = applicationJoins(adapter.roles as RoleImpls);
      return adapter.crossStore
        ? [
            ['application join', joins],
            ['one statement', adapter.crossStore],
          ]
        : [['application join', joins]];
    };

    it('orderDetails: the newest orders, lines in order, with names, paid and current price and stock', async () => {
      for (const [how, queries] of answers()) {
        expect(await queries.orderDetails(1), how).toEqual([
          {
            orderId: 'o5',
            createdAt: expect.any(Number) as number,
            lines: [
              {
                productId: 2,
                name: 'Emma',
                quantity: 1,
                paidCents: 2000,
                currentPriceCents: 2000,
                stock: 100,
              },
              {
                productId: 5,
                name: 'Trail runner',
                quantity: 1,
                paidCents: 5000,
                currentPriceCents: 5000,
                stock: 100,
              },
              {
                productId: 8,
                name: 'Skillet',
                quantity: 3,
                paidCents: 4000,
                currentPriceCents: 4000,
                stock: 100,
              },
            ],
          },
          {
            orderId: 'o1',
            createdAt: expect.any(Number) as number,
            lines: [
              {
                productId: 1,
                name: 'SICP',
                quantity: 1,
                paidCents: 1500,
                currentPriceCents: 1500,
                stock: 100,
              },
              {
                productId: 5,
                name: 'Trail runner',
                quantity: 2,
                paidCents: 5000,
                currentPriceCents: 5000,
                stock: 100,
              },
            ],
          },
        ]);
        // The discounted line keeps what was paid; the current price is the inventory's.
        const [o4] = await queries.orderDetails(4);
        expect(o4?.lines[0], how).toMatchObject({ productId: 1, paidCents: 1200, currentPriceCents: 1500 });
        expect(await queries.orderDetails(8), how).toEqual([]);
      }
    });

    it("friendsBought: products in friends' recent orders, in stock, by distinct friends", async () => {
      for (const [how, queries] of answers()) {
        // Friends 2, 3, 4 placed o2 (1, 5, 8), o3 (1, 8), o4 (1, 2).
        expect(await queries.friendsBought(1), how).toEqual([
          { productId: 1, friends: 3, stock: 100 },
          { productId: 8, friends: 2, stock: 100 },
          { productId: 2, friends: 1, stock: 100 },
          { productId: 5, friends: 1, stock: 100 },
        ]);
        expect(await queries.friendsBought(7), how).toEqual([]);
      }
    });

    it("revenueByFollowerBand: revenue, buyers and orders per band of the buyer's followers", async () => {
      for (const [how, queries] of answers()) {
        expect(await queries.revenueByFollowerBand(SINCE_ALL_FIXTURE), how).toEqual([
          { band: '0', buyers: 1, orders: 1, revenueCents: 8000 },
          { band: '1-4', buyers: 4, orders: 5, revenueCents: 51_200 },
          { band: '5-19', buyers: 0, orders: 0, revenueCents: 0 },
          { band: '20+', buyers: 0, orders: 0, revenueCents: 0 },
        ]);
        const recent = await queries.revenueByFollowerBand(SINCE_RECENT);
        expect(
          recent.find((b) => b.band === '0'),
          how,
        ).toEqual({ band: '0', buyers: 0, orders: 0, revenueCents: 0 });
      }
    });
  });
}
