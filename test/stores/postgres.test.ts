// The PostgreSQL role SQL on a real server: the contracts (where the concurrency tests bite — PGlite runs
// one query at a time), plus what only a networked store has: an unreachable address, a busy namespace.
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UserError } from '../../src/errors.js';
import { postgresFactory } from '../../src/stores/postgres.js';
import { describeAnalyticsContract } from '../contracts/analytics.contract.js';
import { describeSearchContract } from '../contracts/search.contract.js';
import { describeAtomicCheckoutContract } from '../contracts/atomic-checkout.contract.js';
import { describeCatalogContract } from '../contracts/catalog.contract.js';
import { describeCrossStoreContract } from '../contracts/cross-store.contract.js';
import { describeGraphContract } from '../contracts/graph.contract.js';
import { describeInventoryContract } from '../contracts/inventory.contract.js';
import { describeOrdersContract } from '../contracts/orders.contract.js';
import { describeSessionsContract } from '../contracts/sessions.contract.js';
import { ownPostgresDatabase } from '../servers/own-postgres-database.js';
import { describeWithServer } from '../servers/server.js';
import { describeFootprintContract } from '../contracts/footprint.contract.js';

await describeWithServer('postgres', (serverUrl) => {
  // Suites running at the same time use the default namespace (schema polyglot_bench), so this file works in a
  // database of its own; several namespaces in one database: postgres-namespaces.test.ts.
  const database = ownPostgresDatabase(serverUrl, 'pgb_test');
  const open = () => postgresFactory.create({ url: database.url, settings: { pool: 8 } });

  beforeAll(() => database.create());
  afterAll(() => database.drop());

  describeSessionsContract('postgres', open);
  describeCatalogContract('postgres', open);
  describeInventoryContract('postgres', open);
  describeOrdersContract('postgres', open);
  describeGraphContract('postgres', open);
  describeAnalyticsContract('postgres', open);
  describeAtomicCheckoutContract('postgres', open);
  describeCrossStoreContract('postgres', open);
  describeFootprintContract('postgres', open, { url: serverUrl });
  describeSearchContract('postgres', open);

  describe('postgres adapter', () => {
    it('refuses a second run with the same namespace on the same database while the first holds it', async () => {
      const first = await open();
      try {
        await expect(open()).rejects.toThrow(
          /namespace polyglot_bench is held by another polyglot-bench run \(host .+, pid \d+, run started .+\) since .+; wait for it to finish, or give this run its own with --namespace <name>$/,
        );
      } finally {
        await first.close();
      }
      const again = await open();
      await again.close();
    });

    it('drops only its own schema on close', async () => {
      const admin = new pg.Client({ connectionString: database.url });
      await admin.connect();
      await admin.query('CREATE TABLE IF NOT EXISTS public.users_own_table (id int)');
      const store = await open();
      expect(store.info).toMatchObject({ engine: 'PostgreSQL', embedded: false });
      await store.close();
      const tables = await admin.query(
        "SELECT table_schema FROM information_schema.tables WHERE table_name = 'users_own_table'",
      );
      const schemas = await admin.query(
        "SELECT 1 FROM information_schema.schemata WHERE schema_name = 'polyglot_bench'",
      );
      await admin.end();
      expect(tables.rowCount).toBe(1);
      expect(schemas.rowCount).toBe(0);
    });
  });
});

describe('postgres adapter without a server', () => {
  it('names the store and its address, password redacted, in one line', async () => {
    const error = await postgresFactory
      .create({ url: 'postgres://bench:s3cret@127.0.0.1:1/test' })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UserError);
    expect((error as Error).message).toMatch(
      /^store postgres at postgres:\/\/bench:\*\*\*@127\.0\.0\.1:1\/test: /,
    );
    expect((error as Error).message).not.toContain('s3cret');
    expect((error as Error).message).not.toContain('\n');
  });
});
