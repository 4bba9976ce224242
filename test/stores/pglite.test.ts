// Every role contract against PGlite. The suites share one engine (PGlite takes seconds to start) and each
// opens a fresh, empty schema on it, so no suite sees another's writes. The factory itself is tested last.
import { PGlite } from '@electric-sql/pglite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Rollback, inTransaction } from '../../src/stores/sql/client.js';
import { pgliteFactory, pgliteSqlClient } from '../../src/stores/pglite.js';
import { describeAnalyticsContract } from '../contracts/analytics.contract.js';
import { describeAtomicCheckoutContract } from '../contracts/atomic-checkout.contract.js';
import { describeCatalogContract } from '../contracts/catalog.contract.js';
import { describeCrossStoreContract } from '../contracts/cross-store.contract.js';
import { describeGraphContract } from '../contracts/graph.contract.js';
import { describeInventoryContract } from '../contracts/inventory.contract.js';
import { describeOrdersContract } from '../contracts/orders.contract.js';
import { describeSearchContract } from '../contracts/search.contract.js';
import { describeSessionsContract } from '../contracts/sessions.contract.js';
import { useStore } from '../contracts/fixture.js';
import { useSharedPglite } from '../contracts/shared-pglite.js';
import { describeFootprintContract } from '../contracts/footprint.contract.js';

const open = useSharedPglite();

describeSessionsContract('pglite', open);
describeCatalogContract('pglite', open);
describeInventoryContract('pglite', open);
describeOrdersContract('pglite', open);
describeGraphContract('pglite', open);
describeAnalyticsContract('pglite', open);
describeAtomicCheckoutContract('pglite', open);
describeCrossStoreContract('pglite', open);
describeSearchContract('pglite', open);
describeFootprintContract('pglite', open);

describe('pglite factory', () => {
  const store = useStore(() => pgliteFactory.create());

  it('describes itself as an embedded PostgreSQL with the version it reports', () => {
    expect(store().kind).toBe('pglite');
    expect(store().info).toMatchObject({ engine: 'PostgreSQL', embedded: true, address: 'in-process' });
    expect(store().info.version).toMatch(/^\d+\.\d+ \(PGlite \d+\.\d+\.\d+\)$/);
  });

  it('serves every role and the atomic checkout', () => {
    expect(Object.keys(store().roles).sort()).toEqual([...pgliteFactory.roles].sort());
    expect(store().atomicCheckout).toBeDefined();
  });
});

describe('pglite SQL client', () => {
  let pg: PGlite | undefined;
  beforeAll(async () => {
    pg = await PGlite.create();
  });
  afterAll(async () => {
    await pg?.close();
  });
  const db = () => {
    if (!pg) throw new Error('PGlite did not start');
    return pgliteSqlClient(pg);
  };

  it('nests transaction() as a savepoint: an inner Rollback undoes only the inner work', async () => {
    await db().exec('CREATE TABLE notes (body text NOT NULL)');
    const answer = await db().transaction(async (tx) => {
      await tx.query('INSERT INTO notes VALUES ($1)', ['outer']);
      return inTransaction(tx, async (inner) => {
        await inner.query('INSERT INTO notes VALUES ($1)', ['inner']);
        throw new Rollback('refused');
      });
    });
    expect(answer).toBe('refused');
    expect(await db().query('SELECT body FROM notes')).toEqual([{ body: 'outer' }]);
  });

  it('bulk-loads awkward CSV values intact: quotes, commas, newlines, empty strings, NULL, JSON', async () => {
    await db().exec('CREATE TABLE awkward (id integer, label text, extra jsonb)');
    const rows = [
      [1, 'say "hi", then\nleave', { nested: { list: [1, 'two', true] } }],
      [2, '', null],
      [3, null, { quote: '"' }],
    ];
    await db().copyRows('awkward', ['id', 'label', 'extra'], rows);
    expect(await db().query('SELECT id, label, extra FROM awkward ORDER BY id')).toEqual([
      { id: 1, label: 'say "hi", then\nleave', extra: { nested: { list: [1, 'two', true] } } },
      { id: 2, label: '', extra: null },
      { id: 3, label: null, extra: { quote: '"' } },
    ]);
  });
});
