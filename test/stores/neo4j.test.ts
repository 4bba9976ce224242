// The Neo4j graph adapter against a real Neo4j server: the shared graph contract, plus what only a shared server
// raises — namespaced labels, clean-up that deletes only the store's own nodes and schema, idempotent purchases
// under concurrency, and a clear one-line error when the server cannot be reached.
import net from 'node:net';
import neo4j, { type Driver } from 'neo4j-driver';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UserError } from '../../src/errors.js';
import { neo4jFactory } from '../../src/stores/neo4j.js';
import type { StoreAdapter } from '../../src/stores/types.js';
import { describeGraphContract } from '../contracts/graph.contract.js';
import { describeFootprintContract } from '../contracts/footprint.contract.js';
import { FIXTURE, T0, line, order, role, uniqueId } from '../contracts/fixture.js';
import { describeWithServer } from '../servers/server.js';

/** A namespace no other run or test file uses (several may share one server). */
function uniqueNamespace(purpose: string): string {
  return `pbt_neo4j_${purpose}_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`;
}

const GRAPH = {
  users: FIXTURE.users,
  products: FIXTURE.products,
  follows: FIXTURE.follows,
  likes: FIXTURE.likes,
  purchases: FIXTURE.orders,
};

/** A port on 127.0.0.1 that nothing listens on (taken from the OS, then released). */
async function closedPort(): Promise<number> {
  const server = net.createServer().listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

await describeWithServer('neo4j', (url) => {
  describeFootprintContract(
    'neo4j',
    () => neo4jFactory.create({ url, settings: { namespace: uniqueNamespace('footprint') } }),
    { sizeMayBeUnreported: true, url },
  );
  describeGraphContract('neo4j', () =>
    neo4jFactory.create({ url, settings: { namespace: uniqueNamespace('contract') } }),
  );

  describe('neo4j adapter', () => {
    let raw: Driver;
    beforeAll(() => {
      raw = neo4j.driver(url, undefined, { disableLosslessIntegers: true });
    });
    afterAll(async () => {
      await raw.close();
    });

    /** Nodes carrying `label`, counted by a separate plain driver. */
    async function countNodes(label: string): Promise<number> {
      const { records } = await raw.executeQuery(`MATCH (n:\`${label}\`) RETURN count(n) AS n`);
      return Number(records[0]?.get('n'));
    }

    /** Names of constraints and indexes on any label or type starting with `namespace_`. */
    async function schemaOf(namespace: string): Promise<string[]> {
      const { records } = await raw.executeQuery(
        `SHOW INDEXES YIELD name, labelsOrTypes
         WHERE any(t IN coalesce(labelsOrTypes, []) WHERE t STARTS WITH $prefix)
         RETURN name ORDER BY name`,
        { prefix: `${namespace}_` },
      );
      return records.map((record) => String(record.get('name')));
    }

    it('reports the engine, its version and where it is', async () => {
      const store = await neo4jFactory.create({ url, settings: { namespace: uniqueNamespace('info') } });
      try {
        expect(store.kind).toBe('neo4j');
        expect(store.info).toMatchObject({ engine: 'Neo4j', embedded: false, address: url });
        expect(store.info.version).toMatch(/^5\.26\.\d+ community$/);
        expect(Object.keys(store.roles)).toEqual(['graph']);
      } finally {
        await store.close();
      }
    });

    it('keeps its graph under namespaced labels, with constraints and an orderId index, and drops all at close', async () => {
      const namespace = uniqueNamespace('layout');
      const store = await neo4jFactory.create({ url, settings: { namespace } });
      try {
        await role(store, 'graph').loadGraph(GRAPH);
        expect(await countNodes(`${namespace}_User`)).toBe(FIXTURE.users.length);
        expect(await countNodes(`${namespace}_Product`)).toBe(FIXTURE.products.length);
        // The two uniqueness constraints' backing indexes, the relationship property index, and the lease's
        // constraint (src/stores/neo4j/lease.ts) while the store holds the namespace.
        expect(await schemaOf(namespace)).toEqual([
          `${namespace}_BOUGHT_orderId`,
          `${namespace}_Lease_name_unique`,
          `${namespace}_Product_id_unique`,
          `${namespace}_User_id_unique`,
        ]);
      } finally {
        await store.close();
      }
      expect(await countNodes(`${namespace}_User`)).toBe(0);
      expect(await countNodes(`${namespace}_Product`)).toBe(0);
      expect(await schemaOf(namespace)).toEqual([]);
    });

    it("closing one namespace leaves another namespace's nodes and answers alone", async () => {
      const mine = await neo4jFactory.create({ url, settings: { namespace: uniqueNamespace('mine') } });
      const otherNamespace = uniqueNamespace('other');
      const other = await neo4jFactory.create({ url, settings: { namespace: otherNamespace } });
      try {
        await role(mine, 'graph').loadGraph(GRAPH);
        await role(other, 'graph').loadGraph(GRAPH);
        await mine.close();
        expect(await countNodes(`${otherNamespace}_User`)).toBe(FIXTURE.users.length);
        expect(await role(other, 'graph').alsoBought(1, 1)).toEqual([{ productId: 8, score: 3 }]);
        expect(await role(other, 'graph').hasOrder('o3')).toBe(true);
      } finally {
        await mine.close();
        await other.close();
      }
    });

    it('starts empty when its namespace holds leftovers of a run that never closed', async () => {
      const namespace = uniqueNamespace('leftover');
      const crashed = await neo4jFactory.create({ url, settings: { namespace } });
      let fresh: StoreAdapter | undefined;
      try {
        await role(crashed, 'graph').loadGraph(GRAPH);
        // A crashed holder stops renewing its lease (src/stores/neo4j/lease.ts): written here as last renewed long ago.
        const stale = {
          token: 'crashed',
          host: 'gone',
          pid: 1,
          runStartedAt: 'then',
          since: 'then',
          renewedAt: 0,
        };
        await raw.executeQuery(`MATCH (l:${namespace}_Lease) SET l.token = $token, l.record = $record`, {
          token: stale.token,
          record: JSON.stringify(stale),
        });
        fresh = await neo4jFactory.create({ url, settings: { namespace } });
        expect(await countNodes(`${namespace}_User`)).toBe(0);
        expect(await role(fresh, 'graph').auditOrders()).toEqual([]);
        // The schema was dropped with the leftovers and created again.
        expect(await schemaOf(namespace)).toHaveLength(4); // with the lease's constraint
      } finally {
        await fresh?.close();
        await crashed.close();
      }
    });

    it('records an order once however many copies of it run concurrently', async () => {
      const store = await neo4jFactory.create({
        url,
        settings: { namespace: uniqueNamespace('concurrent') },
      });
      try {
        await role(store, 'graph').loadGraph(GRAPH);
        const placed = order(uniqueId('dup'), 8, T0, [line(4, 2), line(2, 1), line(7, 3)]);
        await Promise.all(Array.from({ length: 20 }, () => role(store, 'graph').recordPurchase(placed)));
        const audit = await role(store, 'graph').auditOrders();
        expect(audit.filter((row) => row.orderId === placed.id)).toEqual([
          { orderId: placed.id, rows: 3, units: 6 },
        ]);
      } finally {
        await store.close();
      }
    });

    it('records a purchase of a user and product the loaded graph does not know', async () => {
      const store = await neo4jFactory.create({ url, settings: { namespace: uniqueNamespace('unknown') } });
      try {
        const placed = order(uniqueId('new'), 999, T0, [line(1, 1)]);
        await role(store, 'graph').recordPurchase(placed);
        expect(await role(store, 'graph').recentPurchases(999, 10)).toEqual([
          { orderId: placed.id, productId: 1 },
        ]);
      } finally {
        await store.close();
      }
    });

    it('with schema: false creates no constraints or indexes and still serves the role', async () => {
      const namespace = uniqueNamespace('noschema');
      const store = await neo4jFactory.create({ url, settings: { namespace, schema: false } });
      try {
        expect(await schemaOf(namespace)).toEqual([]);
        await role(store, 'graph').loadGraph(GRAPH);
        expect(await role(store, 'graph').friendsLiked(5, 10)).toEqual([{ productId: 9, score: 1 }]);
      } finally {
        await store.close();
      }
    });
  });
});

// No server needed: these fail before or while connecting.
describe('neo4j adapter — unreachable or misconfigured', () => {
  it('says in one line, password redacted, that nothing listens there', async () => {
    const port = await closedPort();
    const failure = neo4jFactory.create({ url: `bolt://neo4j:s3cret@127.0.0.1:${port}` });
    await expect(failure).rejects.toBeInstanceOf(UserError);
    await expect(failure).rejects.toThrow(
      new UserError(`store neo4j at bolt://neo4j:***@127.0.0.1:${port}: connection refused`),
    );
  });

  it('gives up on a port that accepts connections but never speaks Bolt, instead of hanging', async () => {
    // Reads (so it notices the client hang up and close() can finish) but never writes.
    const silent = net.createServer((socket) => socket.resume()).listen(0, '127.0.0.1');
    await new Promise((resolve) => silent.once('listening', resolve));
    const { port } = silent.address() as net.AddressInfo;
    try {
      const failure = neo4jFactory.create({ url: `bolt://127.0.0.1:${port}` });
      await expect(failure).rejects.toThrow(
        /^store neo4j at bolt:\/\/127\.0\.0\.1:\d+: no Bolt handshake reply/,
      );
    } finally {
      await new Promise((resolve) => silent.close(resolve));
    }
  });

  it('rejects a URL that is not Bolt, a namespace that is not an identifier and unknown settings', async () => {
    await expect(neo4jFactory.create({ url: 'http://127.0.0.1:7474' })).rejects.toThrow(
      /expected a bolt:\/\//,
    );
    await expect(neo4jFactory.create({ settings: { namespace: 'a-b' } })).rejects.toThrow(
      /must be an identifier/,
    );
    await expect(neo4jFactory.create({ settings: { namespce: 'x' } })).rejects.toThrow(
      /unknown setting "namespce"/,
    );
    await expect(neo4jFactory.create({ settings: { schema: 'no' } })).rejects.toThrow(
      /schema must be true or false/,
    );
  });
});
