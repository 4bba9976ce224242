// `run --workers N` on the document and graph servers (src/stores/types.ts, StoreOptions.attach): MongoDB, CouchDB
// and Neo4j each run their role contracts once more through an instance attached to an owner's namespace, the attach
// contract (shared both ways, nothing reset or dropped, the owner keeps its lease), and what sharing a namespace
// between instances must not break: stock never oversold, outbox seqs never repeated, an order stored or recorded
// once when two instances write it at the same instant.
import { MongoClient } from 'mongodb';
import { describe, expect, it } from 'vitest';
import { UserError } from '../../src/errors.js';
import type { ReserveRequest } from '../../src/roles.js';
import { couchdbFactory } from '../../src/stores/couchdb.js';
import { mongodbFactory } from '../../src/stores/mongodb.js';
import { neo4jFactory } from '../../src/stores/neo4j.js';
import type { StoreAdapter, StoreFactory, StoreOptions } from '../../src/stores/types.js';
import { describeAnalyticsContract } from '../contracts/analytics.contract.js';
import { describeAtomicCheckoutContract } from '../contracts/atomic-checkout.contract.js';
import { attachedPair, describeAttachContract, type OpenStore } from '../contracts/attached-pair.js';
import { describeCatalogContract } from '../contracts/catalog.contract.js';
import { describeCrossStoreContract } from '../contracts/cross-store.contract.js';
import { T0, line, order, role, uniqueId } from '../contracts/fixture.js';
import { describeGraphContract } from '../contracts/graph.contract.js';
import { describeInventoryContract } from '../contracts/inventory.contract.js';
import { describeOrdersContract } from '../contracts/orders.contract.js';
import { describeSessionsContract } from '../contracts/sessions.contract.js';
import { serverHasTransactions } from '../servers/mongodb-transactions.js';
import { describeWithServer, serverUrl } from '../servers/server.js';

/** Unique per suite and per test process (letters, digits and "_": valid for every engine here). */
function uniqueNamespace(engine: string, purpose: string): string {
  const suffix = `${process.pid.toString(36)}_${Math.random().toString(36).slice(2, 8)}`;
  return `pbt_attach_${engine}_${purpose}_${suffix}`;
}

/** One namespace for an owner and every instance attached to it (attachedPair and the attach contract open twice). */
function opener(factory: StoreFactory, url: string, settings: Record<string, unknown>): OpenStore {
  return (options?: Pick<StoreOptions, 'attach'>) => factory.create({ url, settings, ...options });
}

/** The contracts' open(): a fresh namespace each time, an owner and an instance attached to it. */
function pairOpener(
  factory: StoreFactory,
  url: string,
  engine: string,
  purpose: string,
  settings: Record<string, unknown> = {},
): () => Promise<StoreAdapter> {
  return () =>
    attachedPair(opener(factory, url, { namespace: uniqueNamespace(engine, purpose), ...settings }));
}

/** An owner and an instance attached to it on a fresh namespace, for one test; both closed after it. */
async function withPair(
  factory: StoreFactory,
  url: string,
  engine: string,
  purpose: string,
  body: (owner: StoreAdapter, attached: StoreAdapter) => Promise<void>,
): Promise<void> {
  const open = opener(factory, url, { namespace: uniqueNamespace(engine, purpose) });
  const owner = await open();
  try {
    const attached = await open({ attach: true });
    try {
      await body(owner, attached);
    } finally {
      await attached.close();
    }
  } finally {
    await owner.close();
  }
}

/** What every attached instance must be, whatever the engine. */
function describeAttachedShape(engine: string, open: OpenStore): void {
  describe(`${engine} attached instance`, () => {
    it('reports what its owner reports, and nothing of the namespace’s upkeep', async () => {
      const owner = await open();
      try {
        const attached = await open({ attach: true });
        try {
          expect(attached.kind).toBe(owner.kind);
          expect(attached.info).toEqual(owner.info);
          expect(Object.keys(attached.roles).sort()).toEqual(Object.keys(owner.roles).sort());
          expect(attached.atomicCheckout === undefined).toBe(owner.atomicCheckout === undefined);
          expect(attached.footprint).toBeUndefined();
          expect(attached.warnings).toBeUndefined();
        } finally {
          await attached.close();
          // A second close is harmless, as the owner's is.
          await attached.close();
        }
      } finally {
        await owner.close();
      }
    });

    it('is refused, in one line, where no owner holds the namespace', async () => {
      await expect(open({ attach: true })).rejects.toThrow(UserError);
      await expect(open({ attach: true })).rejects.toThrow(/cannot attach to namespace .*: /);
    });
  });
}

const transactions = await serverHasTransactions(serverUrl('mongodb'));

await describeWithServer('mongodb', (url) => {
  const pair = (purpose: string, settings: Record<string, unknown> = {}) =>
    pairOpener(mongodbFactory, url, 'mongodb', purpose, settings);

  describeSessionsContract('mongodb, attached', pair('sessions'));
  describeCatalogContract('mongodb, attached', pair('catalog'));
  describeInventoryContract('mongodb, attached', pair('inventory'));
  describeOrdersContract('mongodb, attached', pair('orders'));
  describeGraphContract('mongodb, attached', pair('graph'));
  describeAnalyticsContract('mongodb, attached', pair('analytics'));
  if (transactions) {
    describeAtomicCheckoutContract('mongodb, attached', pair('checkout'));
    describeCrossStoreContract('mongodb, attached', pair('checkout'));
    describeInventoryContract(
      'mongodb, attached, transactions off',
      pair('inv_off', { transactions: false }),
    );
  } else {
    // Said in the output, never dropped silently: these contracts need multi-document transactions.
    describe.skip('mongodb, attached: atomic checkout and cross-store contracts — this server has no multi-document transactions (a replica set runs them)', () => {
      describeAtomicCheckoutContract('mongodb, attached', pair('checkout'));
      describeCrossStoreContract('mongodb, attached', pair('checkout'));
    });
  }

  const sessionProbe = {
    write: (store: StoreAdapter, key: string) =>
      role(store, 'sessions').startSession({ id: `attach-probe-${key}`, userId: 1 }, 600),
    holds: async (store: StoreAdapter, key: string) =>
      (await role(store, 'sessions').getSession(`attach-probe-${key}`)) !== null,
  };
  describeAttachContract(
    'mongodb',
    opener(mongodbFactory, url, { namespace: uniqueNamespace('mongodb', 'contract') }),
    sessionProbe,
  );
  describeAttachedShape(
    'mongodb',
    opener(mongodbFactory, url, { namespace: uniqueNamespace('mongodb', 'shape') }),
  );

  describe('mongodb owner and attached instance on one database', () => {
    const reserveOne = (productId: number): ReserveRequest => ({
      orderId: uniqueId('attach-res'),
      userId: 7,
      createdAt: T0,
      lines: [{ productId, categoryId: 1, quantity: 1 }],
      writeOutbox: true,
    });

    it('never oversell one product between them', async () => {
      await withPair(mongodbFactory, url, 'mongodb', 'oversell', async (owner, attached) => {
        await role(owner, 'inventory').loadStock([{ productId: 41, priceCents: 100, stock: 20 }]);
        // 15 reservations through each instance at once, for 20 units.
        const outcomes = await Promise.all(
          Array.from({ length: 30 }, (_, at) =>
            role(at % 2 === 0 ? owner : attached, 'inventory').reserve(reserveOne(41)),
          ),
        );
        expect(outcomes.filter((outcome) => outcome.ok)).toHaveLength(20);
        expect((await role(attached, 'inventory').getStock(41))?.stock).toBe(0);
        expect(await role(owner, 'inventory').pendingOutbox(100)).toHaveLength(20);
      });
    });

    it('never hand out one outbox seq twice, however many reservations run at once', async () => {
      await withPair(mongodbFactory, url, 'mongodb', 'seqs', async (owner, attached) => {
        await role(owner, 'inventory').loadStock([{ productId: 42, priceCents: 100, stock: 1000 }]);
        // Enough at once that mongo-java-server's answer to returnDocument 'after' (its live counter document,
        // read after its lock is released) repeated a seq: mongodb/reservation.ts says why it asks for 'before'.
        const outcomes = await Promise.all(
          Array.from({ length: 400 }, (_, at) =>
            role(at % 2 === 0 ? owner : attached, 'inventory').reserve(reserveOne(42)),
          ),
        );
        expect(outcomes.every((outcome) => outcome.ok)).toBe(true);
        const seqs = (await role(attached, 'inventory').pendingOutbox(1000)).map((row) => row.seq);
        expect(seqs).toHaveLength(400);
        expect(new Set(seqs).size).toBe(400);
      });
    });

    it('closing the attached instance leaves the database in place for the owner to drop', async () => {
      const namespace = uniqueNamespace('mongodb', 'drop');
      const open = opener(mongodbFactory, url, { namespace });
      const owner = await open();
      const attached = await open({ attach: true });
      await attached.close();
      expect(await databaseNames(url)).toContain(namespace);
      await owner.close();
      expect(await databaseNames(url)).not.toContain(namespace);
    });
  });
});

await describeWithServer('couchdb', (url) => {
  describeCatalogContract('couchdb, attached', pairOpener(couchdbFactory, url, 'couchdb', 'catalog'));
  describeOrdersContract('couchdb, attached', pairOpener(couchdbFactory, url, 'couchdb', 'orders'));

  const orderProbe = {
    write: (store: StoreAdapter, key: string) =>
      role(store, 'orders').insertOrder(order(`attach-probe-${key}`, 1, T0, [line(1, 1)])),
    holds: async (store: StoreAdapter, key: string) =>
      (await role(store, 'orders').getOrder(`attach-probe-${key}`)) !== null,
  };
  describeAttachContract(
    'couchdb',
    opener(couchdbFactory, url, { namespace: uniqueNamespace('couchdb', 'contract') }),
    orderProbe,
  );
  describeAttachedShape(
    'couchdb',
    opener(couchdbFactory, url, { namespace: uniqueNamespace('couchdb', 'shape') }),
  );

  it('couchdb: one order inserted through the owner and an attached instance at once is stored once', async () => {
    await withPair(couchdbFactory, url, 'couchdb', 'race', async (owner, attached) => {
      const id = uniqueId('attach-race');
      const insert = (store: StoreAdapter) =>
        role(store, 'orders').insertOrder(order(id, 3, T0, [line(2, 1)]));
      const results = await Promise.allSettled([insert(owner), insert(attached)]);
      expect(results.filter((result) => result.status === 'fulfilled')).toHaveLength(1);
      const audit = await role(attached, 'orders').auditOrders();
      expect(audit.filter((row) => row.orderId === id)).toEqual([{ orderId: id, rows: 1, units: 1 }]);
    });
  });
});

await describeWithServer('neo4j', (url) => {
  describeGraphContract('neo4j, attached', pairOpener(neo4jFactory, url, 'neo4j', 'contract'));

  const purchaseProbe = {
    write: (store: StoreAdapter, key: string) =>
      role(store, 'graph').recordPurchase(order(`attach-probe-${key}`, 1, T0, [line(1, 1)])),
    holds: (store: StoreAdapter, key: string) => role(store, 'graph').hasOrder(`attach-probe-${key}`),
  };
  describeAttachContract(
    'neo4j',
    opener(neo4jFactory, url, { namespace: uniqueNamespace('neo4j', 'attach') }),
    purchaseProbe,
  );
  describeAttachedShape('neo4j', opener(neo4jFactory, url, { namespace: uniqueNamespace('neo4j', 'shape') }));

  it('neo4j: one purchase recorded through the owner and an attached instance at once lands once', async () => {
    await withPair(neo4jFactory, url, 'neo4j', 'race', async (owner, attached) => {
      const purchase = order(uniqueId('attach-race'), 901, T0, [line(1, 2), line(2, 1)]);
      // Neither the user nor the products exist yet: both MERGE them, and the constraints keep one of each.
      await Promise.all(
        Array.from({ length: 6 }, (_, at) =>
          role(at % 2 === 0 ? owner : attached, 'graph').recordPurchase(purchase),
        ),
      );
      expect(await role(owner, 'graph').auditOrders()).toEqual([{ orderId: purchase.id, rows: 2, units: 3 }]);
      expect(await role(attached, 'graph').recentPurchases(901, 10)).toHaveLength(2);
    });
  });
});

async function databaseNames(url: string): Promise<string[]> {
  const client = new MongoClient(url, { serverSelectionTimeoutMS: 3000 });
  try {
    await client.connect();
    return (await client.db('admin').admin().listDatabases()).databases.map((database) => database.name);
  } finally {
    await client.close();
  }
}
