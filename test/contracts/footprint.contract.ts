// What a store reports about its own footprint (StoreFootprint): a size for the tool's namespace that grows with
// the data loaded into it, with its source named, and connection counts only where the driver's pool exposes them.
import { describe, expect, it } from 'vitest';
import { generateDataset } from '../../src/data/generate.js';
import type { RoleImpls } from '../../src/roles.js';
import { parseScenario } from '../../src/scenario/index.js';
import type { StoreAdapter } from '../../src/stores/types.js';
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
  const roles = adapter.roles as Partial<RoleImpls>;
  await roles.catalog?.loadCatalog(dataset.categories, dataset.products);
  await roles.inventory?.loadStock(dataset.stock);
  await roles.orders?.loadOrders(dataset.orders);
  await roles.graph?.loadGraph({
    users: dataset.users,
    products: dataset.products,
    follows: dataset.follows,
    likes: dataset.likes,
    purchases: dataset.orders,
  });
  await roles.analytics?.loadSales(dataset.orders);
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
    connections: 'counted' | 'not counted';
    settle?: (adapter: StoreAdapter) => Promise<void>;
    /** A stand-in server that keeps no sizes (PouchDB Server for CouchDB): it must say so, never report 0. */
    sizeMayBeUnreported?: boolean;
  },
): void {
  describe(`footprint — ${label}`, () => {
    const store = useStore(open);

    it('reports a data size for its own namespace that grows with the data loaded', async () => {
      const adapter = store();
      expect(adapter.footprint, 'the adapter offers footprint()').toBeDefined();
      const before = await adapter.footprint!();
      expect(before.source.length).toBeGreaterThan(0);
      if (before.dataBytes === null && options.sizeMayBeUnreported) {
        expect(before.source).toMatch(/not reported/);
        return;
      }
      expect(before.dataBytes).not.toBeNull();
      await loadServedRoles(adapter);
      await options.settle?.(adapter);
      const after = await adapter.footprint!();
      expect(after.dataBytes!).toBeGreaterThan(before.dataBytes!);
      if (options.connections === 'counted') {
        expect(after.connections!.opened).toBeGreaterThanOrEqual(1);
        expect(after.connections!.peak).toBeGreaterThanOrEqual(1);
        expect(after.connections!.peak).toBeLessThanOrEqual(after.connections!.opened);
      } else {
        expect(after.connections).toBeNull();
      }
    }, 120_000);
  });
}
