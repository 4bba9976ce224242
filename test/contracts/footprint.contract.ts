// What a store reports about its own footprint (StoreFootprint): a size for the tool's namespace that grows with
// the data loaded into it, with its source named; and, for a server, that its driver's connections and bytes are
// seen on the wire (src/metrics/wire-meter.ts) — a driver the meter cannot see would report nothing.
import { afterAll, describe, expect, it } from 'vitest';
import { generateDataset } from '../../src/data/generate.js';
import { allHistoricalOrders } from '../../src/data/history.js';
import { allSocialEdges } from '../../src/data/social.js';
import type { RoleImpls } from '../../src/roles.js';
import { parseScenario } from '../../src/scenario/index.js';
import type { StoreAdapter } from '../../src/stores/types.js';
import { proxyTargetOf } from '../../src/faults/proxy-url.js';
import { WireMeter } from '../../src/metrics/wire-meter.js';
import { useStore } from './fixture.js';

const DATA = parseScenario(
  `name: footprint
data: { users: 300, products: 400, categories: 8, historicalOrders: 600, stockPerProduct: 100 }
layouts: [baseline]
load: { model: open, phases: [{ duration: 1s, arrivalRate: 1 }] }
`,
  'footprint.yaml',
).data;

/** Loads a generated shop into whichever roles the store serves (sessions: a few hundred carts). */
async function loadServedRoles(adapter: StoreAdapter): Promise<void> {
  const dataset = generateDataset(DATA, 5, Date.now());
  const orders = allHistoricalOrders(dataset.history);
  const { follows, likes } = allSocialEdges(dataset.social);
  const roles = adapter.roles as Partial<RoleImpls>;
  await roles.catalog?.loadCatalog(dataset.categories, dataset.products);
  await roles.inventory?.loadStock(dataset.stock);
  await roles.orders?.loadOrders(orders);
  await roles.graph?.loadGraph({
    users: dataset.users,
    products: dataset.products,
    follows,
    likes,
    purchases: orders,
  });
  await roles.analytics?.loadSales(orders);
  await roles.search?.loadIndex(dataset.products, dataset.stock);
  if (roles.sessions) {
    for (let i = 0; i < 300; i++) {
      await roles.sessions.startSession({ id: `fp-${i}`, userId: i }, 600);
      await roles.sessions.addToCart(`fp-${i}`, { productId: 1 + (i % 50), quantity: 2 });
    }
  }
}

export function describeFootprintContract(
  label: string,
  open: () => Promise<StoreAdapter>,
  options: {
    settle?: (adapter: StoreAdapter) => Promise<void>;
    /** A server's URL: its connections and bytes must be seen on the wire. Embedded engines have no wire. */
    url?: string;
    /** A stand-in server that keeps no sizes (PouchDB Server for CouchDB): it must say so, never report 0. */
    sizeMayBeUnreported?: boolean;
  } = {},
): void {
  describe(`footprint — ${label}`, () => {
    let meter: WireMeter | null = null;
    const store = useStore(async () => {
      if (options.url) {
        meter = await WireMeter.start([{ store: label, ...proxyTargetOf(label, options.url) }]);
      }
      return open();
    });
    afterAll(() => meter?.stop());

    it('reports a data size for its own namespace that grows with the data loaded', async () => {
      const adapter = store();
      expect(adapter.footprint, 'the adapter offers footprint()').toBeDefined();
      meter?.mark('start');
      const before = await adapter.footprint!();
      expect(before.source.length).toBeGreaterThan(0);
      await loadServedRoles(adapter);
      await options.settle?.(adapter);
      const after = await adapter.footprint!();
      meter?.mark('end');
      if (before.dataBytes === null && options.sizeMayBeUnreported) {
        expect(before.source).toMatch(/not reported/);
        expect(after.dataBytes).toBeNull();
      } else {
        expect(before.dataBytes).not.toBeNull();
        expect(after.dataBytes!).toBeGreaterThan(before.dataBytes!);
      }
      // Where a role's copy of the orders has a size of its own, the historical orders loaded make it grow.
      const served = adapter.roles as Partial<RoleImpls>;
      for (const role of ['orders', 'graph', 'analytics'] as const) {
        const grown = after.orderCopyBytes?.[role];
        if (grown === undefined || !served[role]) continue;
        expect(grown, `${role}'s copy of the orders`).toBeGreaterThan(before.orderCopyBytes?.[role] ?? 0);
        expect(grown).toBeLessThanOrEqual(after.dataBytes!);
      }
      if (meter) {
        const wire = meter.counts(label);
        expect(wire, `the ${label} driver's connections are seen on the wire`).not.toBeNull();
        expect(wire!.opened).toBeGreaterThanOrEqual(1);
        expect(wire!.peak).toBeGreaterThanOrEqual(1);
        expect(wire!.peak).toBeLessThanOrEqual(wire!.opened);
        // The load went out over the wire, and answers came back.
        expect(wire!.sentBytes).toBeGreaterThan(1000);
        expect(wire!.receivedBytes).toBeGreaterThan(0);
      }
    }, 120_000);
  });
}
