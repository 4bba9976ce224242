// Dual write (issue 5): the request writes every derived store in turn, so a slow store slows the shopper and
// shows as apply lag; a store failing part-way leaves the order placed but missing there, and reconciliation
// counts exactly that divergence.
import { beforeAll, describe, expect, it } from 'vitest';
import type { Order } from '../../src/domain.js';
import { nowUs } from '../../src/metrics/clock.js';
import { initHistograms } from '../../src/metrics/histogram.js';
import { LagRecorder } from '../../src/propagation/lag.js';
import { sleepUntilUs } from '../../src/propagation/sleep.js';
import { CommitLedger } from '../../src/propagation/ledger.js';
import { reconcile } from '../../src/propagation/reconcile.js';
import type { DerivedTarget } from '../../src/propagation/targets.js';
import { DualWriteFailed, dualWritePath, type CommitHooks } from '../../src/propagation/write-path.js';
import type { OrderAudit, RoleImpls, RoleName } from '../../src/roles.js';
import { visibleIn } from './visible-in.js';
import { NO_HISTORY } from '../../src/data/history.js';

const SLOW_MS = 60;

function fakeShop() {
  const calls: string[] = [];
  const orders = new Map<string, Order>();
  let stock = 10;
  const roles = {
    sessions: { clearCart: async () => void calls.push('sessions.clearCart') },
    inventory: {
      reserve: async (request: { orderId: string; writeOutbox: boolean; lines: { quantity: number }[] }) => {
        calls.push(`inventory.reserve(outbox=${request.writeOutbox})`);
        stock -= request.lines.reduce((sum, line) => sum + line.quantity, 0);
        return {
          ok: true,
          lines: request.lines.map((line) => ({ ...line, unitPriceCents: 100 })),
        };
      },
      release: async () => void calls.push('inventory.release'),
      stockAudit: async () => ({ products: 1, negative: 0, unitsDecremented: 10 - stock }),
    },
    orders: {
      insertOrder: async (order: Order) => {
        calls.push('orders.insertOrder');
        orders.set(order.id, order);
      },
      auditOrders: async (): Promise<OrderAudit[]> =>
        [...orders.values()].map((o) => ({ orderId: o.id, rows: 1, units: o.lines[0]!.quantity })),
    },
  };
  return { roles: roles as unknown as RoleImpls, calls };
}

function target(
  role: 'graph' | 'analytics',
  calls: string[],
  behaviour: { delayMs?: number; failOn?: string } = {},
) {
  const held = new Set<string>();
  const lag = new LagRecorder('inventory@fake', `${role}@fake`, 'dual-write', {
    intervalUs: 1000,
    timeoutUs: 5_000_000,
  });
  const derived: DerivedTarget = {
    role,
    lag,
    async apply(order) {
      calls.push(`${role}.apply`);
      // A store that takes at least this long (a plain timer can fire a millisecond early).
      if (behaviour.delayMs) await sleepUntilUs(nowUs() + behaviour.delayMs * 1000);
      if (order.id === behaviour.failOn) throw new Error(`${role} is down`);
      held.add(order.id);
    },
    async retract(order) {
      calls.push(`${role}.retract`);
      held.delete(order.id);
    },
    visibleOrders: visibleIn(held),
  };
  const audit = async (): Promise<OrderAudit[]> =>
    [...held].map((orderId) => ({ orderId, rows: 1, units: 1 }));
  return { derived, lag, audit };
}

const request = (orderId: string) => ({
  orderId,
  userId: 1,
  sessionId: 's1',
  createdAt: 0,
  lines: [{ productId: 1, categoryId: 1, quantity: 1 }],
});

function hooksInto(ledger: CommitLedger): CommitHooks {
  return {
    committed: (id, us) => ledger.committed(id, us),
    placed: (order) => ledger.placed(order),
    compensated: () => undefined,
  };
}

beforeAll(() => initHistograms());

describe('dual-write propagation', () => {
  it('writes inventory, the order, then each derived store in turn and the cart last, with no outbox row', async () => {
    const { roles, calls } = fakeShop();
    const graph = target('graph', calls);
    const analytics = target('analytics', calls);
    const path = dualWritePath(roles, [graph.derived, analytics.derived], hooksInto(new CommitLedger()));
    const result = await path.checkout(request('o1'));
    expect(result.ok).toBe(true);
    expect(path.mechanism).toBe('dual-write');
    expect(calls).toEqual([
      'inventory.reserve(outbox=false)',
      'orders.insertOrder',
      'graph.apply',
      'analytics.apply',
      'sessions.clearCart',
    ]);
  });

  it('never reaches a derived store when the order write fails: the stock goes back, nothing to retract', async () => {
    const { roles, calls } = fakeShop();
    roles.orders.insertOrder = async () => {
      calls.push('orders.insertOrder');
      throw new Error('orders is down');
    };
    const graph = target('graph', calls);
    const path = dualWritePath(roles, [graph.derived], hooksInto(new CommitLedger()));
    await expect(path.checkout(request('o1'))).rejects.toThrow(/order write failed \(stock released\)/);
    expect(calls).toEqual(['inventory.reserve(outbox=false)', 'orders.insertOrder', 'inventory.release']);
    expect(await graph.audit()).toEqual([]);
  });

  it('makes the shopper wait for a slow derived store, and reports it as apply lag', async () => {
    const { roles, calls } = fakeShop();
    const graph = target('graph', calls, { delayMs: SLOW_MS });
    const path = dualWritePath(roles, [graph.derived], hooksInto(new CommitLedger()));
    const started = nowUs();
    await path.checkout(request('o1'));
    expect(nowUs() - started).toBeGreaterThanOrEqual(SLOW_MS * 1000);
    const stats = graph.lag.stats();
    expect(stats.apply!.count).toBe(1);
    expect(stats.apply!.min).toBeGreaterThanOrEqual(SLOW_MS * 1000 * 0.999); // HDR: 3 significant digits
    graph.lag.destroy();
  });

  it('fails the request when a derived write fails, leaving the order placed and that store missing it', async () => {
    const { roles, calls } = fakeShop();
    const graph = target('graph', calls);
    const analytics = target('analytics', calls, { failOn: 'o2' });
    const ledger = new CommitLedger();
    const path = dualWritePath(roles, [graph.derived, analytics.derived], hooksInto(ledger));
    await path.checkout(request('o1'));
    calls.length = 0;
    await expect(path.checkout(request('o2'))).rejects.toThrow(DualWriteFailed);
    // No compensation and no cart clearing: the naive pattern just stops.
    expect(calls).toEqual([
      'inventory.reserve(outbox=false)',
      'orders.insertOrder',
      'graph.apply',
      'analytics.apply',
    ]);
    expect([...ledger.placedOrdersById().keys()]).toEqual(['o1', 'o2']);

    const invariants = await reconcile({
      roles: {
        ...roles,
        graph: { auditOrders: graph.audit },
        analytics: { auditOrders: analytics.audit },
      } as unknown as RoleImpls,
      storeOf: { orders: 'docs', graph: 'g', analytics: 'a' } as Record<RoleName, string>,
      placed: ledger.placedOrdersById(),
      historical: NO_HISTORY,
      drain: { drained: true, ms: 0 },
    });
    const missing = Object.fromEntries(invariants.stores.map((s) => [s.role, s.missing]));
    expect(missing).toEqual({ orders: 0, graph: 0, analytics: 1 });
    expect(invariants.unitsSold).toBe(invariants.unitsDecremented);
    expect(invariants.ok).toBe(false);
  });
});
