import { describe, expect, it } from 'vitest';
import type { Order } from '../../src/domain.js';
import { compareAudit, reconcile } from '../../src/propagation/reconcile.js';
import type { OrderAudit, RoleImpls, RoleName } from '../../src/roles.js';
import { NO_HISTORY, fixedHistory } from '../../src/data/history.js';

const order = (id: string, quantities: number[]): Order => ({
  id,
  userId: 1,
  createdAt: 0,
  totalCents: 0,
  lines: quantities.map((quantity, i) => ({
    productId: i + 1,
    categoryId: 1,
    quantity,
    unitPriceCents: 100,
  })),
});

const expected = new Map<string, Order>([
  ['ok', order('ok', [1, 2])],
  ['gone', order('gone', [1])],
  ['twice', order('twice', [3])],
  ['short', order('short', [1, 1])],
]);

describe('reconciliation of a derived store', () => {
  it('finds planted missing, duplicate, divergent and unexpected orders', () => {
    const audit: OrderAudit[] = [
      { orderId: 'ok', rows: 2, units: 3 },
      { orderId: 'twice', rows: 2, units: 6 },
      { orderId: 'short', rows: 1, units: 1 },
      { orderId: 'phantom', rows: 1, units: 1 },
    ];
    expect(compareAudit('graph', 'kuzu', audit, expected)).toEqual({
      role: 'graph',
      store: 'kuzu',
      expected: 4,
      missing: 1,
      duplicate: 1,
      divergent: 1,
      unexpected: 1,
    });
  });

  it('checks the history without holding it: missing, duplicate and unknown "h-" rows are counted', () => {
    const history = fixedHistory([order('h-1', [1]), order('h-2', [2]), order('h-3', [1, 1])]);
    const audit: OrderAudit[] = [
      { orderId: 'h-1', rows: 1, units: 1 },
      { orderId: 'h-3', rows: 2, units: 2 },
      { orderId: 'h-3x', rows: 1, units: 1 },
      { orderId: 'h-4', rows: 1, units: 1 },
      { orderId: 'ok', rows: 2, units: 3 },
    ];
    const placed = new Map([['ok', expected.get('ok')!]]);
    expect(compareAudit('analytics', 'duckdb', audit, placed, history)).toEqual({
      role: 'analytics',
      store: 'duckdb',
      expected: 4,
      missing: 1,
      duplicate: 0,
      divergent: 0,
      unexpected: 2,
    });
  });

  it('expects one document per order in the orders store', () => {
    const audit: OrderAudit[] = [...expected.values()].map((o) => ({
      orderId: o.id,
      rows: 1,
      units: o.lines.reduce((s, l) => s + l.quantity, 0),
    }));
    const result = compareAudit('orders', 'docstore', audit, expected);
    expect(result.missing + result.duplicate + result.divergent + result.unexpected).toBe(0);
  });

  it('fails the invariants when stock went negative or units sold differ from units decremented', async () => {
    const acknowledged = new Map([['a', order('a', [2])]]);
    const audits = [{ orderId: 'a', rows: 1, units: 2 }];
    const roles = {
      inventory: { stockAudit: async () => ({ products: 3, negative: 1, unitsDecremented: 3 }) },
      orders: { auditOrders: async () => audits },
      graph: { auditOrders: async () => audits },
      analytics: { auditOrders: async () => audits },
    } as unknown as RoleImpls;
    const storeOf = { orders: 'o', graph: 'g', analytics: 'a', inventory: 'i' } as Record<RoleName, string>;
    const result = await reconcile({
      roles,
      storeOf,
      placed: acknowledged,
      historical: NO_HISTORY,
      drain: { drained: true, ms: 1 },
    });
    expect(result.stockNegative).toBe(1);
    expect(result.unitsSold).toBe(2);
    expect(result.unitsDecremented).toBe(3);
    expect(result.ok).toBe(false);
  });

  it('fails the invariants while a timed-out checkout write never answered, however clean the stores look', async () => {
    const placed = new Map([['a', order('a', [2])]]);
    const audits = [{ orderId: 'a', rows: 1, units: 2 }];
    const roles = {
      inventory: { stockAudit: async () => ({ products: 3, negative: 0, unitsDecremented: 2 }) },
      orders: { auditOrders: async () => audits },
      graph: { auditOrders: async () => audits },
      analytics: { auditOrders: async () => audits },
    } as unknown as RoleImpls;
    const storeOf = { orders: 'o', graph: 'g', analytics: 'a', inventory: 'i' } as Record<RoleName, string>;
    const input = { roles, storeOf, placed, historical: NO_HISTORY, drain: { drained: true, ms: 1 } };
    const settled = await reconcile(input);
    expect(settled.ok).toBe(true);
    expect(settled).not.toHaveProperty('unresolvedWrites');
    const unknown = await reconcile({ ...input, unresolvedWrites: 2 });
    expect(unknown.unresolvedWrites).toBe(2);
    expect(unknown.ok).toBe(false);
  });
});
