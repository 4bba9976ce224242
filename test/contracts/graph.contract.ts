// What recommendations rely on from the graph role, with answers worked out by hand from the fixture:
// scores count distinct users, ties go to the lower productId, and recording a purchase twice changes nothing.
import { describe, expect, it } from 'vitest';
import type { StoreAdapter } from '../../src/stores/types.js';
import {
  FIXTURE,
  SINCE_ALL_FIXTURE,
  SINCE_RECENT,
  T0,
  line,
  order,
  role,
  uniqueId,
  useStore,
} from './fixture.js';
import { visibleOrdersCases } from './visible-orders.contract.js';

export function describeGraphContract(label: string, open: () => Promise<StoreAdapter>): void {
  describe(`graph contract — ${label}`, () => {
    // Part of the edges with the graph, the rest appended by loadSocial and loadPurchases, in chunks, as the bulk
    // load hands them over: every answer below also checks that those loaders append.
    const store = useStore(open, async (adapter) => {
      await role(adapter, 'graph').loadGraph({
        users: FIXTURE.users,
        products: FIXTURE.products,
        follows: FIXTURE.follows.slice(0, 3),
        likes: FIXTURE.likes.slice(0, 4),
        purchases: FIXTURE.orders.slice(0, 2),
      });
      await role(adapter, 'graph').loadSocial({
        follows: FIXTURE.follows.slice(3),
        likes: FIXTURE.likes.slice(4),
      });
      await role(adapter, 'graph').loadPurchases(FIXTURE.orders.slice(2, 4));
      await role(adapter, 'graph').loadPurchases(FIXTURE.orders.slice(4));
    });
    const graph = () => role(store(), 'graph');

    it('following lists whom a user follows, ascending, at most limit', async () => {
      expect(await graph().following(1, 10)).toEqual([2, 3, 4]);
      expect(await graph().following(1, 2)).toEqual([2, 3]);
      expect(await graph().following(7, 10)).toEqual([]);
    });

    it("orderBuyers gives each order's buyer and follower count since a bound, by orderId", async () => {
      // Users 1–4 have one follower each; user 5, who placed the old o6, has none.
      const recent = ['o1', 'o2', 'o3', 'o4', 'o5'].map((id, i) => ({
        orderId: id,
        userId: [1, 2, 3, 4, 1][i]!,
        followers: 1,
      }));
      expect(await graph().orderBuyers(SINCE_RECENT)).toEqual(recent);
      expect(await graph().orderBuyers(SINCE_ALL_FIXTURE)).toEqual([
        ...recent,
        { orderId: 'o6', userId: 5, followers: 0 },
      ]);
    });

    it('alsoBought scores by distinct buyers, ties by productId', async () => {
      // Buyers of 1: users 1, 2, 3, 4. They also bought 8 (users 1, 2, 3), 2 (users 1, 4) and 5 (users 1, 2;
      // user 1 twice, in o1 and o5, which must count once).
      expect(await graph().alsoBought(1, 10)).toEqual([
        { productId: 8, score: 3 },
        { productId: 2, score: 2 },
        { productId: 5, score: 2 },
      ]);
    });

    it('alsoBought honours the limit and excludes the product itself', async () => {
      expect(await graph().alsoBought(1, 2)).toEqual([
        { productId: 8, score: 3 },
        { productId: 2, score: 2 },
      ]);
      // Only user 5 bought 3, together with 9.
      expect(await graph().alsoBought(3, 10)).toEqual([{ productId: 9, score: 1 }]);
    });

    it('alsoBought is empty for a product nobody bought', async () => {
      expect(await graph().alsoBought(10, 10)).toEqual([]);
    });

    it('friendsLiked scores by distinct followed users, ties by productId', async () => {
      // User 1 follows 2, 3, 4: they like 5 (2, 3, 4), 2 (3, 4), 8 (2, 4). User 1's own like (10) and
      // user 5's (9) are not friends' likes.
      expect(await graph().friendsLiked(1, 10)).toEqual([
        { productId: 5, score: 3 },
        { productId: 2, score: 2 },
        { productId: 8, score: 2 },
      ]);
      expect(await graph().friendsLiked(1, 2)).toEqual([
        { productId: 5, score: 3 },
        { productId: 2, score: 2 },
      ]);
      expect(await graph().friendsLiked(5, 10)).toEqual([{ productId: 9, score: 1 }]);
      expect(await graph().friendsLiked(7, 10)).toEqual([]);
    });

    it("lists a user's purchase edges newest first", async () => {
      expect(await graph().recentPurchases(1, 10)).toEqual([
        { orderId: 'o5', productId: 2 },
        { orderId: 'o5', productId: 5 },
        { orderId: 'o5', productId: 8 },
        { orderId: 'o1', productId: 1 },
        { orderId: 'o1', productId: 5 },
      ]);
      expect(await graph().recentPurchases(1, 2)).toEqual([
        { orderId: 'o5', productId: 2 },
        { orderId: 'o5', productId: 5 },
      ]);
    });

    it('knows which orders it holds', async () => {
      expect(await graph().hasOrder('o3')).toBe(true);
      expect(await graph().hasOrder('no-such-order')).toBe(false);
    });

    visibleOrdersCases(graph, async () => ['o1', 'o3', 'o6']);

    it('records a purchase: visible in hasOrder, recentPurchases (ties by orderId desc) and alsoBought', async () => {
      // User 7 and products 6, 7 take part in no fixture order.
      const earlier = order(uniqueId('g-0'), 7, T0 + 1000, [line(7, 1)]);
      const a = order('g-a-' + uniqueId('x'), 7, T0 + 2000, [line(7, 1), line(6, 2)]);
      const b = order('g-b-' + uniqueId('x'), 7, T0 + 2000, [line(6, 1)]);
      for (const placed of [earlier, b, a]) await graph().recordPurchase(placed);

      for (const placed of [earlier, a, b]) expect(await graph().hasOrder(placed.id)).toBe(true);
      expect(await graph().recentPurchases(7, 10)).toEqual([
        { orderId: b.id, productId: 6 },
        { orderId: a.id, productId: 6 },
        { orderId: a.id, productId: 7 },
        { orderId: earlier.id, productId: 7 },
      ]);
      expect(await graph().alsoBought(6, 10)).toEqual([{ productId: 7, score: 1 }]);
    });

    it('recordPurchase is idempotent per order', async () => {
      // User 8 bought nothing before, so products 4 and 2 gain a buyer no other assertion counts.
      const placed = order(uniqueId('g-idem'), 8, T0, [line(4, 2), line(2, 1)]);
      await graph().recordPurchase(placed);
      await graph().recordPurchase(placed);
      const audit = await graph().auditOrders();
      expect(audit.filter((row) => row.orderId === placed.id)).toEqual([
        { orderId: placed.id, rows: 2, units: 3 },
      ]);
      expect((await graph().recentPurchases(8, 10)).filter((p) => p.orderId === placed.id)).toHaveLength(2);
    });

    it("removePurchase takes away that order's edges only, and again (or for an unknown order) changes nothing", async () => {
      // Product 10 is in no fixture order: once both orders are removed nobody has bought it again.
      const compensated = order(uniqueId('g-undo'), 8, T0 + 3000, [line(10, 2), line(4, 1)]);
      const kept = order(uniqueId('g-kept'), 8, T0 + 3000, [line(10, 1)]);
      await graph().recordPurchase(compensated);
      await graph().recordPurchase(kept);
      expect(await graph().alsoBought(10, 10)).toContainEqual({ productId: 4, score: 1 });

      await graph().removePurchase(compensated);
      await graph().removePurchase(compensated);
      await graph().removePurchase(order(uniqueId('g-never'), 8, T0, [line(10, 1)]));
      expect(await graph().hasOrder(compensated.id)).toBe(false);
      expect(await graph().hasOrder(kept.id)).toBe(true);
      const audit = await graph().auditOrders();
      expect(audit.filter((row) => row.orderId === compensated.id)).toEqual([]);
      expect(audit.filter((row) => row.orderId === kept.id)).toEqual([
        { orderId: kept.id, rows: 1, units: 1 },
      ]);
      const recent = await graph().recentPurchases(8, 20);
      expect(recent.filter((p) => p.orderId === compensated.id)).toEqual([]);
      expect(recent.filter((p) => p.orderId === kept.id)).toEqual([{ orderId: kept.id, productId: 10 }]);

      await graph().removePurchase(kept);
      expect(await graph().alsoBought(10, 10)).toEqual([]);
      expect(await graph().hasOrder(kept.id)).toBe(false);
    });

    it('audits one row per purchase edge of each order', async () => {
      const audit = await graph().auditOrders();
      expect(audit).toContainEqual({ orderId: 'o5', rows: 3, units: 5 });
      expect(audit).toContainEqual({ orderId: 'o2', rows: 3, units: 3 });
      expect(new Set(audit.map((row) => row.orderId)).size).toBe(audit.length);
    });
  });
}
