// PostgreSQL stores with different namespaces in ONE database (docs/architecture.md, "What a store does besides its
// roles"): each namespace is its own schema, so two stores open side by side, load, answer the contracts and drop
// only their own schema; the same namespace twice is still refused, naming the holder. The default is unchanged.
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UserError } from '../../src/errors.js';
import { postgresFactory } from '../../src/stores/postgres.js';
import { checkSearchPath } from '../../src/stores/postgres/search-path.js';
import type { SqlClient } from '../../src/stores/sql/client.js';
import { describeAtomicCheckoutContract } from '../contracts/atomic-checkout.contract.js';
import { describeCrossStoreContract } from '../contracts/cross-store.contract.js';
import { role } from '../contracts/fixture.js';
import { describeInventoryContract } from '../contracts/inventory.contract.js';
import { describeSessionsContract } from '../contracts/sessions.contract.js';
import { ownPostgresDatabase } from '../servers/own-postgres-database.js';
import { describeWithServer } from '../servers/server.js';

await describeWithServer('postgres', (serverUrl) => {
  const database = ownPostgresDatabase(serverUrl, 'pgb_namespaces');
  const openIn = (namespace?: string) => () =>
    postgresFactory.create({
      url: database.url,
      settings: namespace === undefined ? { pool: 4 } : { pool: 4, namespace },
    });

  /** The schemas of the database other than the server's own. */
  async function schemas(): Promise<string[]> {
    const client = new pg.Client({ connectionString: database.url });
    await client.connect();
    try {
      const { rows } = await client.query<{ nspname: string }>(
        `SELECT nspname FROM pg_namespace
          WHERE nspname NOT IN ('public', 'information_schema') AND nspname NOT LIKE 'pg\\_%'
          ORDER BY nspname`,
      );
      return rows.map((row) => row.nspname);
    } finally {
      await client.end();
    }
  }

  beforeAll(() => database.create());
  afterAll(() => database.drop());

  // The role statements name no schema: in another namespace they resolve in its schema and still pass.
  describeSessionsContract('postgres, namespace pgb_other', openIn('pgb_other'));
  describeInventoryContract('postgres, namespace pgb_other', openIn('pgb_other'));
  describeAtomicCheckoutContract('postgres, namespace pgb_other', openIn('pgb_other'));
  describeCrossStoreContract('postgres, namespace pgb_other', openIn('pgb_other'));

  describe('postgres namespaces in one database', () => {
    it('opens two namespaces side by side; each reads only its own data and drops only its own schema', async () => {
      const a = await openIn('pgb_shop_a')();
      const b = await openIn('pgb_shop_b')();
      let aOpen = true;
      try {
        await role(a, 'inventory').loadStock([{ productId: 1, priceCents: 100, stock: 5 }]);
        await role(b, 'inventory').loadStock([
          { productId: 1, priceCents: 200, stock: 7 },
          { productId: 2, priceCents: 300, stock: 9 },
        ]);
        await role(a, 'sessions').startSession({ id: 'shopper-a', userId: 1 }, 600);

        expect(await role(a, 'inventory').getStock(1)).toEqual({ productId: 1, priceCents: 100, stock: 5 });
        expect(await role(b, 'inventory').getStock(1)).toEqual({ productId: 1, priceCents: 200, stock: 7 });
        expect(await role(a, 'inventory').getStock(2)).toBeNull();
        expect(await role(b, 'sessions').getSession('shopper-a')).toBeNull();
        expect((await a.footprint!()).source).toBe("pg_total_relation_size of schema pgb_shop_a's tables");
        expect(await schemas()).toEqual(['pgb_shop_a', 'pgb_shop_b']);

        await a.close();
        aOpen = false;
        expect(await schemas()).toEqual(['pgb_shop_b']);
        expect(await role(b, 'inventory').getStock(2)).toEqual({ productId: 2, priceCents: 300, stock: 9 });
      } finally {
        if (aOpen) await a.close();
        await b.close();
      }
      expect(await schemas()).toEqual([]);
    });

    it('refuses the same namespace twice in one line naming the holder, then lets it in once free', async () => {
      const first = await openIn('pgb_shop_a')();
      try {
        const refused = await openIn('pgb_shop_a')().catch((error: unknown) => error);
        expect(refused).toBeInstanceOf(UserError);
        expect((refused as Error).message).toMatch(
          /^store postgres at .+: namespace pgb_shop_a is held by another polyglot-bench run \(host .+, pid \d+, run started .+\) since .+; wait for it to finish, or give this run its own with --namespace <name>$/,
        );
        // A different namespace is not held up by it.
        const other = await openIn('pgb_shop_b')();
        await other.close();
      } finally {
        await first.close();
      }
      const again = await openIn('pgb_shop_a')();
      await again.close();
      expect(await schemas()).toEqual([]);
    });

    it('keeps the default namespace in schema polyglot_bench', async () => {
      const store = await openIn()();
      try {
        expect(await schemas()).toEqual(['polyglot_bench']);
        expect((await store.footprint!()).source).toBe(
          "pg_total_relation_size of schema polyglot_bench's tables",
        );
      } finally {
        await store.close();
      }
      expect(await schemas()).toEqual([]);
    });

    it("keeps to its schema when the URL brings options of its own, never the user's tables of the same name", async () => {
      const admin = new pg.Client({ connectionString: database.url });
      await admin.connect();
      try {
        await admin.query(
          'CREATE TABLE public.stock (product_id integer, price_cents integer, stock integer)',
        );
        await admin.query('INSERT INTO public.stock VALUES (1, 999, 999)');
        const url = new URL(database.url);
        url.searchParams.set('options', '-c statement_timeout=60000');
        const store = await postgresFactory.create({
          url: url.toString(),
          settings: { pool: 2, namespace: 'pgb_shop_a' },
        });
        try {
          await role(store, 'inventory').loadStock([{ productId: 1, priceCents: 100, stock: 5 }]);
          expect(await role(store, 'inventory').getStock(1)).toEqual({
            productId: 1,
            priceCents: 100,
            stock: 5,
          });
        } finally {
          await store.close();
        }
        expect((await admin.query('SELECT price_cents, stock FROM public.stock')).rows).toEqual([
          { price_cents: 999, stock: 999 },
        ]);
      } finally {
        await admin.query('DROP TABLE IF EXISTS public.stock');
        await admin.end();
      }
    });

    it('refuses a namespace that is not a plain lowercase identifier, in one line, touching nothing', async () => {
      for (const namespace of ['Shop', 'shop-a', 'a.b', `x${'y'.repeat(56)}`]) {
        await expect(openIn(namespace)()).rejects.toThrow(
          /^store postgres: namespace names a schema: a lowercase letter or "_", then up to 55 lowercase letters, digits or "_" \(got ".+"\)$/,
        );
      }
      expect(await schemas()).toEqual([]);
    });
  });
});

describe('postgres search_path check', () => {
  it('refuses, in one line, connections whose search_path is not the namespace (a pooler dropping it)', async () => {
    const db = { query: async () => [{ path: '"$user", public' }] } as unknown as SqlClient;
    const refused = await checkSearchPath(db, 'postgres://pooler:6432/shop', 'pgb_shop_a').catch(
      (error: unknown) => error,
    );
    expect(refused).toBeInstanceOf(UserError);
    expect((refused as Error).message).toMatch(
      /^store postgres at postgres:\/\/pooler:6432\/shop: its connections have search_path "\\"\$user\\", public", not the namespace pgb_shop_a; .+ startup option/,
    );
    expect((refused as Error).message).not.toContain('\n');
  });
});
