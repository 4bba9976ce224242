// What the single-database baseline promises: one checkout call commits stock, order, purchase edges, sales
// lines and the emptied cart together — or, when stock is short, none of them.
import { describe, expect, it } from 'vitest';
import type { StockItem } from '../../src/domain.js';
import type { AtomicCheckout, AtomicCheckoutRequest, ReserveLine } from '../../src/roles.js';
import type { StoreAdapter } from '../../src/stores/types.js';
import { T0, loadFixture, role, uniqueId, useStore } from './fixture.js';

const ITEM = {
  shirt: { productId: 2001, priceCents: 1500, stock: 10 },
  socks: { productId: 2002, priceCents: 300, stock: 10 },
  plenty: { productId: 2003, priceCents: 100, stock: 10 },
  scarce: { productId: 2004, priceCents: 100, stock: 2 },
  contended: { productId: 2005, priceCents: 100, stock: 10 },
  noSession: { productId: 2006, priceCents: 100, stock: 10 },
} satisfies Record<string, StockItem>;

function reserveLine(item: StockItem, quantity: number, categoryId = 1): ReserveLine {
  return { productId: item.productId, categoryId, quantity };
}

function checkoutRequest(
  lines: ReserveLine[],
  sessionId: string | null,
  writeOutbox = false,
): AtomicCheckoutRequest {
  return { orderId: uniqueId('chk'), userId: 7, createdAt: T0, lines, writeOutbox, sessionId };
}

export function describeAtomicCheckoutContract(label: string, open: () => Promise<StoreAdapter>): void {
  describe(`atomic checkout contract — ${label}`, () => {
    const store = useStore(open, (adapter) => loadFixture(adapter, Object.values(ITEM)));
    const checkout = (): AtomicCheckout => {
      const atomic = store().atomicCheckout;
      if (!atomic) throw new Error(`store "${store().kind}" offers no atomic checkout`);
      return atomic;
    };
    const stockOf = async (item: StockItem) =>
      (await role(store(), 'inventory').getStock(item.productId))?.stock;
    const heldBy = async (orderId: string) => ({
      orders: (await role(store(), 'orders').getOrder(orderId)) !== null,
      graph: await role(store(), 'graph').hasOrder(orderId),
      analytics: await role(store(), 'analytics').hasOrder(orderId),
    });
    const cartWith = async (lines: ReserveLine[]) => {
      const sessionId = uniqueId('chk-session');
      await role(store(), 'sessions').startSession({ id: sessionId, userId: 7 }, 3600);
      for (const { productId, quantity } of lines) {
        await role(store(), 'sessions').addToCart(sessionId, { productId, quantity });
      }
      return sessionId;
    };

    it('commits stock, order, purchase edges, sales lines and the emptied cart in one call', async () => {
      const lines = [reserveLine(ITEM.socks, 3, 2), reserveLine(ITEM.shirt, 2, 1)];
      const sessionId = await cartWith(lines);
      const request = checkoutRequest(lines, sessionId);

      const result = await checkout().checkoutAtomic(request);
      const pricedLines = [
        { productId: 2002, categoryId: 2, quantity: 3, unitPriceCents: 300 },
        { productId: 2001, categoryId: 1, quantity: 2, unitPriceCents: 1500 },
      ];
      expect(result).toEqual({ ok: true, lines: pricedLines });
      expect(await role(store(), 'orders').getOrder(request.orderId)).toEqual({
        id: request.orderId,
        userId: 7,
        lines: pricedLines,
        totalCents: 3 * 300 + 2 * 1500,
        createdAt: T0,
      });
      expect(await heldBy(request.orderId)).toEqual({ orders: true, graph: true, analytics: true });
      expect(await stockOf(ITEM.socks)).toBe(7);
      expect(await stockOf(ITEM.shirt)).toBe(8);
      expect(await role(store(), 'sessions').getCart(sessionId)).toEqual([]);
      expect(await role(store(), 'sessions').getSession(sessionId)).not.toBeNull();
      const edges = await role(store(), 'graph').recentPurchases(7, 100);
      expect(edges.filter((edge) => edge.orderId === request.orderId)).toHaveLength(2);
      const sales = await role(store(), 'analytics').auditOrders();
      expect(sales).toContainEqual({ orderId: request.orderId, rows: 2, units: 5 });
    });

    it('leaves nothing anywhere when a line is out of stock', async () => {
      const lines = [reserveLine(ITEM.plenty, 1), reserveLine(ITEM.scarce, 5)];
      const sessionId = await cartWith(lines);
      const request = checkoutRequest(lines, sessionId, true);

      const result = await checkout().checkoutAtomic(request);
      expect(result).toEqual({ ok: false, reason: 'out-of-stock', productId: ITEM.scarce.productId });
      expect(await heldBy(request.orderId)).toEqual({ orders: false, graph: false, analytics: false });
      expect(await stockOf(ITEM.plenty)).toBe(10);
      expect(await stockOf(ITEM.scarce)).toBe(2);
      expect(await role(store(), 'sessions').getCart(sessionId)).toEqual([
        { productId: ITEM.plenty.productId, quantity: 1 },
        { productId: ITEM.scarce.productId, quantity: 5 },
      ]);
      const pending = await role(store(), 'inventory').pendingOutbox(10_000);
      expect(pending.map((row) => row.order.id)).not.toContain(request.orderId);
    });

    it('works without a session', async () => {
      const request = checkoutRequest([reserveLine(ITEM.noSession, 1)], null);
      expect((await checkout().checkoutAtomic(request)).ok).toBe(true);
      expect(await heldBy(request.orderId)).toEqual({ orders: true, graph: true, analytics: true });
    });

    it('never oversells under concurrency, and every accepted order is complete', async () => {
      const requests = Array.from({ length: 30 }, () =>
        checkoutRequest([reserveLine(ITEM.contended, 1)], null),
      );
      const results = await Promise.all(requests.map((request) => checkout().checkoutAtomic(request)));

      expect(results.filter((result) => result.ok)).toHaveLength(ITEM.contended.stock);
      expect(await stockOf(ITEM.contended)).toBe(0);
      for (const [index, request] of requests.entries()) {
        const held = results[index]?.ok === true;
        expect(await heldBy(request.orderId)).toEqual({ orders: held, graph: held, analytics: held });
      }
      expect((await role(store(), 'inventory').stockAudit()).negative).toBe(0);
    });
  });
}
