// The MongoDB adapter against a real server (mongo-java-server locally, a MongoDB replica set from docker-compose.yml
// elsewhere): every role contract, the atomic checkout exactly when the server has transactions, and what only this
// store raises — reservations that compensate instead of rolling back, a database per namespace, a clear error when
// the server is unreachable.
import { MongoClient } from 'mongodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StockItem } from '../../src/domain.js';
import { UserError } from '../../src/errors.js';
import { ROLE_NAMES, type ReserveLine, type ReserveRequest } from '../../src/roles.js';
import { mongodbFactory } from '../../src/stores/mongodb.js';
import { mongodbEngine } from '../../src/stores/mongodb/descriptor.js';
import type { StoreAdapter } from '../../src/stores/types.js';
import { describeAnalyticsContract } from '../contracts/analytics.contract.js';
import { describeAtomicCheckoutContract } from '../contracts/atomic-checkout.contract.js';
import { describeCatalogContract } from '../contracts/catalog.contract.js';
import { describeCrossStoreContract } from '../contracts/cross-store.contract.js';
import { FIXTURE, T0, role, uniqueId } from '../contracts/fixture.js';
import { describeGraphContract } from '../contracts/graph.contract.js';
import { describeInventoryContract } from '../contracts/inventory.contract.js';
import { describeOrdersContract } from '../contracts/orders.contract.js';
import { describeSessionsContract } from '../contracts/sessions.contract.js';
import { serverHasTransactions } from '../servers/mongodb-transactions.js';
import { describeWithServer, serverUrl } from '../servers/server.js';
import { describeFootprintContract } from '../contracts/footprint.contract.js';

// A database of its own per suite, so suites never see each other's documents or those of a real run.
const namespace = (name: string) => `polyglot_bench_test_mongo_${name}`;

const transactions = await serverHasTransactions(serverUrl('mongodb'));

function reserveRequest(lines: ReserveLine[], writeOutbox = false): ReserveRequest {
  return { orderId: uniqueId('mongo-res'), userId: 7, createdAt: T0, lines, writeOutbox };
}

function line(item: StockItem, quantity: number): ReserveLine {
  return { productId: item.productId, categoryId: 1, quantity };
}

await describeWithServer('mongodb', (url) => {
  const open =
    (name: string, settings: Record<string, unknown> = {}) =>
    () =>
      mongodbFactory.create({ url, settings: { namespace: namespace(name), ...settings } });

  describeSessionsContract('mongodb', open('sessions'));
  describeCatalogContract('mongodb', open('catalog'));
  describeFootprintContract('mongodb', open('footprint'), { url });
  describeInventoryContract('mongodb', open('inventory'));
  describeOrdersContract('mongodb', open('orders'));
  describeGraphContract('mongodb', open('graph'));
  describeAnalyticsContract('mongodb', open('analytics'));
  if (transactions) {
    describeAtomicCheckoutContract('mongodb', open('checkout'));
    describeCrossStoreContract('mongodb', open('checkout'));
    // The default path on a replica set is transactional; the compensating one must keep the contract too.
    describeInventoryContract('mongodb, transactions off', open('inventory_off', { transactions: false }));
  } else {
    // Said in the output, never dropped silently: these contracts need multi-document transactions.
    describe.skip('mongodb atomic checkout and cross-store contracts — this server has no multi-document transactions (a replica set runs them)', () => {
      describeAtomicCheckoutContract('mongodb', open('checkout'));
      describeCrossStoreContract('mongodb', open('checkout'));
    });
  }

  describe('mongodb adapter', () => {
    let raw: MongoClient;
    beforeAll(async () => {
      raw = new MongoClient(url, { serverSelectionTimeoutMS: 3000 });
      await raw.connect();
    });
    afterAll(async () => {
      await raw.close();
    });

    const databaseNames = async () =>
      (await raw.db('admin').admin().listDatabases()).databases.map((database) => database.name);

    it('serves every role its descriptor names, and says plainly whether it has transactions', async () => {
      const store = await open('info')();
      try {
        expect(store.kind).toBe('mongodb');
        expect(store.info).toMatchObject({ engine: 'MongoDB', embedded: false, address: url });
        // Every role but search: this server has no text index ($text), so search stays with a search engine.
        expect(Object.keys(store.roles).sort()).toEqual(
          ROLE_NAMES.filter((role) => role !== 'search').sort(),
        );
        expect(Object.keys(store.roles).sort()).toEqual([...mongodbEngine.roles].sort());
        if (transactions) {
          expect(store.atomicCheckout).toBeDefined();
          expect(store.info.version).toMatch(/: transactions/);
        } else {
          expect(store.atomicCheckout).toBeUndefined();
          expect(store.info.version).toMatch(/: no transactions/);
        }
        if (store.info.version.startsWith('mongo-java-server')) {
          expect(store.info.version).toMatch(/non-unique indexes ignored/);
        }
      } finally {
        await store.close();
      }
    });

    it.skipIf(transactions !== false)('refuses transactions: true on a server without them', async () => {
      await expect(open('no_tx', { transactions: true })()).rejects.toThrow(
        /transactions: true, but the server has none/,
      );
      expect(await databaseNames()).not.toContain(namespace('no_tx'));
    });

    describe('reservations without transactions', () => {
      const ITEM = {
        contended: { productId: 3001, priceCents: 100, stock: 20 },
        first: { productId: 3002, priceCents: 100, stock: 10 },
        short: { productId: 3003, priceCents: 100, stock: 1 },
        plenty: { productId: 3004, priceCents: 100, stock: 100 },
        scarce: { productId: 3005, priceCents: 100, stock: 10 },
        outboxed: { productId: 3006, priceCents: 100, stock: 10 },
      } satisfies Record<string, StockItem>;
      let store: StoreAdapter;
      const inventory = () => role(store, 'inventory');
      const stockOf = async (item: StockItem) => (await inventory().getStock(item.productId))?.stock;

      beforeAll(async () => {
        store = await open('compensating', { transactions: false })();
        await inventory().loadStock(Object.values(ITEM));
      });
      afterAll(async () => {
        await store.close();
      });

      it('runs without them whatever the server offers', () => {
        expect(store.atomicCheckout).toBeUndefined();
        expect(store.info.version).toMatch(/(no transactions|transactions, off by setting)/);
      });

      it('never oversells: 50 concurrent single-unit reservations of 20 units, exactly 20 succeed', async () => {
        const results = await Promise.all(
          Array.from({ length: 50 }, () => inventory().reserve(reserveRequest([line(ITEM.contended, 1)]))),
        );
        expect(results.filter((result) => result.ok)).toHaveLength(20);
        expect(await stockOf(ITEM.contended)).toBe(0);
        expect((await inventory().stockAudit()).negative).toBe(0);
      });

      it('puts back the lines it took when a later line is refused', async () => {
        // 3002 is taken first (productId order), then 3003 is short: 3002 must be back at 10.
        const result = await inventory().reserve(
          reserveRequest([line(ITEM.short, 2), line(ITEM.first, 4)], true),
        );
        expect(result).toEqual({ ok: false, reason: 'out-of-stock', productId: ITEM.short.productId });
        expect(await stockOf(ITEM.first)).toBe(10);
        expect(await stockOf(ITEM.short)).toBe(1);
        const pending = await inventory().pendingOutbox(10_000);
        expect(
          pending.filter((row) => row.order.lines.some((l) => l.productId === ITEM.first.productId)),
        ).toEqual([]);
      });

      it('under concurrency, every refused reservation returns its first line', async () => {
        // Each takes one of 3004 (plenty) first, then one of 3005 (10 units): 10 succeed, 20 must give 3004 back.
        const results = await Promise.all(
          Array.from({ length: 30 }, () =>
            inventory().reserve(reserveRequest([line(ITEM.plenty, 1), line(ITEM.scarce, 1)])),
          ),
        );
        expect(results.filter((result) => result.ok)).toHaveLength(10);
        expect(await stockOf(ITEM.scarce)).toBe(0);
        expect(await stockOf(ITEM.plenty)).toBe(90);
      });

      it('numbers outbox rows in increasing seqs under concurrency', async () => {
        const requests = Array.from({ length: 10 }, () => reserveRequest([line(ITEM.outboxed, 1)], true));
        await Promise.all(requests.map((request) => inventory().reserve(request)));
        const mine = (await inventory().pendingOutbox(10_000)).filter((row) =>
          requests.some((request) => request.orderId === row.order.id),
        );
        expect(mine).toHaveLength(10);
        const seqs = mine.map((row) => row.seq);
        expect(new Set(seqs).size).toBe(10);
        expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
      });
    });

    describe('namespaces', () => {
      it("close() drops its own database and no one else's", async () => {
        const foreign = raw.db(namespace('foreign'));
        await foreign.collection('keep').insertOne({ note: 'keep me' });
        const closing = await open('closing')();
        const staying = await open('staying')();
        try {
          for (const store of [closing, staying]) {
            await role(store, 'catalog').loadCatalog(FIXTURE.categories, FIXTURE.products);
          }
          expect(await databaseNames()).toContain(namespace('closing'));

          await closing.close();

          expect(await databaseNames()).not.toContain(namespace('closing'));
          expect(await role(staying, 'catalog').getProduct(1)).toMatchObject({ id: 1, name: 'SICP' });
          expect(await foreign.collection('keep').countDocuments()).toBe(1);
        } finally {
          await staying.close();
          await foreign.dropDatabase();
        }
      });

      it('keeps stores with different namespaces apart', async () => {
        const a = await open('apart_a')();
        const b = await open('apart_b')();
        try {
          const id = uniqueId('shared-id');
          await role(a, 'sessions').startSession({ id, userId: 1 }, 3600);
          expect(await role(b, 'sessions').getSession(id)).toBeNull();
          await expect(role(b, 'sessions').addToCart(id, { productId: 1, quantity: 1 })).rejects.toThrow();
        } finally {
          await a.close();
          await b.close();
        }
      });

      it('create() drops leftovers of its namespace', async () => {
        await raw
          .db(namespace('leftover'))
          .collection('products')
          .insertOne({ _id: 1, name: 'from a crashed run' } as never);
        const fresh = await open('leftover')();
        try {
          expect(await role(fresh, 'catalog').getProduct(1)).toBeNull();
        } finally {
          await fresh.close();
        }
      });

      it('refuses a namespace that cannot name a database of its own', async () => {
        await expect(open('a.b')()).rejects.toThrow(UserError);
        await expect(open('a.b')()).rejects.toThrow(/cannot name a database/);
      });
    });
  });
});

describe('mongodb adapter without a server', () => {
  // Nothing listens on 27099 here (a neighbour of MongoDB's 27017 that no local-stores service uses).
  it('says in one line which server it could not reach', async () => {
    const failure = mongodbFactory.create({ url: 'mongodb://127.0.0.1:27099' });
    await expect(failure).rejects.toThrow(UserError);
    await expect(failure).rejects.toThrow(
      /^store mongodb at mongodb:\/\/127\.0\.0\.1:27099: connection refused$/,
    );
  });

  it('never prints the password of an unreachable server', async () => {
    const failure = mongodbFactory.create({
      url: 'mongodb://bench:s3cret@127.0.0.1:27099/?authSource=admin',
    });
    await expect(failure).rejects.toThrow(
      'store mongodb at mongodb://bench:***@127.0.0.1:27099/?authSource=admin: connection refused',
    );
    await expect(failure).rejects.not.toThrow(/s3cret/);
  });

  it('masks the password of a multi-host url too', async () => {
    const failure = mongodbFactory.create({ url: 'mongodb://bench:s3cret@127.0.0.1:27099,127.0.0.1:27098/' });
    await expect(failure).rejects.toThrow(/^store mongodb at mongodb:\/\/bench:\*\*\*@127\.0\.0\.1:27099,/);
    await expect(failure).rejects.not.toThrow(/s3cret/);
  });

  it('refuses a url of another engine', async () => {
    await expect(mongodbFactory.create({ url: 'redis://127.0.0.1:6379' })).rejects.toThrow(
      /store mongodb at redis:\/\/127\.0\.0\.1:6379: the url must start with mongodb:\/\//,
    );
  });
});
