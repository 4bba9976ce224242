// What "my orders" and reconciliation rely on from the orders role: documents back exactly as written,
// a user's orders newest first, and an audit of the copies held.
import { describe, expect, it } from 'vitest';
import type { StoreAdapter } from '../../src/stores/types.js';
import { FIXTURE, T0, fixtureOrder, inChunks, line, order, role, uniqueId, useStore } from './fixture.js';

export function describeOrdersContract(label: string, open: () => Promise<StoreAdapter>): void {
  describe(`orders contract — ${label}`, () => {
    const store = useStore(open, (adapter) => inChunks((chunk) => role(adapter, 'orders').loadOrders(chunk)));
    const orders = () => role(store(), 'orders');

    it("ordersOfUsers merges the users' orders newest first, at most limit in all", async () => {
      const ids = async (users: number[], limit: number) =>
        (await orders().ordersOfUsers(users, limit)).map((o) => o.id);
      expect(await ids([2, 3, 4], 10)).toEqual(['o4', 'o3', 'o2']);
      expect(await ids([5, 1], 2)).toEqual(['o5', 'o1']);
      expect(await orders().ordersOfUsers([1], 1)).toEqual([fixtureOrder('o5')]);
      expect(await ids([], 10)).toEqual([]);
      expect(await ids([8], 10)).toEqual([]);
    });

    it('returns every bulk-loaded order exactly as loaded, lines in their order', async () => {
      for (const expected of FIXTURE.orders) {
        expect(await orders().getOrder(expected.id)).toEqual(expected);
      }
    });

    it('round-trips an inserted order', async () => {
      const placed = order(uniqueId('ord'), 8, T0 + 90_000, [line(7, 2), line(3, 1, 999)]);
      await orders().insertOrder(placed);
      expect(await orders().getOrder(placed.id)).toEqual(placed);
    });

    it('answers null for an unknown order', async () => {
      expect(await orders().getOrder('no-such-order')).toBeNull();
    });

    it("lists a user's orders newest first, honouring the limit", async () => {
      expect((await orders().ordersOfUser(1, 10)).map((o) => o.id)).toEqual(['o5', 'o1']);
      expect(await orders().ordersOfUser(1, 1)).toEqual([fixtureOrder('o5')]);
      expect(await orders().ordersOfUser(6, 10)).toEqual([]);
    });

    it('breaks createdAt ties by id descending', async () => {
      const userId = 7;
      const older = order(uniqueId('tie-0'), userId, T0 - 1000, [line(1, 1)]);
      const a = order('tie-a-' + uniqueId('x'), userId, T0, [line(1, 1)]);
      const b = order('tie-b-' + uniqueId('x'), userId, T0, [line(2, 1)]);
      for (const placed of [older, b, a]) await orders().insertOrder(placed);
      const ids = (await orders().ordersOfUser(userId, 100)).map((o) => o.id);
      const mine = ids.filter((id) => [older.id, a.id, b.id].includes(id));
      expect(mine).toEqual([b.id, a.id, older.id]);
    });

    it('audits one row per order with its units', async () => {
      const placed = order(uniqueId('ord-audit'), 8, T0, [line(9, 2), line(10, 3)]);
      await orders().insertOrder(placed);
      const audit = await orders().auditOrders();
      expect(audit).toContainEqual({ orderId: 'o5', rows: 1, units: 5 });
      expect(audit).toContainEqual({ orderId: 'o6', rows: 1, units: 7 });
      expect(audit).toContainEqual({ orderId: placed.id, rows: 1, units: 5 });
      expect(new Set(audit.map((row) => row.orderId)).size).toBe(audit.length);
    });
  });
}
