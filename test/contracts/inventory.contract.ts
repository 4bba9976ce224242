// What checkout relies on from the inventory role: lines priced from the stock table, all or nothing, never
// oversold under concurrency; compensation that puts units back; an outbox written in the same transaction.
import { describe, expect, it } from 'vitest';
import type { StockItem } from '../../src/domain.js';
import type { ReserveLine, ReserveRequest } from '../../src/roles.js';
import type { StoreAdapter } from '../../src/stores/types.js';
import { FIXTURE, T0, role, uniqueId, useStore } from './fixture.js';

// One product (or pair) per test, so no test sees another's decrements.
const ITEM = {
  pricedA: { productId: 1001, priceCents: 700, stock: 10 },
  pricedB: { productId: 1002, priceCents: 300, stock: 10 },
  plenty: { productId: 1003, priceCents: 100, stock: 5 },
  scarce: { productId: 1004, priceCents: 100, stock: 1 },
  beforeUnknown: { productId: 1005, priceCents: 100, stock: 10 },
  contended: { productId: 1006, priceCents: 100, stock: 20 },
  crossedA: { productId: 1007, priceCents: 100, stock: 1000 },
  crossedB: { productId: 1008, priceCents: 100, stock: 1000 },
  released: { productId: 1009, priceCents: 100, stock: 10 },
  outboxed: { productId: 1010, priceCents: 250, stock: 50 },
  audited: { productId: 1011, priceCents: 100, stock: 10 },
  noOutbox: { productId: 1012, priceCents: 100, stock: 10 },
} satisfies Record<string, StockItem>;
const EXTRA_STOCK: StockItem[] = Object.values(ITEM);
const UNKNOWN_PRODUCT = 999_999;

function reserveLine(item: StockItem, quantity: number, categoryId = 1): ReserveLine {
  return { productId: item.productId, categoryId, quantity };
}

function request(lines: ReserveLine[], writeOutbox = false): ReserveRequest {
  return { orderId: uniqueId('inv'), userId: 7, createdAt: T0, lines, writeOutbox };
}

export function describeInventoryContract(label: string, open: () => Promise<StoreAdapter>): void {
  describe(`inventory contract — ${label}`, () => {
    const store = useStore(open, (adapter) =>
      role(adapter, 'inventory').loadStock([...FIXTURE.stock, ...EXTRA_STOCK]),
    );
    const inventory = () => role(store(), 'inventory');
    const stockOf = async (item: StockItem) => (await inventory().getStock(item.productId))?.stock;
    it('getStocks reads price and stock of the named products ordered by id, leaving unknown ids out', async () => {
      const stocks = await inventory().getStocks([8, 1, 424242]);
      expect(stocks.map((s) => [s.productId, s.priceCents])).toEqual([
        [1, 1500],
        [8, 4000],
      ]);
      for (const item of stocks) expect(item).toEqual(await inventory().getStock(item.productId));
      expect(await inventory().getStocks([])).toEqual([]);
    });

    const pendingIds = async () => (await inventory().pendingOutbox(10_000)).map((row) => row.order.id);

    it('reads a stock row back as loaded, and null for an unknown product', async () => {
      expect(await inventory().getStock(5)).toEqual({ productId: 5, priceCents: 5000, stock: 100 });
      expect(await inventory().getStock(UNKNOWN_PRODUCT)).toBeNull();
    });

    it('prices lines from the stock table, in request order, and decrements stock', async () => {
      const result = await inventory().reserve(
        request([reserveLine(ITEM.pricedB, 2, 3), reserveLine(ITEM.pricedA, 1, 2)]),
      );
      expect(result).toEqual({
        ok: true,
        lines: [
          { productId: 1002, categoryId: 3, quantity: 2, unitPriceCents: 300 },
          { productId: 1001, categoryId: 2, quantity: 1, unitPriceCents: 700 },
        ],
      });
      expect(await stockOf(ITEM.pricedB)).toBe(8);
      expect(await stockOf(ITEM.pricedA)).toBe(9);
    });

    it('reserves nothing when one line is short (all or nothing)', async () => {
      const result = await inventory().reserve(
        request([reserveLine(ITEM.plenty, 2), reserveLine(ITEM.scarce, 3)]),
      );
      expect(result).toEqual({ ok: false, reason: 'out-of-stock', productId: ITEM.scarce.productId });
      expect(await stockOf(ITEM.plenty)).toBe(5);
      expect(await stockOf(ITEM.scarce)).toBe(1);
    });

    it('reports an unknown product and reserves nothing', async () => {
      const result = await inventory().reserve(
        request([
          reserveLine(ITEM.beforeUnknown, 1),
          { productId: UNKNOWN_PRODUCT, categoryId: 1, quantity: 1 },
        ]),
      );
      expect(result).toEqual({ ok: false, reason: 'unknown-product', productId: UNKNOWN_PRODUCT });
      expect(await stockOf(ITEM.beforeUnknown)).toBe(10);
    });

    it('never oversells: 50 concurrent single-unit reservations of 20 units, exactly 20 succeed', async () => {
      const results = await Promise.all(
        Array.from({ length: 50 }, () => inventory().reserve(request([reserveLine(ITEM.contended, 1)]))),
      );
      const succeeded = results.filter((result) => result.ok);
      const refused = results.filter((result) => !result.ok);
      expect(succeeded).toHaveLength(20);
      expect(refused).toHaveLength(30);
      for (const result of refused) {
        expect(result).toEqual({ ok: false, reason: 'out-of-stock', productId: ITEM.contended.productId });
      }
      expect(await stockOf(ITEM.contended)).toBe(0);
      expect((await inventory().stockAudit()).negative).toBe(0);
    });

    it('survives concurrent reservations that name two products in opposite orders', async () => {
      const results = await Promise.all(
        Array.from({ length: 40 }, (_, index) => {
          const lines =
            index % 2 === 0
              ? [reserveLine(ITEM.crossedA, 1), reserveLine(ITEM.crossedB, 1)]
              : [reserveLine(ITEM.crossedB, 1), reserveLine(ITEM.crossedA, 1)];
          return inventory().reserve(request(lines));
        }),
      );
      expect(results.every((result) => result.ok)).toBe(true);
      expect(await stockOf(ITEM.crossedA)).toBe(960);
      expect(await stockOf(ITEM.crossedB)).toBe(960);
    });

    const rowsOf = async (orderId: string) =>
      (await inventory().pendingOutbox(10_000)).filter((row) => row.order.id === orderId);

    it("release puts the units back, drops the order's unapplied purchase row and retracts it", async () => {
      const reserve = request([reserveLine(ITEM.released, 4)], true);
      expect((await inventory().reserve(reserve)).ok).toBe(true);
      expect(await stockOf(ITEM.released)).toBe(6);
      const [purchase] = await rowsOf(reserve.orderId);
      expect(purchase?.kind).toBe('purchase');

      await inventory().release(reserve.orderId, [{ productId: ITEM.released.productId, quantity: 4 }]);
      expect(await stockOf(ITEM.released)).toBe(10);
      // The purchase may already be on its way (a relay read it, or the change feed streamed it): the
      // retraction, carrying the same priced order, follows it.
      const rows = await rowsOf(reserve.orderId);
      expect(rows.map((row) => row.kind)).toEqual(['retraction']);
      expect(rows[0]?.order).toEqual(purchase?.order);
      expect(rows[0]!.seq).toBeGreaterThan(purchase!.seq);
    });

    it('release retracts a purchase the relay already applied', async () => {
      const reserve = request([reserveLine(ITEM.released, 2)], true);
      expect((await inventory().reserve(reserve)).ok).toBe(true);
      const [purchase] = await rowsOf(reserve.orderId);
      await inventory().markOutboxApplied([purchase!.seq]);

      await inventory().release(reserve.orderId, [{ productId: ITEM.released.productId, quantity: 2 }]);
      expect(await stockOf(ITEM.released)).toBe(10);
      expect((await rowsOf(reserve.orderId)).map((row) => [row.kind, row.order])).toEqual([
        ['retraction', purchase!.order],
      ]);
    });

    it('release writes no retraction for an order that had no outbox row', async () => {
      const reserve = request([reserveLine(ITEM.noOutbox, 1)], false);
      expect((await inventory().reserve(reserve)).ok).toBe(true);
      await inventory().release(reserve.orderId, [{ productId: ITEM.noOutbox.productId, quantity: 1 }]);
      expect(await rowsOf(reserve.orderId)).toEqual([]);
    });

    it('writes the priced order to the outbox when asked, oldest first by seq', async () => {
      const first = request([reserveLine(ITEM.outboxed, 2, 2)], true);
      const second = request([reserveLine(ITEM.outboxed, 1, 2)], true);
      expect((await inventory().reserve(first)).ok).toBe(true);
      expect((await inventory().reserve(second)).ok).toBe(true);

      const pending = await inventory().pendingOutbox(10_000);
      const seqs = pending.map((row) => row.seq);
      expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
      const mine = pending.filter((row) => row.order.id === first.orderId || row.order.id === second.orderId);
      expect(mine.map((row) => row.order.id)).toEqual([first.orderId, second.orderId]);
      expect(mine[0]?.order).toEqual({
        id: first.orderId,
        userId: 7,
        createdAt: T0,
        lines: [{ productId: ITEM.outboxed.productId, categoryId: 2, quantity: 2, unitPriceCents: 250 }],
        totalCents: 500,
      });
    });

    it('honours the pendingOutbox limit', async () => {
      for (let i = 0; i < 3; i += 1) {
        expect((await inventory().reserve(request([reserveLine(ITEM.outboxed, 1)], true))).ok).toBe(true);
      }
      expect(await inventory().pendingOutbox(2)).toHaveLength(2);
    });

    it('writes no outbox row when not asked', async () => {
      const reserve = request([reserveLine(ITEM.noOutbox, 1)], false);
      expect((await inventory().reserve(reserve)).ok).toBe(true);
      expect(await pendingIds()).not.toContain(reserve.orderId);
    });

    it('markOutboxApplied removes rows from the pending list', async () => {
      const reserve = request([reserveLine(ITEM.outboxed, 1)], true);
      expect((await inventory().reserve(reserve)).ok).toBe(true);
      const row = (await inventory().pendingOutbox(10_000)).find((r) => r.order.id === reserve.orderId);
      expect(row).toBeDefined();
      await inventory().markOutboxApplied([row?.seq ?? -1]);
      expect(await pendingIds()).not.toContain(reserve.orderId);
    });

    it('audits stock: product count, nothing negative, units decremented since load', async () => {
      const loaded = [...FIXTURE.stock, ...EXTRA_STOCK];
      const before = await inventory().stockAudit();
      expect(before.products).toBe(loaded.length);
      expect(before.negative).toBe(0);
      let decremented = 0;
      for (const item of loaded) decremented += item.stock - ((await stockOf(item)) ?? item.stock);
      expect(before.unitsDecremented).toBe(decremented);

      expect((await inventory().reserve(request([reserveLine(ITEM.audited, 3)]))).ok).toBe(true);
      const after = await inventory().stockAudit();
      expect(after.unitsDecremented - before.unitsDecremented).toBe(3);

      await inventory().release('never-reserved', [{ productId: ITEM.audited.productId, quantity: 3 }]);
      expect((await inventory().stockAudit()).unitsDecremented).toBe(before.unitsDecremented);
    });
  });
}
