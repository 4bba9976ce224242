// The store's two indices and their mappings. One shard and no replicas: one node, and exact aggregations (terms
// counts are only approximate across shards). The search index holds both the products and a marker document per
// applied order, so one refresh makes an order's stock change and its marker visible together: what the probe
// sees is what a shopper's search sees.
import type { Client } from '@opensearch-project/opensearch';
import { UserError } from '../../errors.js';
import type { OpensearchSettings } from './settings.js';

export interface Indices {
  search: string;
  sales: string;
}

export function indicesOf(namespace: string): Indices {
  return { search: `${namespace}-search`, sales: `${namespace}-sales` };
}

const SEARCH_MAPPINGS = {
  dynamic: 'strict',
  properties: {
    kind: { type: 'keyword' },
    // products
    productId: { type: 'integer' },
    name: { type: 'keyword', index: false },
    // english: stemmed and stop words dropped, as PostgreSQL's english configuration does.
    text: { type: 'text', analyzer: 'english' },
    categoryId: { type: 'integer' },
    priceCents: { type: 'integer' },
    stock: { type: 'integer' },
    // The orders whose units this product's stock already lost: what makes a redelivered order a no-op.
    orders: { type: 'keyword', index: false, doc_values: false },
    // applied orders
    orderId: { type: 'keyword' },
    rows: { type: 'integer' },
    units: { type: 'integer' },
  },
} as const;

const SALES_MAPPINGS = {
  dynamic: 'strict',
  properties: {
    orderId: { type: 'keyword' },
    productId: { type: 'integer' },
    categoryId: { type: 'integer' },
    quantity: { type: 'integer' },
    unitPriceCents: { type: 'integer' },
    revenueCents: { type: 'long' },
    createdAt: { type: 'long' },
  },
} as const;

/** Fresh, empty indices: what an earlier run left under the same namespace is deleted first. */
export async function createIndices(client: Client, settings: OpensearchSettings): Promise<Indices> {
  const indices = indicesOf(settings.namespace);
  await dropIndices(client, indices);
  const indexSettings = {
    number_of_shards: 1,
    number_of_replicas: 0,
    refresh_interval: settings.refreshInterval,
  };
  await client.indices.create({
    index: indices.search,
    body: { settings: indexSettings, mappings: SEARCH_MAPPINGS },
  });
  await client.indices.create({
    index: indices.sales,
    body: { settings: indexSettings, mappings: SALES_MAPPINGS },
  });
  return indices;
}

/**
 * The namespace's indices as its owner created them, for an attached instance (StoreOptions.attach): only looked
 * at, so an attach to a namespace nobody opened fails at once, in one line, not on every call of the run.
 */
export async function existingIndices(client: Client, settings: OpensearchSettings): Promise<Indices> {
  const indices = indicesOf(settings.namespace);
  for (const index of [indices.search, indices.sales]) {
    if (!((await client.indices.exists({ index })).body as boolean)) {
      throw new UserError(
        `store opensearch at ${settings.address}: cannot attach to namespace ${settings.namespace}: ` +
          `no store of this run has it open (index ${index} is missing)`,
      );
    }
  }
  return indices;
}

export async function dropIndices(client: Client, indices: Indices): Promise<void> {
  await client.indices.delete({ index: [indices.search, indices.sales], ignore_unavailable: true });
}
