// The search and analytics contracts against a real OpenSearch node, plus what only this adapter promises: a
// write is searchable only after the index's refresh (the visible lag the run measures), indices of its own that
// close() deletes, and one-line errors for a server that is not OpenSearch or a bad setting.
import { Client } from '@opensearch-project/opensearch';
import { describe, expect, it } from 'vitest';
import { UserError } from '../../src/errors.js';
import { opensearchFactory } from '../../src/stores/opensearch/factory.js';
import { describeAnalyticsContract } from '../contracts/analytics.contract.js';
import { order, role, uniqueId, useStore } from '../contracts/fixture.js';
import { SEARCH_PRODUCTS, describeSearchContract } from '../contracts/search.contract.js';
import { describeWithServer } from '../servers/server.js';
import { describeFootprintContract } from '../contracts/footprint.contract.js';

let namespaces = 0;
/** Unique per suite and per test process, so parallel runs on one node never share an index. */
function uniqueNamespace(): string {
  namespaces += 1;
  return `pb_test_os_${process.pid}_${namespaces}_${Math.random().toString(36).slice(2, 8)}`;
}

await describeWithServer('opensearch', (url) => {
  // A short refresh keeps the contracts' "eventually" quick; the default (1 s) is what runs use.
  const open = () =>
    opensearchFactory.create({ url, settings: { namespace: uniqueNamespace(), refreshInterval: '100ms' } });
  // Sizes come from _stats, whose store size each shard caches for index.store.stats_refresh_interval (10 s).
  describeFootprintContract('opensearch', open, {
    url,
    settle: () => new Promise((resolve) => setTimeout(resolve, 11_000)),
  });
  describeSearchContract('opensearch', open);
  describeAnalyticsContract('opensearch', open);

  describe('opensearch store', () => {
    const namespace = uniqueNamespace();
    const store = useStore(
      () => opensearchFactory.create({ url, settings: { namespace, refreshInterval: '30s' } }),
      async (adapter) => role(adapter, 'search').loadIndex(SEARCH_PRODUCTS, []),
    );

    it('describes itself as OpenSearch with the Elasticsearch API level it matches', () => {
      expect(store().info).toMatchObject({ engine: 'OpenSearch (Elasticsearch 7.10 API)', embedded: false });
      expect(store().info.version).toMatch(/^2\.\d+\.\d+$/);
    });

    it('keeps a stock change unsearchable until the refresh (no refresh forced on write)', async () => {
      const id = uniqueId('os');
      await role(store(), 'search').applyOrder(
        order(id, 1, Date.now(), [{ productId: 1, categoryId: 2, quantity: 1, unitPriceCents: 8000 }]),
      );
      expect(await role(store(), 'search').hasOrder(id)).toBe(false);
      // Reconciliation refreshes before it reads.
      expect((await role(store(), 'search').auditOrders()).map((row) => row.orderId)).toContain(id);
      expect(await role(store(), 'search').hasOrder(id)).toBe(true);
    });

    it('deletes its own indices on close, and only those', async () => {
      const client = new Client({ node: url });
      const other = `${uniqueNamespace()}-other`;
      await client.indices.create({ index: other });
      const mine = await opensearchFactory.create({ url, settings: { namespace: `${namespace}_x` } });
      await mine.close();
      const exists = async (index: string) => (await client.indices.exists({ index })).body as boolean;
      expect(await exists(`${namespace}_x-search`)).toBe(false);
      expect(await exists(other)).toBe(true);
      await client.indices.delete({ index: other });
      await client.close();
    });

    it('refuses a bad namespace or an unknown setting in one line', async () => {
      await expect(opensearchFactory.create({ url, settings: { namespace: 'Caps' } })).rejects.toThrow(
        UserError,
      );
      await expect(opensearchFactory.create({ url, settings: { refresh: '1s' } })).rejects.toThrow(
        /unknown setting "refresh"/,
      );
    });
  });
});
