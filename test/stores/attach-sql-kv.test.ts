// `run --workers N` on PostgreSQL, MySQL, Redis and Memcached (StoreOptions.attach): the role contracts run a
// second time through an instance attached to an owner's namespace, the attach contract checks that attaching takes
// nothing from the owner, and owner and attached instances write to one namespace at once. Namespaces are this
// file's own, so no other suite's store is ever joined or refused.
import { createConnection } from 'mysql2/promise';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { UserError } from '../../src/errors.js';
import { memcachedFactory } from '../../src/stores/memcached.js';
import { mysqlFactory } from '../../src/stores/mysql.js';
import { postgresFactory } from '../../src/stores/postgres.js';
import { redisFactory } from '../../src/stores/redis.js';
import type { StoreAdapter, StoreFactory } from '../../src/stores/types.js';
import { describeAnalyticsContract } from '../contracts/analytics.contract.js';
import { describeAtomicCheckoutContract } from '../contracts/atomic-checkout.contract.js';
import {
  attachOpener,
  attachedPairOf,
  uniqueAttachNamespace,
  describeAttachContract,
  type AttachProbe,
} from '../contracts/attached-pair.js';
import { describeCatalogContract } from '../contracts/catalog.contract.js';
import { describeCrossStoreContract } from '../contracts/cross-store.contract.js';
import { BEFORE_FIXTURE, line, order, role, uniqueId } from '../contracts/fixture.js';
import { describeGraphContract } from '../contracts/graph.contract.js';
import { describeInventoryContract } from '../contracts/inventory.contract.js';
import { describeOrdersContract } from '../contracts/orders.contract.js';
import { describeSearchContract } from '../contracts/search.contract.js';
import { describeSessionsContract } from '../contracts/sessions.contract.js';
import { describeWithServer } from '../servers/server.js';

/** Every role contract the engine's own test file runs, but footprint (an attached instance reports none). */
function describeSqlContracts(label: string, open: () => Promise<StoreAdapter>): void {
  describeSessionsContract(label, open);
  describeCatalogContract(label, open);
  describeInventoryContract(label, open);
  describeOrdersContract(label, open);
  describeGraphContract(label, open);
  describeAnalyticsContract(label, open);
  describeAtomicCheckoutContract(label, open);
  describeCrossStoreContract(label, open);
  describeSearchContract(label, open);
}

const orderOf = (key: string) => order(`attach-${key}`, 1, BEFORE_FIXTURE, [line(1, 2), line(6, 1)]);

/** One order document through the orders role, read back by id. */
const ordersProbe: AttachProbe = {
  write: (store, key) => role(store, 'orders').insertOrder(orderOf(key)),
  holds: async (store, key) => (await role(store, 'orders').getOrder(orderOf(key).id)) !== null,
};

/** One session through the sessions role, read back by id. */
const sessionsProbe: AttachProbe = {
  write: (store, key) => role(store, 'sessions').startSession({ id: `attach-${key}`, userId: 1 }, 3600),
  holds: async (store, key) => (await role(store, 'sessions').getSession(`attach-${key}`)) !== null,
};

/** An attach to a namespace no owner opened is refused in one line, and creates nothing. */
function describeAttachWithoutOwner(factory: StoreFactory, url: string, engine: string): void {
  it('refuses to attach to a namespace no store has open, and leaves it unopened', async () => {
    const open = attachOpener(factory, url, engine);
    await expect(open({ attach: true })).rejects.toBeInstanceOf(UserError);
    await expect(open({ attach: true })).rejects.toThrow(/cannot attach to namespace/);
    // The failed attach created nothing: a later owner opens as on an empty server.
    const owner = await open();
    await owner.close();
  });

  it('refuses to attach once the owner has closed', async () => {
    const open = attachOpener(factory, url, engine);
    const owner = await open();
    await owner.close();
    await expect(open({ attach: true })).rejects.toThrow(/cannot attach to namespace/);
  });
}

/** Owner and two attached instances reserve one product at once: the stock is never oversold across them. */
function describeSharedReservations(factory: StoreFactory, url: string, engine: string): void {
  it('never oversells when the owner and attached instances reserve one product at once', async () => {
    const open = attachOpener(factory, url, engine);
    const owner = await open();
    const attached: StoreAdapter[] = [];
    try {
      attached.push(await open({ attach: true }), await open({ attach: true }));
      await role(owner, 'inventory').loadStock([{ productId: 77, priceCents: 100, stock: 20 }]);
      const stores = [owner, ...attached];
      const results = await Promise.all(
        Array.from({ length: 45 }, (_, index) =>
          role(stores[index % stores.length]!, 'inventory').reserve({
            orderId: uniqueId('shared'),
            userId: 1,
            createdAt: BEFORE_FIXTURE,
            lines: [{ productId: 77, categoryId: 1, quantity: 1 }],
            writeOutbox: true,
          }),
        ),
      );
      expect(results.filter((result) => result.ok)).toHaveLength(20);
      expect(await role(attached[0]!, 'inventory').getStock(77)).toMatchObject({ stock: 0 });
      // Every instance's outbox rows are one sequence, read by the owner's relay.
      expect(await role(owner, 'inventory').pendingOutbox(100)).toHaveLength(20);
    } finally {
      for (const store of attached) await store.close();
      await owner.close();
    }
  });
}

/** Owner and attached instances add to one cart at once: every addition lands (atomic on the server). */
function describeSharedCart(factory: StoreFactory, url: string, engine: string): void {
  it('sums concurrent additions to one cart from the owner and attached instances', async () => {
    const open = attachOpener(factory, url, engine);
    const owner = await open();
    const attached: StoreAdapter[] = [];
    try {
      attached.push(await open({ attach: true }), await open({ attach: true }));
      const stores = [owner, ...attached];
      const id = uniqueId('shared-cart');
      await role(attached[1]!, 'sessions').startSession({ id, userId: 7 }, 3600);
      await Promise.all(
        Array.from({ length: 21 }, (_, index) =>
          role(stores[index % stores.length]!, 'sessions').addToCart(id, { productId: 1, quantity: 1 }),
        ),
      );
      for (const store of stores) {
        expect(await role(store, 'sessions').getCart(id)).toEqual([{ productId: 1, quantity: 21 }]);
      }
    } finally {
      for (const store of attached) await store.close();
      await owner.close();
    }
  });
}

await describeWithServer('postgres', (url) => {
  describeSqlContracts('postgres, attached', attachedPairOf(postgresFactory, url, 'pg'));
  describeAttachContract('postgres', attachOpener(postgresFactory, url, 'pg'), ordersProbe);
  describe('postgres attach', () => {
    describeAttachWithoutOwner(postgresFactory, url, 'pg');
    describeSharedReservations(postgresFactory, url, 'pg');

    it('works in the owner’s schema: its connections have the namespace as search_path', async () => {
      const namespace = uniqueAttachNamespace('pg');
      const open = attachOpener(postgresFactory, url, 'pg', { namespace });
      const owner = await open();
      try {
        const attached = await open({ attach: true });
        try {
          await ordersProbe.write(attached, 'in-schema');
          const admin = new pg.Client({ connectionString: url });
          await admin.connect();
          try {
            const { rows } = await admin.query(`SELECT id FROM ${namespace}.orders`);
            expect(rows).toEqual([{ id: orderOf('in-schema').id }]);
          } finally {
            await admin.end();
          }
        } finally {
          await attached.close();
        }
      } finally {
        await owner.close();
      }
    });

    it('refuses a leftover schema no run holds, and leaves it as it was', async () => {
      const namespace = uniqueAttachNamespace('pg');
      const admin = new pg.Client({ connectionString: url });
      await admin.connect();
      try {
        await admin.query(`CREATE SCHEMA ${namespace}`);
        await expect(
          attachOpener(postgresFactory, url, 'pg', { namespace })({ attach: true }),
        ).rejects.toThrow(/cannot attach to namespace/);
        const { rowCount } = await admin.query('SELECT 1 FROM pg_namespace WHERE nspname = $1', [namespace]);
        expect(rowCount).toBe(1);
      } finally {
        await admin.query(`DROP SCHEMA IF EXISTS ${namespace} CASCADE`);
        await admin.end();
      }
    });
  });
});

await describeWithServer('mysql', (url) => {
  describeSqlContracts('mysql, attached', attachedPairOf(mysqlFactory, url, 'my'));
  describeAttachContract('mysql', attachOpener(mysqlFactory, url, 'my'), ordersProbe);
  describe('mysql attach', () => {
    describeAttachWithoutOwner(mysqlFactory, url, 'my');
    describeSharedReservations(mysqlFactory, url, 'my');

    it('refuses a leftover database no run holds, and leaves it as it was', async () => {
      const namespace = uniqueAttachNamespace('my');
      const admin = await createConnection(url);
      try {
        await admin.query(`CREATE DATABASE \`${namespace}\``);
        await expect(attachOpener(mysqlFactory, url, 'my', { namespace })({ attach: true })).rejects.toThrow(
          /cannot attach to namespace/,
        );
        const [rows] = await admin.query('SHOW DATABASES LIKE ?', [namespace]);
        expect(rows).toHaveLength(1);
      } finally {
        await admin.query(`DROP DATABASE IF EXISTS \`${namespace}\``);
        await admin.end();
      }
    });
  });
});

await describeWithServer('redis', (url) => {
  describeSessionsContract('redis, attached', attachedPairOf(redisFactory, url, 'redis'));
  describeAttachContract('redis', attachOpener(redisFactory, url, 'redis'), sessionsProbe);
  describe('redis attach', () => {
    describeAttachWithoutOwner(redisFactory, url, 'redis');
    describeSharedCart(redisFactory, url, 'redis');
  });
});

await describeWithServer('memcached', (url) => {
  describeSessionsContract('memcached, attached', attachedPairOf(memcachedFactory, url, 'mc'));
  // Not describeAttachContract: memcached takes no lease (every owner writes under a token of its own, and
  // memcached.test.ts holds that a second owner of a namespace opens beside the first), so the contract's
  // "another run is refused" cannot hold. Its other promises are checked one by one here.
  describe('memcached attach', () => {
    const open = () => attachOpener(memcachedFactory, url, 'mc');

    it('shares the owner’s sessions both ways: each sees what the other wrote', async () => {
      const store = open();
      const owner = await store();
      try {
        const attached = await store({ attach: true });
        try {
          await sessionsProbe.write(owner, 'by-owner');
          await sessionsProbe.write(attached, 'by-worker');
          expect(await sessionsProbe.holds(attached, 'by-owner')).toBe(true);
          expect(await sessionsProbe.holds(owner, 'by-worker')).toBe(true);
          expect(attached.footprint).toBeUndefined();
        } finally {
          await attached.close();
        }
        expect(await sessionsProbe.holds(owner, 'by-worker')).toBe(true);
      } finally {
        await owner.close();
      }
    });

    it('joins the latest owner of the namespace in this process, and a second owner stays apart', async () => {
      const store = open();
      const first = await store();
      try {
        await sessionsProbe.write(first, 'first');
        const second = await store();
        try {
          const attached = await store({ attach: true });
          try {
            expect(await sessionsProbe.holds(attached, 'first')).toBe(false);
            await sessionsProbe.write(attached, 'joined');
            expect(await sessionsProbe.holds(second, 'joined')).toBe(true);
            expect(await sessionsProbe.holds(first, 'joined')).toBe(false);
          } finally {
            await attached.close();
          }
        } finally {
          await second.close();
        }
        // The first owner still reads its own keys: the second never touched them.
        expect(await sessionsProbe.holds(first, 'first')).toBe(true);
      } finally {
        await first.close();
      }
    });

    describeAttachWithoutOwner(memcachedFactory, url, 'mc');
    describeSharedCart(memcachedFactory, url, 'mc');
  });
});
