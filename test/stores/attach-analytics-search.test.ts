// `run --workers N` on the analytics and search servers (StoreOptions.attach): the role contracts run a second
// time through an instance attached to an owner's namespace, and the attach contract checks that attaching takes
// nothing from the owner. Namespaces are this file's own, so no other suite's store is ever joined or refused.
import { Client } from '@opensearch-project/opensearch';
import { describe, expect, it } from 'vitest';
import { UserError } from '../../src/errors.js';
import { clickhouseFactory } from '../../src/stores/clickhouse.js';
import { influxdbFactory } from '../../src/stores/influxdb/factory.js';
import { opensearchFactory } from '../../src/stores/opensearch/factory.js';
import { opensearchLease, releaseOpensearchLease } from '../../src/stores/opensearch/lease.js';
import { newLeaseRecord } from '../../src/stores/namespace-lease.js';
import type { StoreAdapter, StoreFactory } from '../../src/stores/types.js';
import { describeAnalyticsContract } from '../contracts/analytics.contract.js';
import {
  attachOpener,
  attachedPairOf,
  uniqueAttachNamespace,
  describeAttachContract,
  type AttachProbe,
  type OpenStore,
} from '../contracts/attached-pair.js';
import { BEFORE_FIXTURE, line, order, role } from '../contracts/fixture.js';
import { describeSearchContract } from '../contracts/search.contract.js';
import { describeWithServer } from '../servers/server.js';

const orderOf = (key: string) => order(`attach-${key}`, 1, BEFORE_FIXTURE, [line(1, 2), line(6, 1)]);

/** One order through analytics; read back by hasOrder (ClickHouse and InfluxDB see a write at once). */
const analyticsProbe: AttachProbe = {
  write: (store, key) => role(store, 'analytics').recordOrder(orderOf(key)),
  holds: (store, key) => role(store, 'analytics').hasOrder(orderOf(key).id),
};

/** On OpenSearch a write is searchable after a refresh: auditOrders refreshes before it reads. */
const refreshedAnalyticsProbe: AttachProbe = {
  write: analyticsProbe.write,
  holds: async (store, key) =>
    (await role(store, 'analytics').auditOrders()).some((row) => row.orderId === orderOf(key).id),
};

/** An attach to a namespace no owner opened is refused in one line, and creates nothing. */
function describeAttachWithoutOwner(factory: StoreFactory, url: string, engine: string): void {
  it('refuses to attach to a namespace no store has open, and leaves it unopened', async () => {
    const open = attachOpener(factory, url, engine);
    await expect(open({ attach: true })).rejects.toBeInstanceOf(UserError);
    await expect(open({ attach: true })).rejects.toThrow(/cannot attach to namespace/);
    // The failed attach created nothing: a later owner opens as on an empty server.
    const owner: StoreAdapter = await open();
    await owner.close();
  });
}

await describeWithServer('clickhouse', (url) => {
  describeAnalyticsContract('clickhouse, attached', attachedPairOf(clickhouseFactory, url, 'ch'));
  describeAttachContract('clickhouse', attachOpener(clickhouseFactory, url, 'ch'), analyticsProbe);
  describe('clickhouse attach', () => {
    describeAttachWithoutOwner(clickhouseFactory, url, 'ch');

    it('deletes asked at once by the owner and an attached instance each return with their own order gone', async () => {
      const open = attachOpener(clickhouseFactory, url, 'ch');
      const owner = await open();
      try {
        const attached = await open({ attach: true });
        try {
          const orders = Array.from({ length: 6 }, (_, index) => orderOf(`delete-${index}`));
          await role(owner, 'analytics').loadSales(orders);
          // Deletes from both instances at once: each returns with its own order gone.
          await Promise.all(
            orders.map(async (placed, index) => {
              const store = index % 2 === 0 ? owner : attached;
              await role(store, 'analytics').removeOrder(placed);
              expect(await role(store, 'analytics').hasOrder(placed.id)).toBe(false);
            }),
          );
          expect(await role(owner, 'analytics').auditOrders()).toEqual([]);
        } finally {
          await attached.close();
        }
      } finally {
        await owner.close();
      }
    });
  });
});

await describeWithServer('opensearch', (url) => {
  // A short refresh keeps the contracts' "eventually" quick, as in opensearch.test.ts.
  const settings = { refreshInterval: '100ms' };
  describeSearchContract('opensearch, attached', attachedPairOf(opensearchFactory, url, 'os', settings));
  describeAnalyticsContract('opensearch, attached', attachedPairOf(opensearchFactory, url, 'os', settings));
  describeAttachContract(
    'opensearch',
    attachOpener(opensearchFactory, url, 'os', { settings }),
    refreshedAnalyticsProbe,
  );
  describe('opensearch attach', () => {
    describeAttachWithoutOwner(opensearchFactory, url, 'os');

    it('the owner holds its namespace by a lease index an attach leaves alone and the owner’s close deletes', async () => {
      const namespace = uniqueAttachNamespace('os');
      const open: OpenStore = (options = {}) =>
        opensearchFactory.create({ url, settings: { namespace, ...settings }, ...options });
      const client = new Client({ node: url });
      const leaseHeld = async () =>
        (await client.indices.exists({ index: `${namespace}-lease` })).body as boolean;
      try {
        const owner = await open();
        try {
          expect(await leaseHeld()).toBe(true);
          await expect(open()).rejects.toThrow(/is held by another polyglot-bench run \(host .+, pid \d+/);
          const attached = await open({ attach: true });
          await attached.close();
          expect(await leaseHeld()).toBe(true);
        } finally {
          await owner.close();
        }
        expect(await leaseHeld()).toBe(false);
        // Released: the next run takes the namespace at once.
        await (await open()).close();
      } finally {
        await client.close();
      }
    });

    it('rewrites and breaks the lease record only while it is still the one read', async () => {
      const namespace = uniqueAttachNamespace('os');
      const client = new Client({ node: url });
      const lease = opensearchLease(client, namespace);
      try {
        const first = newLeaseRecord();
        expect(await lease.claim(first)).toBe('claimed');
        expect(await lease.claim(newLeaseRecord())).toEqual(first);
        const renewed = { ...first, renewedAt: first.renewedAt + 1 };
        expect(await lease.renew(first, renewed)).toBe(true);
        const other = newLeaseRecord();
        expect(await lease.renew(other, { ...other, renewedAt: 1 })).toBe(false);
        // Breaking a record already renewed does nothing; breaking the current one frees the namespace.
        await lease.breakStale(first);
        expect(await lease.claim(other)).toEqual(renewed);
        await lease.breakStale(renewed);
        expect(await lease.claim(other)).toBe('claimed');
        expect(await lease.renew(renewed, { ...renewed, renewedAt: renewed.renewedAt + 1 })).toBe(false);
      } finally {
        await releaseOpensearchLease(client, namespace);
        await client.close();
      }
    });
  });
});

await describeWithServer('influxdb', (url) => {
  describeAnalyticsContract('influxdb, attached', attachedPairOf(influxdbFactory, url, 'influx'));
  // Not describeAttachContract: its "another run opening it is refused" needs a namespace lease, and InfluxDB 1.x
  // has nothing to build one on (no atomic create-if-absent, no conditional write or delete). The rest of it:
  describe('influxdb attach', () => {
    it('shares the owner’s namespace both ways, resets nothing, reports no footprint, drops nothing on close', async () => {
      const open = attachOpener(influxdbFactory, url, 'influx');
      const owner = await open();
      try {
        await analyticsProbe.write(owner, 'by-owner');
        const attached = await open({ attach: true });
        try {
          expect(attached.footprint).toBeUndefined();
          expect(await analyticsProbe.holds(attached, 'by-owner')).toBe(true);
          await analyticsProbe.write(attached, 'by-worker');
          expect(await analyticsProbe.holds(owner, 'by-worker')).toBe(true);
        } finally {
          await attached.close();
        }
        expect(await analyticsProbe.holds(owner, 'by-owner')).toBe(true);
        expect(await analyticsProbe.holds(owner, 'by-worker')).toBe(true);
      } finally {
        await owner.close();
      }
    });
    describeAttachWithoutOwner(influxdbFactory, url, 'influx');
  });
});
