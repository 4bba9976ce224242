// The promises the micro operations make so that a long run measures the same store from start to end: the
// same arguments for every store, reads that keep reading the same carts, writes that stay bounded, stock that
// comes back. Each operation is called by hand, the way tinybench calls it (beforeEach, run, afterEach).
import { describe, expect, it } from 'vitest';
import { generateDataset } from '../../src/data/generate.js';
import { RING_SIZE, argumentPools, drawRing } from '../../src/micro/arguments.js';
import { inventoryPlan } from '../../src/micro/inventory-operations.js';
import type { MicroOperation, RolePlan } from '../../src/micro/operation.js';
import { sessionsPlan } from '../../src/micro/session-operations.js';
import { pgliteFactory } from '../../src/stores/pglite.js';
import { ttlcacheFactory } from '../../src/stores/ttlcache.js';
import { role } from '../contracts/fixture.js';
import { allHistoricalOrders } from '../../src/data/history.js';

const dataset = generateDataset(
  {
    users: 30,
    products: 40,
    categories: 3,
    followsPerUser: 2,
    likesPerUser: 2,
    historicalOrders: 50,
    historyDays: 5,
    stockPerProduct: 3,
    popularitySkew: 1,
  },
  5,
  Date.UTC(2024, 0, 1),
);
const pools = argumentPools(dataset);

async function callTimes(operation: MicroOperation, times: number): Promise<void> {
  for (let i = 0; i < times; i++) {
    await operation.beforeEach?.();
    await operation.run();
    await operation.afterEach?.();
  }
}

function operation(plan: RolePlan, name: string): MicroOperation {
  const found = plan.operations.find((op) => op.operation === name);
  if (!found) throw new Error(`no operation ${name}`);
  return found;
}

describe('argument rings', () => {
  const take = (ring: ReturnType<typeof drawRing<number>>, n: number) =>
    Array.from({ length: n }, () => ring!.take());

  it('draw the same sequence for the same operation on every store, another for another operation', () => {
    const a = take(drawRing(dataset, 'catalog.getProduct', pools.productIds), 50);
    expect(take(drawRing(dataset, 'catalog.getProduct', pools.productIds), 50)).toEqual(a);
    expect(take(drawRing(dataset, 'graph.alsoBought', pools.productIds), 50)).not.toEqual(a);
  });

  it('replay their draws in a cycle of RING_SIZE', () => {
    const all = take(drawRing(dataset, 'x', pools.productIds), 2 * RING_SIZE);
    expect(all.slice(RING_SIZE)).toEqual(all.slice(0, RING_SIZE));
  });

  it('draw products as they were bought: only products that appear in historical orders', () => {
    const bought = new Set(
      allHistoricalOrders(dataset.history).flatMap((order) => order.lines.map((line) => line.productId)),
    );
    expect(take(drawRing(dataset, 'y', pools.productIds), 200).every((id) => bought.has(id))).toBe(true);
  });

  it('are null when there is nothing to draw from', () => {
    expect(drawRing(dataset, 'z', [])).toBeNull();
  });
});

describe('sessions operations on the TTL cache', () => {
  it('keep the carts they read, bound the lines they write, and always clear a full cart', async () => {
    const store = await ttlcacheFactory.create();
    try {
      const sessions = role(store, 'sessions');
      const plan = sessionsPlan(sessions, dataset, pools);
      await plan.prepare?.();
      const readIds = Array.from({ length: 64 }, (_, i) => `micro-read-${i}`);
      const before = await Promise.all(readIds.map((id) => sessions.getCart(id)));
      expect(before.every((cart) => cart.length > 0)).toBe(true);

      const clears: number[] = [];
      const clear = operation(plan, 'clearCart');
      const watched: MicroOperation = {
        ...clear,
        // What clearCart is about to clear: the session the hook just filled.
        run: async () => {
          const filled = await Promise.all(
            Array.from({ length: 64 }, (_, i) => sessions.getCart(`micro-clear-${i}`)),
          );
          clears.push(filled.filter((cart) => cart.length > 0).length);
          return clear.run();
        },
      };
      for (const op of plan.operations)
        await callTimes(op === clear ? watched : op, op === clear ? 20 : 3000);

      expect(await Promise.all(readIds.map((id) => sessions.getCart(id)))).toEqual(before);
      expect(clears.every((full) => full === 1)).toBe(true);
      const writeLines = await Promise.all(
        Array.from({ length: 64 }, (_, i) => sessions.getCart(`micro-write-${i}`)),
      );
      expect(writeLines.flat().length).toBeLessThanOrEqual(RING_SIZE);
      expect(await sessions.getSession('micro-start-64')).toBeNull();
    } finally {
      await store.close();
    }
  });
});

describe('inventory operations on PGlite', () => {
  it('put back every unit they reserve and leave no outbox row, even on products with little stock', async () => {
    const store = await pgliteFactory.create();
    try {
      const inventory = role(store, 'inventory');
      await inventory.loadStock(dataset.stock);
      const plan = inventoryPlan(inventory, dataset, pools);
      expect(plan.operations.map((op) => op.operation)).toEqual(['getStock', 'reserve', 'release']);
      // More calls than any product has units: a leak would run out and make reserve throw.
      for (const op of plan.operations) await callTimes(op, 40);
      expect(await inventory.stockAudit()).toMatchObject({ negative: 0, unitsDecremented: 0 });
      expect(await inventory.pendingOutbox(10)).toEqual([]);
    } finally {
      await store.close();
    }
  }, 60_000);

  it('skips reserve and release when no product has stock', () => {
    const empty = { ...dataset, stock: dataset.stock.map((item) => ({ ...item, stock: 0 })) };
    const plan = inventoryPlan({} as never, empty, argumentPools(empty));
    expect(plan.operations.map((op) => op.operation)).toEqual(['getStock']);
    expect(plan.skipped.map((skip) => skip.operation)).toEqual(['reserve', 'release']);
  });
});
