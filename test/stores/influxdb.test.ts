// The analytics contract against a real InfluxDB 1.x server, plus what only this adapter promises: two orders
// written in the same millisecond never overwrite each other (the order tag), a redelivered order overwrites its
// own points, and a database of its own that close() drops.
import { InfluxDB } from 'influx';
import { describe, expect, it } from 'vitest';
import { UserError } from '../../src/errors.js';
import { influxdbFactory } from '../../src/stores/influxdb/factory.js';
import { describeAnalyticsContract } from '../contracts/analytics.contract.js';
import { describeFootprintContract } from '../contracts/footprint.contract.js';
import { BEFORE_FIXTURE, line, order, role, uniqueId, useStore } from '../contracts/fixture.js';
import { describeWithServer } from '../servers/server.js';

let namespaces = 0;
/** Unique per suite and per test process, so parallel runs on one server never share a database. */
function uniqueNamespace(): string {
  namespaces += 1;
  return `pb_test_influx_${process.pid}_${namespaces}_${Math.random().toString(36).slice(2, 8)}`;
}

await describeWithServer('influxdb', (url) => {
  describeFootprintContract(
    'influxdb',
    () => influxdbFactory.create({ url, settings: { namespace: uniqueNamespace() } }),
    { url },
  );
  describeAnalyticsContract('influxdb', () =>
    influxdbFactory.create({ url, settings: { namespace: uniqueNamespace() } }),
  );

  describe('influxdb store', () => {
    const namespace = uniqueNamespace();
    const store = useStore(() => influxdbFactory.create({ url, settings: { namespace } }));
    const analytics = () => role(store(), 'analytics');

    it('describes itself with the version the server reports', () => {
      expect(store().info).toMatchObject({ engine: 'InfluxDB', embedded: false });
      expect(store().info.version).toMatch(/^1\.\d+/);
    });

    it('keeps two orders of one product placed in the same millisecond apart, and each once', async () => {
      const at = BEFORE_FIXTURE - 1000;
      const first = order(uniqueId('same-ms'), 7, at, [line(6, 2)]);
      const second = order(uniqueId('same-ms'), 8, at, [line(6, 3)]);
      await analytics().recordOrder(first);
      await analytics().recordOrder(second);
      await analytics().recordOrder(first);
      const audit = await analytics().auditOrders();
      expect(audit.find((row) => row.orderId === first.id)).toEqual({ orderId: first.id, rows: 1, units: 2 });
      expect(audit.find((row) => row.orderId === second.id)).toEqual({
        orderId: second.id,
        rows: 1,
        units: 3,
      });
    });

    it('finds an order whose id holds a quote', async () => {
      const odd = order(`o'${uniqueId('q')}`, 7, BEFORE_FIXTURE, [line(7, 1)]);
      await analytics().recordOrder(odd);
      expect(await analytics().hasOrder(odd.id)).toBe(true);
    });

    it('drops its own database on close, and only that one', async () => {
      const client = new InfluxDB({ host: new URL(url).hostname, port: Number(new URL(url).port) });
      const other = uniqueNamespace();
      await client.createDatabase(other);
      const mine = await influxdbFactory.create({ url, settings: { namespace: `${namespace}_x` } });
      await mine.close();
      const names = await client.getDatabaseNames();
      expect(names).not.toContain(`${namespace}_x`);
      expect(names).toContain(other);
      await client.dropDatabase(other);
    });

    it('refuses a bad namespace in one line', async () => {
      await expect(influxdbFactory.create({ url, settings: { namespace: 'no-dashes' } })).rejects.toThrow(
        UserError,
      );
    });
  });
});
