// Every role contract against the embedded engines of the polyglot layout: the TTL cache (sessions), the
// document store (catalog, orders), Kuzu (graph) and DuckDB (analytics). Each suite opens its own fresh store.
// Then what the contracts do not cover: how each factory describes itself, concurrent writes through the
// queued lanes, and the optional-kuzu message.
import { describe, expect, it } from 'vitest';
import { UserError } from '../../src/errors.js';
import { docstoreFactory } from '../../src/stores/docstore.js';
import { duckdbFactory } from '../../src/stores/duckdb.js';
import { kuzuFactory } from '../../src/stores/kuzu.js';
import { loadKuzu } from '../../src/stores/kuzu/driver.js';
import { ttlcacheFactory } from '../../src/stores/ttlcache.js';
import { TtlCache } from '../../src/stores/ttlcache/ttl-cache.js';
import type { StoreFactory } from '../../src/stores/types.js';
import { describeAnalyticsContract } from '../contracts/analytics.contract.js';
import { describeCatalogContract } from '../contracts/catalog.contract.js';
import { describeFootprintContract } from '../contracts/footprint.contract.js';
import { describeGraphContract } from '../contracts/graph.contract.js';
import { describeOrdersContract } from '../contracts/orders.contract.js';
import { describeSessionsContract } from '../contracts/sessions.contract.js';
import { BEFORE_FIXTURE, FIXTURE, T0, line, order, role, useStore } from '../contracts/fixture.js';

describeSessionsContract('ttlcache', () => ttlcacheFactory.create());
describeCatalogContract('docstore', () => docstoreFactory.create());
describeOrdersContract('docstore', () => docstoreFactory.create());
describeGraphContract('kuzu', () => kuzuFactory.create());
describeAnalyticsContract('duckdb', () => duckdbFactory.create());
describeFootprintContract('duckdb', () => duckdbFactory.create());

describe.each<[StoreFactory, string, RegExp]>([
  [ttlcacheFactory, 'TTL cache (Redis-style)', /^Node\.js \d+\.\d+\.\d+$/],
  [docstoreFactory, 'document store (MongoDB-style, mingo)', /^\d+\.\d+\.\d+$/],
  [duckdbFactory, 'DuckDB', /^\d+\.\d+\.\d+/],
  [kuzuFactory, 'Kuzu', /^\d+\.\d+\.\d+$/],
])('%s factory', (factory, engine, version) => {
  const store = useStore(() => factory.create());

  it('describes itself as an embedded engine with the version it reports', () => {
    expect(factory.embedded).toBe(true);
    expect(store().kind).toBe(factory.kind);
    expect(store().info).toMatchObject({ engine, embedded: true, address: 'in-process' });
    expect(store().info.version).toMatch(version);
  });

  it('serves exactly the roles the factory declares', () => {
    expect(Object.keys(store().roles).sort()).toEqual([...factory.roles].sort());
    expect(store().atomicCheckout).toBeUndefined();
  });
});

describe('kuzu as an optional dependency', () => {
  it('explains in one line how to install it when it is missing', async () => {
    const missing = Object.assign(new Error("Cannot find package 'kuzu'"), { code: 'ERR_MODULE_NOT_FOUND' });
    const failure = loadKuzu(() => Promise.reject(missing));
    await expect(failure).rejects.toBeInstanceOf(UserError);
    await expect(loadKuzu(() => Promise.reject(missing))).rejects.toThrow(
      /^the graph role on the embedded polyglot layout needs .*kuzu.*npm install kuzu$/,
    );
  });

  it('says it failed to load, still in one line, when the native module is broken', async () => {
    const broken = new Error('kuzujs.node: invalid ELF header\n    at Module._extensions');
    const message = await loadKuzu(() => Promise.reject(broken)).catch((error: unknown) => String(error));
    expect(message).toMatch(/failed to load \(kuzujs\.node: invalid ELF header\).*npm install kuzu/);
    expect(message).not.toContain('\n');
  });
});

describe('concurrent writes through the queued lanes', () => {
  const orders = Array.from({ length: 40 }, (_, i) =>
    order(`burst-${i}`, 7 + (i % 2), BEFORE_FIXTURE + i, [
      line(1 + (i % 10), 1),
      line(1 + ((i + 3) % 10), 2),
    ]),
  );

  describe('kuzu', () => {
    const store = useStore(
      () => kuzuFactory.create(),
      (adapter) =>
        role(adapter, 'graph').loadGraph({
          users: FIXTURE.users,
          products: FIXTURE.products,
          follows: [],
          likes: [],
          purchases: [],
        }),
    );

    it('applies a burst of purchases, each once, while reads run alongside', async () => {
      const graph = role(store(), 'graph');
      // Every order twice and all at once: Kuzu itself refuses a second concurrent write transaction.
      await Promise.all([
        ...[...orders, ...orders].map((placed) => graph.recordPurchase(placed)),
        ...orders.map((placed) => graph.hasOrder(placed.id)),
      ]);
      const audit = await graph.auditOrders();
      expect(audit).toHaveLength(orders.length);
      expect(audit.every((row) => row.rows === 2 && row.units === 3)).toBe(true);
    });
  });

  describe('duckdb', () => {
    const store = useStore(() => duckdbFactory.create());

    it('applies a burst of orders, each once, while reads run alongside', async () => {
      const analytics = role(store(), 'analytics');
      await Promise.all([
        ...[...orders, ...orders].map((placed) => analytics.recordOrder(placed)),
        ...orders.map(() => analytics.topProducts(BEFORE_FIXTURE, 5)),
      ]);
      const audit = await analytics.auditOrders();
      expect(audit).toHaveLength(orders.length);
      expect(audit.every((row) => row.rows === 2 && row.units === 3)).toBe(true);
    });
  });
});

describe('docstore orders', () => {
  const store = useStore(() => docstoreFactory.create());

  it('refuses a second insert of the same order, as MongoDB would (E11000)', async () => {
    const orders = role(store(), 'orders');
    const placed = order('dup-1', 7, T0, [line(1, 1)]);
    await orders.insertOrder(placed);
    await expect(orders.insertOrder(placed)).rejects.toMatchObject({ code: 11000 });
    expect((await orders.auditOrders()).filter((row) => row.orderId === placed.id)).toEqual([
      { orderId: placed.id, rows: 1, units: 1 },
    ]);
  });

  it('hands out copies: changing a returned order changes nothing stored', async () => {
    const orders = role(store(), 'orders');
    const placed = order('copy-1', 8, T0, [line(2, 1)]);
    await orders.insertOrder(placed);
    const read = (await orders.getOrder(placed.id))!;
    read.lines[0]!.quantity = 99;
    placed.lines[0]!.quantity = 98;
    expect((await orders.getOrder(placed.id))?.lines[0]?.quantity).toBe(1);
  });
});

describe('ttl cache', () => {
  function cacheAt(clock: { now: number }) {
    return new TtlCache<{ n: number[] }>({ sweepIntervalMs: 0, now: () => clock.now });
  }

  it('expires on read at the TTL, to the millisecond of its clock', () => {
    const clock = { now: 1000 };
    const cache = cacheAt(clock);
    cache.set('k', { n: [1] }, 500);
    clock.now = 1499;
    expect(cache.get('k')).toEqual({ n: [1] });
    clock.now = 1500;
    expect(cache.get('k')).toBeUndefined();
    expect(cache.size).toBe(0);
  });

  it('keeps the expiry when a value is updated, and refuses to update an expired one', () => {
    const clock = { now: 0 };
    const cache = cacheAt(clock);
    cache.set('k', { n: [] }, 100);
    clock.now = 60;
    expect(cache.update('k', (value) => ({ n: [...value.n, 1] }))).toBe(true);
    clock.now = 100;
    expect(cache.update('k', (value) => value)).toBe(false);
    expect(cache.get('k')).toBeUndefined();
  });

  it('sweeps expired entries nobody reads again', () => {
    const clock = { now: 0 };
    const cache = cacheAt(clock);
    cache.set('short', { n: [] }, 10);
    cache.set('long', { n: [] }, 1000);
    clock.now = 10;
    expect(cache.sweep()).toBe(1);
    expect(cache.size).toBe(1);
  });

  it('copies values in and out', () => {
    const cache = cacheAt({ now: 0 });
    const value = { n: [1] };
    cache.set('k', value, 100);
    value.n.push(2);
    cache.get('k')!.n.push(3);
    expect(cache.get('k')).toEqual({ n: [1] });
  });
});
