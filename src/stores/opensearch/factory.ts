// The OpenSearch store: a client on the node, the store's own indices ("<namespace>-search", "-sales") created
// fresh on open and deleted on close; other indices on the server are never touched.
import { Client } from '@opensearch-project/opensearch';
import { UserError, errorMessage } from '../../errors.js';
import type { StoreAdapter, StoreFactory, StoreOptions } from '../types.js';
import { opensearchAnalytics } from './analytics.js';
import { createIndices, dropIndices } from './indices.js';
import { opensearchSearch } from './search.js';
import { DEFAULT_OPENSEARCH_URL, opensearchSettings } from './settings.js';

interface ServerInfo {
  version: { number: string; distribution?: string; minimum_wire_compatibility_version?: string };
}

export const opensearchFactory: StoreFactory = {
  kind: 'opensearch',
  roles: ['analytics', 'search'],
  embedded: false,

  async create(options: StoreOptions = {}): Promise<StoreAdapter> {
    const settings = opensearchSettings(options.url ?? DEFAULT_OPENSEARCH_URL, options.settings);
    const client = new Client({ node: settings.node, requestTimeout: 30_000 });
    let info: ServerInfo;
    try {
      info = (await client.info()).body as ServerInfo;
    } catch (error) {
      await client.close();
      throw new UserError(`store opensearch at ${settings.address} does not answer: ${errorMessage(error)}`);
    }
    if (info.version.distribution !== 'opensearch') {
      await client.close();
      throw new UserError(
        `store opensearch at ${settings.address} is not OpenSearch (it reports version ${info.version.number})`,
      );
    }
    const indices = await createIndices(client, settings).catch(async (error: unknown) => {
      await client.close();
      throw error;
    });
    return {
      kind: 'opensearch',
      info: {
        engine: 'OpenSearch (Elasticsearch 7.10 API)',
        version: info.version.number,
        embedded: false,
        address: settings.address,
      },
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
      roles: {
        search: opensearchSearch(client, indices.search),
        analytics: opensearchAnalytics(client, indices.sales),
      },
      async close() {
        try {
          await dropIndices(client, indices);
        } finally {
          await client.close();
        }
      },
    };
  },
};
