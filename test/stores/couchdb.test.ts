// The CouchDB adapter against a real server speaking CouchDB's HTTP API (pouchdb-server where Docker is absent, see
// scripts/local-stores.d/couchdb.sh): the shared catalog and orders contracts, plus what only a shared server raises —
// databases that are the tool's own by exact name, a refused duplicate order, exact JSON round trips, queries past
// CouchDB's default page sizes, and one-line errors with the password redacted.
import http from 'node:http';
import net from 'node:net';
import nano from 'nano';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Order, Product } from '../../src/domain.js';
import { UserError } from '../../src/errors.js';
import { couchdbFactory } from '../../src/stores/couchdb.js';
import { serverVersion } from '../../src/stores/couchdb/server-info.js';
import { redactedAddress } from '../../src/stores/server-address.js';
import type { StoreAdapter } from '../../src/stores/types.js';
import { describeCatalogContract } from '../contracts/catalog.contract.js';
import { FIXTURE, T0, line, order, role, uniqueId } from '../contracts/fixture.js';
import { describeOrdersContract } from '../contracts/orders.contract.js';
import { describeWithServer } from '../servers/server.js';
import { describeFootprintContract } from '../contracts/footprint.contract.js';

let namespaces = 0;
/** Unique per suite and per test process, so parallel runs on one server never share a database. */
function uniqueNamespace(): string {
  namespaces += 1;
  return `pb_test_${process.pid}_${namespaces}_${Math.random().toString(36).slice(2, 8)}`;
}

/** A port nothing listens on: bound by the OS, then released. */
async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

function product(id: number, categoryId: number, attributes: Product['attributes'] = {}): Product {
  return { id, sku: `T-${id}`, name: `Test product ${id}`, categoryId, priceCents: 100 * id, attributes };
}

await describeWithServer('couchdb', (url) => {
  const open = () => couchdbFactory.create({ url, settings: { namespace: uniqueNamespace() } });

  describeFootprintContract('couchdb', open, { sizeMayBeUnreported: true, url });
  describeCatalogContract('couchdb', open);
  describeOrdersContract('couchdb', open);

  describe('couchdb adapter', () => {
    // A plain client beside the adapter, to see what is really on the server.
    const raw = nano(url);
    const databases = () => raw.db.list();

    it('reports the engine, the version the server gave, and where it is', async () => {
      const store = await open();
      try {
        expect(store.kind).toBe('couchdb');
        expect(store.info).toMatchObject({
          engine: 'CouchDB',
          embedded: false,
          address: redactedAddress(url),
        });
        // CouchDB reports its own version; pouchdb-server is named rather than passed off as CouchDB.
        expect(store.info.version).toMatch(/^(pouchdb-server )?\d+\.\d+\.\d+/);
        expect(Object.keys(store.roles)).toEqual(['catalog', 'orders']);
      } finally {
        await store.close();
      }
    });

    it('keeps each role in a database named after the namespace; close() deletes exactly those', async () => {
      const namespace = uniqueNamespace();
      // Neighbours whose names share the namespace as a prefix: the tool's, by prefix, but not by exact name.
      const neighbours = [`${namespace}_catalog_keep`, `${namespace}x_orders`];
      for (const name of neighbours) await raw.db.create(name);
      await raw.use<{ note: string }>(neighbours[0] ?? '').insert({ _id: 'keep', note: 'not the tool’s' });
      try {
        const store = await couchdbFactory.create({ url, settings: { namespace } });
        await role(store, 'catalog').loadCatalog(FIXTURE.categories, [product(7, 1)]);
        await role(store, 'orders').insertOrder(order(uniqueId('kept'), 8, T0, [line(7, 1)]));
        expect(await databases()).toEqual(
          expect.arrayContaining([`${namespace}_catalog`, `${namespace}_orders`, ...neighbours]),
        );
        expect(await raw.use(`${namespace}_catalog`).get('7')).toMatchObject({
          _id: '7',
          id: 7,
          categoryId: 1,
        });

        await store.close();
        await store.close();

        const after = await databases();
        expect(after).not.toContain(`${namespace}_catalog`);
        expect(after).not.toContain(`${namespace}_orders`);
        expect(after).toEqual(expect.arrayContaining(neighbours));
        expect(await raw.use(neighbours[0] ?? '').get('keep')).toMatchObject({ note: 'not the tool’s' });
      } finally {
        for (const name of neighbours) await raw.db.destroy(name);
      }
    });

    it('create() starts from empty databases, deleting leftovers of an earlier run', async () => {
      const namespace = uniqueNamespace();
      await raw.db.create(`${namespace}_orders`);
      await raw
        .use<{ userId: number; createdAt: number; lines: [] }>(`${namespace}_orders`)
        .insert({ _id: 'left-over', userId: 1, createdAt: T0, lines: [] });
      const store = await couchdbFactory.create({ url, settings: { namespace } });
      try {
        expect(await role(store, 'orders').getOrder('left-over')).toBeNull();
        expect(await role(store, 'orders').auditOrders()).toEqual([]);
      } finally {
        await store.close();
      }
    });

    describe('with two namespaces', () => {
      let a: StoreAdapter;
      let b: StoreAdapter;
      beforeAll(async () => {
        a = await open();
        b = await open();
      });
      afterAll(async () => {
        await a?.close();
        await b?.close();
      });

      it('keeps their documents apart', async () => {
        const placed = order(uniqueId('apart'), 8, T0, [line(1, 1)]);
        await role(a, 'orders').insertOrder(placed);
        await role(a, 'catalog').loadCatalog(FIXTURE.categories, [product(11, 2)]);
        expect(await role(b, 'orders').getOrder(placed.id)).toBeNull();
        expect(await role(b, 'orders').ordersOfUser(8, 10)).toEqual([]);
        expect(await role(b, 'catalog').getProduct(11)).toBeNull();
        // The same order id is free in the other namespace.
        await expect(role(b, 'orders').insertOrder(placed)).resolves.toBeUndefined();
      });
    });

    describe('writes and reads', () => {
      let store: StoreAdapter;
      beforeAll(async () => {
        store = await open();
      });
      afterAll(async () => {
        await store?.close();
      });

      it('refuses a second insert of the same order id and keeps the first document', async () => {
        const first = order(uniqueId('dup'), 8, T0, [line(1, 1)]);
        await role(store, 'orders').insertOrder(first);
        const second = { ...first, lines: [line(2, 5)], totalCents: 99 };
        await expect(role(store, 'orders').insertOrder(second)).rejects.toThrow(
          `order ${first.id} already exists (CouchDB: document update conflict)`,
        );
        expect(await role(store, 'orders').getOrder(first.id)).toEqual(first);
      });

      it('refuses a bulk load that repeats an order already stored', async () => {
        const stored = order(uniqueId('bulk-dup'), 8, T0, [line(1, 1)]);
        await role(store, 'orders').insertOrder(stored);
        const fresh = order(uniqueId('bulk-new'), 8, T0, [line(1, 1)]);
        await expect(role(store, 'orders').loadOrders([fresh, { ...stored, totalCents: 1 }])).rejects.toThrow(
          /orders: CouchDB refused 1 of 2 documents in a bulk load \(first: ".*": conflict/,
        );
        expect(await role(store, 'orders').getOrder(stored.id)).toEqual(stored);
      });

      it('refuses an order id CouchDB reserves for itself', async () => {
        await expect(
          role(store, 'orders').insertOrder(order('_design/x', 8, T0, [line(1, 1)])),
        ).rejects.toThrow(/reserves ids starting with "_"/);
        // The orders index lives in a design document; it is never an order.
        expect(await role(store, 'orders').getOrder('_design/by-user-created')).toBeNull();
      });

      it('round-trips numbers, strings and nested lines exactly', async () => {
        const odd = product(12, 9, {
          sum: 0.1 + 0.2,
          maxSafe: Number.MAX_SAFE_INTEGER,
          tiny: 5e-324,
          huge: 1.5e300,
          negative: -42.125,
          zero: 0,
          text: 'Grüße, "quoted" \\ back\nslash 🚲',
          digits: '007',
          flag: false,
        });
        await role(store, 'catalog').loadCatalog([], [odd]);
        expect(await role(store, 'catalog').getProduct(12)).toStrictEqual(odd);

        const lines = [line(1, 3, 1999), line(10, 1, 0), line(5, 2_000_000, 2_147_483_647)];
        const big: Order = order(uniqueId('exact'), 8, 8_640_000_000_000_000, lines);
        await role(store, 'orders').insertOrder(big);
        expect(await role(store, 'orders').getOrder(big.id)).toStrictEqual(big);
      });
    });

    it('lists past CouchDB’s default page of 25, by numeric id (10 after 9)', async () => {
      const store = await open();
      try {
        // Loaded in reverse: the order must come from the index, not from insertion.
        const products = Array.from({ length: 60 }, (_, index) => product(60 - index, 4));
        await role(store, 'catalog').loadCatalog([{ id: 4, name: 'Many' }], products);
        const listed = await role(store, 'catalog').listCategory(4, 100);
        expect(listed.map((summary) => summary.id)).toEqual(
          Array.from({ length: 60 }, (_, index) => index + 1),
        );
        expect(listed[0]).toEqual({ id: 1, name: 'Test product 1', priceCents: 100 });
        expect(await role(store, 'catalog').listCategory(4, 0)).toEqual([]);
      } finally {
        await store.close();
      }
    });

    it('loads and audits more orders than one bulk batch or one _all_docs page holds', async () => {
      const store = await open();
      try {
        const many = Array.from({ length: 2_345 }, (_, index) =>
          order(`m-${String(index).padStart(5, '0')}`, 100 + (index % 7), T0 + index, [
            line(1, 1 + (index % 3)),
          ]),
        );
        await role(store, 'orders').loadOrders(many);
        const audit = await role(store, 'orders').auditOrders();
        expect(audit).toHaveLength(many.length);
        expect(new Set(audit.map((row) => row.orderId)).size).toBe(many.length);
        expect(audit).toContainEqual({ orderId: 'm-02344', rows: 1, units: 1 + (2344 % 3) });
        // User 100 placed orders 0, 7, 14, …; newest first.
        const mine = await role(store, 'orders').ordersOfUser(100, 30);
        expect(mine).toHaveLength(30);
        expect(mine[0]?.id).toBe('m-02338');
        expect(mine.map((placed) => placed.createdAt)).toEqual(
          [...mine.map((placed) => placed.createdAt)].sort((x, y) => y - x),
        );
      } finally {
        await store.close();
      }
    });

    it('refuses namespaces CouchDB cannot name a database after', async () => {
      for (const namespace of ['Upper', '1st', '_hidden', 'a.b']) {
        const failure = couchdbFactory.create({ url, settings: { namespace } });
        await expect(failure).rejects.toThrow(UserError);
        await expect(failure).rejects.toThrow(/namespace must start with a lowercase letter/);
      }
    });
  });
});

describe('couchdb adapter without a server', () => {
  it('says in one line which server it could not reach', async () => {
    const port = await closedPort();
    const failure = couchdbFactory.create({ url: `http://127.0.0.1:${port}` });
    await expect(failure).rejects.toThrow(UserError);
    await expect(failure).rejects.toThrow(`store couchdb at http://127.0.0.1:${port}/: connection refused`);
  });

  it('never prints the password of an unreachable server', async () => {
    const port = await closedPort();
    const failure = couchdbFactory.create({ url: `http://admin:s3cret@127.0.0.1:${port}` });
    await expect(failure).rejects.toThrow(
      `store couchdb at http://admin:***@127.0.0.1:${port}/: connection refused`,
    );
    await expect(failure).rejects.not.toThrow(/s3cret/);
  });

  it('gives up on a server that accepts the connection but never answers', async () => {
    const sockets = new Set<net.Socket>();
    const silent = net.createServer((socket) => sockets.add(socket));
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const { port } = silent.address() as net.AddressInfo;
    try {
      await expect(couchdbFactory.create({ url: `http://127.0.0.1:${port}` })).rejects.toThrow(
        `store couchdb at http://127.0.0.1:${port}/: no answer within 5 s`,
      );
    } finally {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => silent.close(() => resolve()));
    }
  });

  it('refuses an HTTP server that is not CouchDB', async () => {
    const other = http.createServer((_request, response) => {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end('{"status":"ok"}');
    });
    await new Promise<void>((resolve) => other.listen(0, '127.0.0.1', resolve));
    const { port } = other.address() as net.AddressInfo;
    try {
      await expect(couchdbFactory.create({ url: `http://127.0.0.1:${port}` })).rejects.toThrow(
        `store couchdb at http://127.0.0.1:${port}/: the server there does not answer like CouchDB`,
      );
    } finally {
      other.closeAllConnections();
      await new Promise<void>((resolve) => other.close(() => resolve()));
    }
  });

  it('refuses a url of another engine', async () => {
    await expect(couchdbFactory.create({ url: 'redis://127.0.0.1:6379' })).rejects.toThrow(
      'store couchdb at redis://127.0.0.1:6379: the url must start with http:// or https://',
    );
  });
});

describe('couchdb server versions', () => {
  it('shows CouchDB’s own version', () => {
    expect(
      serverVersion(
        { couchdb: 'Welcome', version: '3.3.3', vendor: { name: 'The Apache Software Foundation' } },
        'x',
      ),
    ).toBe('3.3.3');
  });

  it('names pouchdb-server instead of passing it off as CouchDB', () => {
    const welcome = { 'express-pouchdb': 'Welcome!', version: '4.2.0', vendor: { name: 'PouchDB authors' } };
    expect(serverVersion(welcome, 'x')).toBe('pouchdb-server 4.2.0');
  });

  it('refuses a CouchDB without Mango', () => {
    expect(() => serverVersion({ couchdb: 'Welcome', version: '1.7.2' }, 'http://old:5984/')).toThrow(
      'store couchdb at http://old:5984/: CouchDB 1.7.2 is too old (needs ≥ 2.0 for Mango queries)',
    );
  });
});
