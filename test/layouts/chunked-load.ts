// What a layout's stores hold after loadDataset, read back through the roles: the reconciliation of every store
// that keeps orders against the history, and the answers the shop's queries give over the loaded history. A load
// in many small chunks must leave exactly what a load in one chunk leaves (docs/architecture.md, "Data sizes").
import { expect } from 'vitest';
import { generateDataset } from '../../src/data/generate.js';
import { allHistoricalOrders } from '../../src/data/history.js';
import type { Dataset } from '../../src/domain.js';
import { loadDataset, type LoadOptions } from '../../src/layouts/load-dataset.js';
import { openLayout } from '../../src/layouts/open-layout.js';
import type { RoleMapping } from '../../src/layouts/builtin.js';
import type { StoreReconciliation } from '../../src/metrics/types.js';
import { compareAudit } from '../../src/propagation/reconcile.js';
import type { StoreSpec } from '../../src/scenario/types.js';
import type { DataSpec } from '../../src/scenario/types.js';

export const CHUNKED_SPEC: DataSpec = {
  users: 120,
  products: 150,
  categories: 6,
  followsPerUser: 3,
  likesPerUser: 3,
  historicalOrders: 1_234,
  historyDays: 30,
  stockPerProduct: 50,
  popularitySkew: 1,
};

export const chunkedDataset: Dataset = generateDataset(CHUNKED_SPEC, 11, Date.UTC(2024, 5, 1));

export interface LoadedState {
  reconciliation: StoreReconciliation[];
  answers: Record<string, unknown>;
}

/** An embedded engine as a store of its own kind: no URL, no settings. */
export function embeddedStores(kinds: readonly string[]): Record<string, StoreSpec> {
  return Object.fromEntries(
    kinds.map((kind) => [kind, { engine: kind, url: null, pool: null, options: {} } satisfies StoreSpec]),
  );
}

/** Small chunks: 13 of the history (the last one short), 8 of the users' follows and likes. */
export const SMALL_CHUNKS: LoadOptions = { chunkSize: 97, usersPerChunk: 17 };
/** Everything in one chunk, as the load was before it streamed. */
export const ONE_CHUNK: LoadOptions = {
  chunkSize: CHUNKED_SPEC.historicalOrders,
  usersPerChunk: CHUNKED_SPEC.users,
};

export async function loadedState(
  roles: RoleMapping,
  stores: Record<string, StoreSpec>,
  chunks: LoadOptions,
): Promise<LoadedState> {
  const dataset = chunkedDataset;
  const opened = await openLayout({ name: `chunks-of-${chunks.chunkSize}`, roles }, stores);
  try {
    await loadDataset(opened.roles, opened.storeOf, dataset, chunks);
    const reconciliation: StoreReconciliation[] = [];
    for (const role of ['orders', 'graph', 'analytics'] as const) {
      const audit = await opened.roles[role].auditOrders();
      reconciliation.push(compareAudit(role, opened.storeOf[role], audit, new Map(), dataset.history));
    }
    const orders = allHistoricalOrders(dataset.history);
    const lastBuyer = orders.at(-1)!.userId;
    const topProduct = orders[0]!.lines[0]!.productId;
    const { roles: r } = opened;
    const answers = {
      lastOrder: await r.orders.getOrder(orders.at(-1)!.id),
      ordersOfUser: await r.orders.ordersOfUser(lastBuyer, 5),
      alsoBought: await r.graph.alsoBought(topProduct, 10),
      recentPurchases: await r.graph.recentPurchases(lastBuyer, 5),
      orderBuyers: (await r.graph.orderBuyers(0)).length,
      following: await r.graph.following(lastBuyer, 10),
      friendsLiked: await r.graph.friendsLiked(lastBuyer, 10),
      topProducts: await r.analytics.topProducts(0, 10),
      revenueByCategory: await r.analytics.revenueByCategory(0),
      revenueByOrder: (await r.analytics.revenueByOrder(0)).length,
    };
    return { reconciliation, answers };
  } finally {
    await opened.close();
  }
}

/** Every store that keeps the history holds each order once, and answers as after a load in one chunk. */
export function expectSameAsOneChunk(chunked: LoadedState, whole: LoadedState): void {
  for (const store of chunked.reconciliation) {
    expect(store, `${store.role} on ${store.store}`).toMatchObject({
      expected: CHUNKED_SPEC.historicalOrders,
      missing: 0,
      duplicate: 0,
      divergent: 0,
      unexpected: 0,
    });
  }
  expect(chunked.answers.orderBuyers).toBe(CHUNKED_SPEC.historicalOrders);
  expect(chunked.answers).toEqual(whole.answers);
}
