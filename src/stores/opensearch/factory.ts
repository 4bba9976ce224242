// The OpenSearch store: a client on the node, the store's own indices ("<namespace>-search", "-sales") created
// fresh on open and deleted on close, under a lease (lease.ts) so a second run on the same namespace is refused
// rather than deleting this one's indices; other indices on the server are never touched. An attached instance
// (StoreOptions.attach) joins the indices its owner created with a client of its own: the roles keep nothing in
// the process (what an order changed lives in the documents, refreshes are the node's), so any number of
// instances serve them side by side.
import type { Client } from '@opensearch-project/opensearch';
import type { StoreAdapter, StoreFactory, StoreOptions } from '../types.js';
import { CLEANUP_DEADLINE_MS, withinDeadline } from '../within-deadline.js';
import { opensearchAnalytics } from './analytics.js';
import { connect } from './connection.js';
import { acquireLease, type NamespaceLease } from '../namespace-lease.js';
import { createIndices, dropIndices, existingIndices, type Indices } from './indices.js';
import { opensearchLease, releaseOpensearchLease } from './lease.js';
import { opensearchSearch } from './search.js';
import { DEFAULT_OPENSEARCH_URL, opensearchSettings } from './settings.js';

function roles(client: Client, indices: Indices): StoreAdapter['roles'] {
  return {
    search: opensearchSearch(client, indices.search),
    analytics: opensearchAnalytics(client, indices.sales),
  };
}

export const opensearchFactory: StoreFactory = {
  kind: 'opensearch',
  roles: ['analytics', 'search'],
  embedded: false,

  async create(options: StoreOptions = {}): Promise<StoreAdapter> {
    const settings = opensearchSettings(options.url ?? DEFAULT_OPENSEARCH_URL, options.settings);
    const { client, info } = await connect(settings);
    if (options.attach) {
      const indices = await existingIndices(client, settings).catch(async (error: unknown) => {
        await client.close();
        throw error;
      });
      return {
        kind: 'opensearch',
        info,
        roles: roles(client, indices),
        close: () =>
          withinDeadline(client.close(), CLEANUP_DEADLINE_MS, `store opensearch at ${info.address}: close`),
      };
    }
    let lease: NamespaceLease;
    let indices: Indices;
    try {
      lease = await acquireLease(
        { store: `store opensearch at ${settings.address}`, namespace: settings.namespace },
        opensearchLease(client, settings.namespace),
      );
    } catch (error) {
      await client.close();
      throw error;
    }
    try {
      indices = await createIndices(client, settings);
    } catch (error) {
      lease.stop();
      await releaseOpensearchLease(client, settings.namespace).catch(() => undefined);
      await client.close();
      throw error;
    }
    return {
      kind: 'opensearch',
      info,
      async footprint() {
        // _stats of the tool's own indices: primaries and replicas on disk.
        const names = [indices.search, indices.sales];
        // A refresh first, so what was indexed is in segments the size counts.
        await client.indices.refresh({ index: names.join(',') });
        const stats = (await client.indices.stats({ index: names.join(','), metric: 'store' })).body as {
          _all?: { total?: { store?: { size_in_bytes?: number } } };
          indices?: Record<string, { total?: { store?: { size_in_bytes?: number } } }>;
        };
        // The sales index is the analytics copy of the orders; the search index mixes products with the orders
        // it applied, so its copy has no size of its own.
        const sales = stats.indices?.[indices.sales]?.total?.store?.size_in_bytes;
        return {
          dataBytes: Number(stats._all?.total?.store?.size_in_bytes ?? 0),
          source: `_stats (store.size_in_bytes) of indices ${names.join(', ')}`,
          ...(sales === undefined ? {} : { orderCopyBytes: { analytics: sales } }),
        };
      },
      roles: roles(client, indices),
      async close() {
        lease.stop();
        try {
          // The lease goes with the indices; a run whose lease was taken over as stale deletes nothing.
          if (lease.stillOurs()) {
            await dropIndices(client, indices);
            await releaseOpensearchLease(client, settings.namespace);
          }
        } finally {
          await client.close();
        }
      },
    };
  },
};
