// What dashboards rely on from the analytics role, with answers worked out by hand from the fixture:
// revenue from line prices, since-bounds that really exclude old orders, distinct orders, documented tie-breaks.
import { describe, expect, it } from 'vitest';
import type { StoreAdapter } from '../../src/stores/types.js';
import {
  BEFORE_FIXTURE,
  CATEGORY,
  FIXTURE,
  SINCE_ALL_FIXTURE,
  SINCE_RECENT,
  inChunks,
  line,
  order,
  role,
  eventually,
  uniqueId,
  useStore,
} from './fixture.js';
import { visibleOrdersCases } from './visible-orders.contract.js';

export function describeAnalyticsContract(label: string, open: () => Promise<StoreAdapter>): void {
  describe(`analytics contract — ${label}`, () => {
    const store = useStore(open, (adapter) =>
      inChunks((chunk) => role(adapter, 'analytics').loadSales(chunk)),
    );
    const analytics = () => role(store(), 'analytics');

    it("revenueByOrder sums each order's lines since a bound, by orderId", async () => {
      const recent = [
        { orderId: 'o1', revenueCents: 11_500 },
        { orderId: 'o2', revenueCents: 10_500 },
        { orderId: 'o3', revenueCents: 7_000 },
        { orderId: 'o4', revenueCents: 3_200 },
        { orderId: 'o5', revenueCents: 19_000 },
      ];
      await eventually(async () => expect(await analytics().revenueByOrder(SINCE_RECENT)).toEqual(recent));
      expect(await analytics().revenueByOrder(SINCE_ALL_FIXTURE)).toEqual([
        ...recent,
        { orderId: 'o6', revenueCents: 8_000 },
      ]);
    });

    it('ranks products by units since a bound that excludes the old order, ties by productId', async () => {
      // o1–o5: product 1 sells 1+1+2+1 = 5 units (four at 1500, one discounted to 1200), product 8 sells
      // 1+1+3 = 5 at 4000, product 5 sells 2+1+1 = 4 at 5000, product 2 sells 2 at 2000. o6 (6 × product 3)
      // is older than the bound and would otherwise lead.
      expect(await analytics().topProducts(SINCE_RECENT, 10)).toEqual([
        { productId: 1, units: 5, revenueCents: 7200 },
        { productId: 8, units: 5, revenueCents: 20000 },
        { productId: 5, units: 4, revenueCents: 20000 },
        { productId: 2, units: 2, revenueCents: 4000 },
      ]);
      expect(await analytics().topProducts(SINCE_RECENT, 2)).toEqual([
        { productId: 1, units: 5, revenueCents: 7200 },
        { productId: 8, units: 5, revenueCents: 20000 },
      ]);
    });

    it('includes the old order once the bound reaches back to it', async () => {
      expect(await analytics().topProducts(SINCE_ALL_FIXTURE, 1)).toEqual([
        { productId: 3, units: 6, revenueCents: 6000 },
      ]);
    });

    it('sums revenue and distinct orders per category, ties by categoryId', async () => {
      // Books: 7200 + 4000 over o1–o5 (o4 holds two books: one order). Shoes (product 5) and kitchen
      // (product 8) both make 20000 in three orders: the tie goes to shoes, the lower id.
      expect(await analytics().revenueByCategory(SINCE_RECENT)).toEqual([
        { categoryId: CATEGORY.shoes, revenueCents: 20000, orders: 3 },
        { categoryId: CATEGORY.kitchen, revenueCents: 20000, orders: 3 },
        { categoryId: CATEGORY.books, revenueCents: 11200, orders: 5 },
      ]);
      // o6 adds 6000 to books and 2000 to kitchen, one order each.
      expect(await analytics().revenueByCategory(SINCE_ALL_FIXTURE)).toEqual([
        { categoryId: CATEGORY.kitchen, revenueCents: 22000, orders: 4 },
        { categoryId: CATEGORY.shoes, revenueCents: 20000, orders: 3 },
        { categoryId: CATEGORY.books, revenueCents: 17200, orders: 6 },
      ]);
    });

    it('answers empty for a bound after every order', async () => {
      const future = Math.max(...FIXTURE.orders.map((o) => o.createdAt)) + 1;
      expect(await analytics().topProducts(future, 10)).toEqual([]);
      expect(await analytics().revenueByCategory(future)).toEqual([]);
    });

    it('records an order: it counts in the aggregates and hasOrder finds it', async () => {
      // Dated before every fixture bound, and product 6 appears in no fixture order.
      const placed = order(uniqueId('a-rec'), 7, BEFORE_FIXTURE, [line(6, 3)]);
      await analytics().recordOrder(placed);
      await eventually(async () => {
        expect(await analytics().hasOrder(placed.id)).toBe(true);
        const top = await analytics().topProducts(BEFORE_FIXTURE, 100);
        expect(top.find((row) => row.productId === 6)).toEqual({
          productId: 6,
          units: 3,
          revenueCents: 18000,
        });
      });
    });

    it('recordOrder is idempotent per order', async () => {
      const placed = order(uniqueId('a-idem'), 8, BEFORE_FIXTURE, [line(7, 2)]);
      await analytics().recordOrder(placed);
      await analytics().recordOrder(placed);
      const audit = await analytics().auditOrders();
      expect(audit.filter((row) => row.orderId === placed.id)).toEqual([
        { orderId: placed.id, rows: 1, units: 2 },
      ]);
      const top = await analytics().topProducts(BEFORE_FIXTURE, 100);
      expect(top.find((row) => row.productId === 7)).toEqual({ productId: 7, units: 2, revenueCents: 8000 });
    });

    it("removeOrder takes away that order's lines only, and again (or for an unknown order) changes nothing", async () => {
      // Product 10 is in no fixture order: the two orders below are all it ever sells.
      const compensated = order(uniqueId('a-undo'), 8, BEFORE_FIXTURE, [line(10, 2), line(4, 1)]);
      const kept = order(uniqueId('a-kept'), 8, BEFORE_FIXTURE, [line(10, 1)]);
      await analytics().recordOrder(compensated);
      await analytics().recordOrder(kept);
      const unitsOf10 = async () =>
        (await analytics().topProducts(BEFORE_FIXTURE, 100)).find((row) => row.productId === 10)?.units;
      await eventually(async () => expect(await unitsOf10()).toBe(3));

      await analytics().removeOrder(compensated);
      await analytics().removeOrder(compensated);
      await analytics().removeOrder(order(uniqueId('a-never'), 8, BEFORE_FIXTURE, [line(10, 1)]));
      const audit = await analytics().auditOrders();
      expect(audit.filter((row) => row.orderId === compensated.id)).toEqual([]);
      expect(audit.filter((row) => row.orderId === kept.id)).toEqual([
        { orderId: kept.id, rows: 1, units: 1 },
      ]);
      await eventually(async () => {
        expect(await analytics().hasOrder(compensated.id)).toBe(false);
        expect(await unitsOf10()).toBe(1);
        const revenue = await analytics().revenueByOrder(BEFORE_FIXTURE);
        expect(revenue.map((row) => row.orderId)).not.toContain(compensated.id);
        expect(revenue.map((row) => row.orderId)).toContain(kept.id);
      });

      await analytics().removeOrder(kept);
      await eventually(async () => expect(await unitsOf10()).toBeUndefined());
    });

    it('knows which orders it holds', async () => {
      expect(await analytics().hasOrder('o6')).toBe(true);
      expect(await analytics().hasOrder('no-such-order')).toBe(false);
    });

    visibleOrdersCases(analytics, async () => ['o2', 'o6']);

    it('audits one row per order line', async () => {
      const audit = await analytics().auditOrders();
      expect(audit).toContainEqual({ orderId: 'o5', rows: 3, units: 5 });
      expect(audit).toContainEqual({ orderId: 'o4', rows: 2, units: 2 });
      expect(new Set(audit.map((row) => row.orderId)).size).toBe(audit.length);
    });
  });
}
