// Every role contract against a real MySQL/MariaDB server, plus what only this adapter promises: one-line errors
// with the password redacted, a database of its own that close() drops (and nothing else), JSON documents intact.
// Each suite opens its store in a namespace of its own, so suites never see each other's rows.
import net from 'node:net';
import { createConnection, type Connection, type RowDataPacket } from 'mysql2/promise';
import { describe, expect, it } from 'vitest';
import type { Product } from '../../src/domain.js';
import { UserError } from '../../src/errors.js';
import { mysqlFactory } from '../../src/stores/mysql.js';
import { openOwnDatabase } from '../../src/stores/mysql/database.js';
import { poolClient } from '../../src/stores/mysql/pool-client.js';
import { mysqlServer, mysqlSettings } from '../../src/stores/mysql/settings.js';
import { describeAnalyticsContract } from '../contracts/analytics.contract.js';
import { describeSearchContract } from '../contracts/search.contract.js';
import { describeAtomicCheckoutContract } from '../contracts/atomic-checkout.contract.js';
import { describeCatalogContract } from '../contracts/catalog.contract.js';
import { describeCrossStoreContract } from '../contracts/cross-store.contract.js';
import { describeGraphContract } from '../contracts/graph.contract.js';
import { describeInventoryContract } from '../contracts/inventory.contract.js';
import { describeOrdersContract } from '../contracts/orders.contract.js';
import { describeSessionsContract } from '../contracts/sessions.contract.js';
import { FIXTURE, role, useStore } from '../contracts/fixture.js';
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

async function databases(admin: Connection): Promise<string[]> {
  const [rows] = await admin.query<RowDataPacket[]>('SHOW DATABASES');
  return rows.map((row) => String(Object.values(row)[0]));
}

async function withAdmin<T>(url: string, fn: (admin: Connection) => Promise<T>): Promise<T> {
  const admin = await createConnection(url);
  try {
    return await fn(admin);
  } finally {
    await admin.end();
  }
}

await describeWithServer('mysql', (url) => {
  const open = () => mysqlFactory.create({ url, settings: { namespace: uniqueNamespace() } });

  describeSessionsContract('mysql', open);
  describeCatalogContract('mysql', open);
  describeInventoryContract('mysql', open);
  describeOrdersContract('mysql', open);
  describeGraphContract('mysql', open);
  describeAnalyticsContract('mysql', open);
  describeAtomicCheckoutContract('mysql', open);
  describeCrossStoreContract('mysql', open);
  describeFootprintContract('mysql', open, { url });
  describeSearchContract('mysql', open);

  describe('mysql factory', () => {
    const store = useStore(open);

    it('describes the server it reached, as it reports itself', () => {
      expect(store().kind).toBe('mysql');
      expect(store().info).toMatchObject({ embedded: false, address: url });
      expect(['MySQL', 'MariaDB']).toContain(store().info.engine);
      expect(store().info.version).toMatch(/^\d+\.\d+\.\d+$/);
    });

    it('serves every role and the atomic checkout', () => {
      expect(Object.keys(store().roles).sort()).toEqual([...mysqlFactory.roles].sort());
      expect(store().atomicCheckout).toBeDefined();
    });

    it('keeps JSON attribute values and their types, including nested documents and awkward text', async () => {
      // The role's type holds scalars only; the column holds any JSON, which the nested values check.
      const attributes = {
        title: "Ünïcödé “quotes” 'single' \\back\\slash\nnewline\ttab 🚀",
        empty: '',
        zero: 0,
        negative: -12.75,
        tiny: 1e-7,
        largest: Number.MAX_SAFE_INTEGER,
        yes: true,
        no: false,
        nested: { sizes: [38, 38.5, 39], label: { en: 'shoe', de: 'Schuh' }, none: null },
      } as unknown as Product['attributes'];
      const product: Product = {
        id: 9001,
        sku: 'JS-9001',
        name: 'JSON round trip',
        categoryId: 1,
        priceCents: 1,
        attributes,
      };
      const catalog = role(store(), 'catalog');
      await catalog.loadCatalog([{ id: 1, name: 'Books' }], [product]);
      const read = await catalog.getProduct(product.id);
      expect(read).toStrictEqual(product);
    });
  });

  describe('mysql store lifecycle', () => {
    it('reports an unreachable server as one-line UserError with the password redacted', async () => {
      const port = await closedPort();
      const attempt = mysqlFactory.create({ url: `mysql://root:s3cret@127.0.0.1:${port}/test` });
      await expect(attempt).rejects.toBeInstanceOf(UserError);
      await expect(attempt).rejects.toThrow(
        new UserError(`store mysql at mysql://root:***@127.0.0.1:${port}/test: connection refused`),
      );
    });

    it('refuses a namespace that is not a plain database name, and an unknown setting', async () => {
      await expect(
        mysqlFactory.create({ url, settings: { namespace: 'x`; DROP DATABASE test' } }),
      ).rejects.toThrow(UserError);
      await expect(mysqlFactory.create({ url, settings: { namespace: 'other.db' } })).rejects.toThrow(
        UserError,
      );
      await expect(mysqlFactory.create({ url, settings: { pool: 0 } })).rejects.toThrow(UserError);
      await expect(mysqlFactory.create({ url, settings: { poolSize: 4 } })).rejects.toThrow(
        /unknown setting/,
      );
    });

    it('refuses a second store on a namespace in use, and takes the namespace once the first closed', async () => {
      const namespace = uniqueNamespace();
      const first = await mysqlFactory.create({ url, settings: { namespace } });
      try {
        await expect(mysqlFactory.create({ url, settings: { namespace } })).rejects.toThrow(
          new RegExp(
            `^store mysql at ${url.replaceAll('.', '\\.')}: namespace ${namespace} is held by another polyglot-bench run ` +
              `\\(host .+, pid ${process.pid}, run started .+\\) since .+; wait for it to finish`,
          ),
        );
        // The refused store left the first one's tables alone.
        await role(first, 'inventory').loadStock(FIXTURE.stock);
        expect(await role(first, 'inventory').getStock(1)).not.toBeNull();
      } finally {
        await first.close();
      }
      const second = await mysqlFactory.create({ url, settings: { namespace } });
      await second.close();
    });

    it('replaces a leftover database of its own namespace and drops only that database on close', async () => {
      const mine = uniqueNamespace();
      const neighbour = uniqueNamespace();
      const unrelated = uniqueNamespace();
      await withAdmin(url, async (admin) => {
        await admin.query(`CREATE DATABASE ${mine}`);
        await admin.query(`CREATE TABLE ${mine}.leftover (id INT)`);
        await admin.query(`CREATE DATABASE ${unrelated}`);
        await admin.query(`CREATE TABLE ${unrelated}.keep (id INT)`);
        await admin.query(`INSERT INTO ${unrelated}.keep VALUES (1)`);
      });
      try {
        const store = await mysqlFactory.create({ url, settings: { namespace: mine } });
        const other = await mysqlFactory.create({ url, settings: { namespace: neighbour } });
        await withAdmin(url, async (admin) => {
          const [tables] = await admin.query<RowDataPacket[]>(`SHOW TABLES FROM ${mine} LIKE 'leftover'`);
          expect(tables).toEqual([]);
          expect(await databases(admin)).toEqual(expect.arrayContaining([mine, neighbour, unrelated]));
        });

        await store.close();
        await withAdmin(url, async (admin) => {
          const names = await databases(admin);
          expect(names).not.toContain(mine);
          expect(names).toEqual(expect.arrayContaining([neighbour, unrelated]));
          const [kept] = await admin.query<RowDataPacket[]>(`SELECT id FROM ${unrelated}.keep`);
          expect(kept).toEqual([{ id: 1 }]);
        });
        // The neighbour still works after another store closed.
        await role(other, 'inventory').loadStock(FIXTURE.stock);
        expect(await role(other, 'inventory').getStock(1)).toEqual({
          productId: 1,
          priceCents: 1500,
          stock: 100,
        });
        await other.close();
      } finally {
        await withAdmin(url, async (admin) => {
          for (const name of [mine, neighbour, unrelated])
            await admin.query(`DROP DATABASE IF EXISTS ${name}`);
        });
      }
    });
  });

  describe('mysql transactions', () => {
    it("runs a deadlock victim's transaction again", async () => {
      const database = await openOwnDatabase(
        mysqlServer(url),
        mysqlSettings({ namespace: uniqueNamespace() }),
      );
      try {
        const db = poolClient(database.pool);
        await db.insertRows(
          'stock',
          ['product_id', 'price_cents', 'stock', 'initial_stock'],
          [
            [1, 100, 10, 10],
            [2, 100, 10, 10],
          ],
        );
        // Both transactions lock their first row, wait for each other, then ask for the other's row: a cycle
        // InnoDB breaks at once by rolling one back. The barrier only holds on the first attempts.
        let arrived = 0;
        let bothLocked: () => void = () => {};
        const barrier = new Promise<void>((resolve) => (bothLocked = resolve));
        let attempts = 0;
        const crossed = (first: number, second: number) =>
          db.transaction(async (tx) => {
            attempts += 1;
            await tx.write('UPDATE stock SET stock = stock - 1 WHERE product_id = ?', [first]);
            arrived += 1;
            if (arrived === 2) bothLocked();
            await barrier;
            await tx.write('UPDATE stock SET stock = stock - 1 WHERE product_id = ?', [second]);
          });
        await Promise.all([crossed(1, 2), crossed(2, 1)]);
        expect(attempts).toBe(3);
        expect(await db.query('SELECT product_id, stock FROM stock ORDER BY product_id')).toEqual([
          { product_id: 1, stock: 8 },
          { product_id: 2, stock: 8 },
        ]);
      } finally {
        await database.drop();
      }
    });
  });
});
