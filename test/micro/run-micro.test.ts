// runMicro over every embedded engine with a tiny dataset and a token time budget: what the table will hold
// (each served operation once per store, real numbers), never how fast anything is.
import { beforeAll, describe, expect, it } from 'vitest';
import { generateDataset } from '../../src/data/generate.js';
import type { Dataset } from '../../src/domain.js';
import { runMicro } from '../../src/micro/run-micro.js';
import type { MicroResult, MicroRow } from '../../src/micro/types.js';
import type { RoleName } from '../../src/roles.js';
import type { DataSpec } from '../../src/scenario/types.js';

const TINY: DataSpec = {
  users: 40,
  products: 60,
  categories: 4,
  followsPerUser: 3,
  likesPerUser: 3,
  historicalOrders: 80,
  historyDays: 10,
  stockPerProduct: 20,
  popularitySkew: 1,
};
const dataset: Dataset = generateDataset(TINY, 11, Date.UTC(2024, 5, 1));
const BUDGET = { timeMs: 5, warmupMs: 0 };

/** Every operation micro measures, per role: the contract the table's rows follow. */
const OPERATIONS: Record<RoleName, string[]> = {
  sessions: ['startSession', 'getSession', 'getCart', 'addToCart', 'clearCart'],
  catalog: ['getProduct', 'listCategory'],
  inventory: ['getStock', 'reserve', 'release'],
  orders: ['getOrder', 'ordersOfUser'],
  graph: ['alsoBought', 'friendsLiked', 'recentPurchases', 'hasOrder'],
  analytics: ['topProducts', 'revenueByCategory', 'hasOrder'],
  search: ['search', 'topCategories', 'hasOrder'],
};
const ALL_ROLES = Object.keys(OPERATIONS) as RoleName[];

const SERVED: Record<string, RoleName[]> = {
  pglite: ALL_ROLES,
  ttlcache: ['sessions'],
  docstore: ['catalog', 'orders'],
  duckdb: ['analytics'],
  kuzu: ['graph'],
};

function operationsOf(roles: RoleName[]): string[] {
  return roles.flatMap((role) => OPERATIONS[role].map((operation) => `${role}.${operation}`)).sort();
}

function keysOf(rows: MicroRow[], store: string): string[] {
  return rows
    .filter((row) => row.store === store)
    .map((row) => `${row.role}.${row.operation}`)
    .sort();
}

describe('runMicro over the embedded stores', () => {
  let result: MicroResult;
  const started: string[] = [];

  beforeAll(async () => {
    result = await runMicro({
      stores: Object.keys(SERVED).map((kind) => ({ name: `my-${kind}`, kind })),
      dataset,
      ...BUDGET,
      onStore: (name) => started.push(name),
    });
  }, 120_000);

  it('measures the stores in the order given, announcing each', () => {
    const names = Object.keys(SERVED).map((kind) => `my-${kind}`);
    expect(started).toEqual(names);
    expect(result.stores.map((store) => store.name)).toEqual(names);
    expect(result.interrupted).toBe(false);
    expect(result.skipped).toEqual([]);
  });

  it.each(Object.entries(SERVED))(
    'has every operation %s serves exactly once, and nothing else',
    (kind, roles) => {
      expect(keysOf(result.rows, `my-${kind}`)).toEqual(operationsOf(roles));
      expect(result.stores.find((store) => store.name === `my-${kind}`)?.roles.sort()).toEqual(
        [...roles].sort(),
      );
    },
  );

  it('labels each row with its own store, never another', () => {
    for (const store of result.stores) {
      const rows = result.rows.filter((row) => row.store === store.name);
      expect(new Set(rows.map((row) => row.kind))).toEqual(new Set([store.kind]));
      expect(new Set(rows.map((row) => `${row.engine} ${row.version}`))).toEqual(
        new Set([`${store.engine} ${store.version}`]),
      );
    }
    expect(result.rows.find((row) => row.kind === 'ttlcache' && row.role !== 'sessions')).toBeUndefined();
  });

  it('reports samples and finite, positive statistics for every row', () => {
    for (const row of result.rows) {
      const where = `${row.store} ${row.role}.${row.operation}`;
      expect(row.samples, where).toBeGreaterThan(1);
      for (const value of [row.meanUs, row.p99Us, row.opsPerSec]) {
        expect(Number.isFinite(value) && value > 0, where).toBe(true);
      }
      expect(Number.isFinite(row.marginPct) && row.marginPct >= 0, where).toBe(true);
      expect(row.opsPerSec).toBeCloseTo(1e6 / row.meanUs, 6);
    }
  });

  it('serialises to JSON and back unchanged (plain data)', () => {
    expect(JSON.parse(JSON.stringify(result))).toEqual(result);
  });
});

describe('runMicro edge cases', () => {
  it('keeps two stores of one kind apart, each with its own full set of rows', async () => {
    const result = await runMicro({
      stores: [
        { name: 'left', kind: 'ttlcache' },
        { name: 'right', kind: 'ttlcache' },
      ],
      dataset,
      ...BUDGET,
    });
    expect(keysOf(result.rows, 'left')).toEqual(operationsOf(['sessions']));
    expect(keysOf(result.rows, 'right')).toEqual(operationsOf(['sessions']));
  });

  it('skips, and says why, the operations a dataset without orders gives nothing to ask', async () => {
    const noOrders = generateDataset({ ...TINY, historicalOrders: 0 }, 11, Date.UTC(2024, 5, 1));
    const result = await runMicro({
      stores: [{ name: 'docs', kind: 'docstore' }],
      dataset: noOrders,
      ...BUDGET,
    });
    expect(keysOf(result.rows, 'docs')).toEqual(['catalog.getProduct', 'catalog.listCategory']);
    expect(result.skipped).toEqual([
      {
        store: 'docs',
        role: 'orders',
        operation: 'getOrder',
        reason: 'the dataset has no historical orders',
      },
      {
        store: 'docs',
        role: 'orders',
        operation: 'ordersOfUser',
        reason: 'the dataset has no historical orders',
      },
    ]);
  });

  it('stops at the signal and keeps what it measured before', async () => {
    const controller = new AbortController();
    const result = await runMicro({
      stores: [
        { name: 'first', kind: 'ttlcache' },
        { name: 'second', kind: 'docstore' },
        { name: 'third', kind: 'ttlcache' },
      ],
      dataset,
      ...BUDGET,
      signal: controller.signal,
      onStore: (name) => {
        if (name === 'second') controller.abort();
      },
    });
    expect(result.interrupted).toBe(true);
    expect(keysOf(result.rows, 'first')).toEqual(operationsOf(['sessions']));
    expect(result.rows.filter((row) => row.store !== 'first')).toEqual([]);
    expect(result.stores.map((store) => store.name)).toEqual(['first']);
  });

  it('names an unknown store kind before measuring anything', async () => {
    await expect(runMicro({ stores: [{ name: 'x', kind: 'nosuch' }], dataset, ...BUDGET })).rejects.toThrow(
      /unknown store engine "nosuch"/,
    );
  });
});
