// The cdc change feed against a real PostgreSQL: committed outbox INSERTs arrive once each with their order,
// rolled-back ones never, a failed apply is offered again, order follows commits, a lost connection misses
// nothing, and stop() leaves neither slot nor publication behind. Needs wal_level = logical (scripts/
// local-stores.sh up sets it): in CI its absence fails the suite, elsewhere the suite is skipped, saying why.
import pg from 'pg';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { placedOrder, type Order } from '../../src/domain.js';
import {
  logicalDecodingSupport,
  openOutboxChangeFeed,
  type ChangeFeed,
  type OutboxChange,
} from '../../src/propagation/cdc/postgres-change-feed.js';
import type { InventoryRole, ReserveRequest } from '../../src/roles.js';
import { DEFAULT_NAMESPACE } from '../../src/stores/namespace-setting.js';
import { postgresFactory } from '../../src/stores/postgres.js';
import type { StoreAdapter } from '../../src/stores/types.js';
import { describeWithServer, serverUrl } from '../servers/server.js';

/** A guard against hanging, not a speed assertion: delivery normally takes milliseconds. */
const WAIT_MS = 20_000;
const PRODUCT = { productId: 1, priceCents: 250, stock: 1_000_000 };

async function waitFor(what: string, condition: () => boolean | Promise<boolean>): Promise<void> {
  const deadline = performance.now() + WAIT_MS;
  while (!(await condition())) {
    if (performance.now() > deadline) throw new Error(`gave up waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** What a feed delivered: every apply call (attempts) and the changes of those that succeeded. */
class Collector {
  readonly attempts: OutboxChange[][] = [];
  readonly applied: OutboxChange[] = [];
  failNext = 0;

  constructor(private readonly inventory: InventoryRole) {}

  readonly apply = async (changes: OutboxChange[]): Promise<void> => {
    this.attempts.push(changes);
    if (this.failNext > 0) {
      this.failNext -= 1;
      throw new Error('derived store unavailable (test)');
    }
    this.applied.push(...changes);
    // As the cdc relay does: the catch-up read after a reconnect skips rows marked applied.
    await this.inventory.markOutboxApplied(changes.map((change) => change.seq));
  };

  appliedIds(): string[] {
    return this.applied.map((change) => change.order.id);
  }

  has(...orderIds: string[]): boolean {
    const ids = new Set(this.appliedIds());
    return orderIds.every((id) => ids.has(id));
  }
}

function testOrder(id: string): Order {
  return {
    id,
    userId: 42,
    createdAt: Date.UTC(2024, 0, 1),
    lines: [{ productId: PRODUCT.productId, categoryId: 3, quantity: 2, unitPriceCents: 250 }],
    totalCents: 500,
  };
}

function feedSuite(server: string): void {
  // The store under test uses the default namespace (schema polyglot_bench), so this file works in a database of
  // its own.
  const database = `pgb_cdc_test_${process.pid}_${Date.now()}`;
  const url = new URL(server);
  url.pathname = `/${database}`;
  const databaseUrl = url.toString();
  let store: StoreAdapter;
  let sql: pg.Client;
  let sequence = 0;
  const uniqueId = (label: string) => `${label}-${++sequence}`;
  const inventory = () => store.roles.inventory as InventoryRole;

  async function admin<T>(job: (client: pg.Client) => Promise<T>): Promise<T> {
    const client = new pg.Client({ connectionString: server });
    await client.connect();
    try {
      return await job(client);
    } finally {
      await client.end();
    }
  }

  async function insertOutbox(order: Order, client: pg.Client = sql): Promise<number> {
    const result = await client.query<{ seq: string }>(
      'INSERT INTO polyglot_bench.outbox (order_id, payload) VALUES ($1, $2::jsonb) RETURNING seq',
      [order.id, JSON.stringify(order)],
    );
    return Number(result.rows[0]?.seq);
  }

  /** The tool's slots and publication left in this database. */
  async function leftovers(): Promise<{ slots: string[]; publications: string[] }> {
    const slots = await sql.query<{ slot_name: string }>(
      "SELECT slot_name FROM pg_replication_slots WHERE database = current_database() AND slot_name LIKE 'polyglot_bench_%'",
    );
    const publications = await sql.query<{ pubname: string }>(
      "SELECT pubname FROM pg_publication WHERE pubname = 'polyglot_bench_outbox'",
    );
    return {
      slots: slots.rows.map((row) => row.slot_name),
      publications: publications.rows.map((row) => row.pubname),
    };
  }

  async function withFeed(body: (feed: ChangeFeed, collector: Collector) => Promise<void>): Promise<void> {
    const feed = await openOutboxChangeFeed(databaseUrl, DEFAULT_NAMESPACE);
    const collector = new Collector(inventory());
    try {
      await body(feed, collector);
    } finally {
      await feed.stop();
    }
  }

  beforeAll(async () => {
    await admin((client) => client.query(`CREATE DATABASE ${database}`));
    // The real store creates the real outbox table (and holds the namespace lock, as in a run).
    store = await postgresFactory.create({ url: databaseUrl, settings: { pool: 4 } });
    await inventory().loadStock([PRODUCT]);
    sql = new pg.Client({ connectionString: databaseUrl });
    await sql.connect();
  });

  afterAll(async () => {
    await sql?.end();
    await store?.close();
    await admin((client) => client.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`));
  });

  beforeEach(async () => {
    await sql.query('TRUNCATE polyglot_bench.outbox');
  });

  it('reports logical decoding as supported on this server', async () => {
    expect(await logicalDecodingSupport(databaseUrl)).toEqual({ ok: true });
  });

  it('delivers each checkout committed after start once, with its order', async () => {
    await withFeed(async (feed, collector) => {
      expect(feed.description).toMatch(
        /^PostgreSQL logical decoding \(pgoutput, temporary slot polyglot_bench_\d+_[0-9a-f]{8}, publication polyglot_bench_outbox\)$/,
      );
      feed.start(collector.apply);
      const expected: Order[] = [];
      for (let i = 0; i < 5; i++) {
        const request: ReserveRequest = {
          orderId: uniqueId('checkout'),
          userId: 100 + i,
          createdAt: Date.UTC(2024, 0, 1) + i,
          lines: [{ productId: PRODUCT.productId, categoryId: 3, quantity: i + 1 }],
          writeOutbox: true,
        };
        const reservation = await inventory().reserve(request);
        if (!reservation.ok) throw new Error('reservation refused');
        expected.push(placedOrder(request, reservation.lines));
      }
      await waitFor('five orders', () => collector.applied.length >= expected.length);
      // The WAL can deliver a commit a moment before other sessions see its rows, so a mark can miss a row: the
      // relay's drain marks again what it applied (cdc-relay.ts), and so does this wait.
      await waitFor('rows marked applied', async () => {
        await inventory().markOutboxApplied(collector.applied.map((change) => change.seq));
        return (await inventory().pendingOutbox(10)).length === 0;
      });
      expect(collector.applied.map((change) => change.order)).toEqual(expected);
      expect(new Set(collector.applied.map((change) => change.seq)).size).toBe(expected.length);
      expect(feed.errors).toBe(0);
    });
  });

  it('never delivers an insert whose transaction rolled back', async () => {
    await withFeed(async (feed, collector) => {
      feed.start(collector.apply);
      const rolledBack = testOrder(uniqueId('rolled-back'));
      await sql.query('BEGIN');
      await insertOutbox(rolledBack);
      await sql.query('ROLLBACK');
      const committed = testOrder(uniqueId('committed'));
      await insertOutbox(committed);
      // The committed row follows the rolled-back one in the WAL: once it is here, the other had its chance.
      await waitFor('the committed order', () => collector.has(committed.id));
      expect(collector.appliedIds()).toEqual([committed.id]);
    });
  });

  it('offers changes again after apply throws, skipping nothing', async () => {
    await withFeed(async (feed, collector) => {
      collector.failNext = 2;
      feed.start(collector.apply);
      const first = testOrder(uniqueId('first'));
      const second = testOrder(uniqueId('second'));
      await insertOutbox(first);
      await insertOutbox(second);
      await waitFor('both orders', () => collector.has(first.id, second.id));
      expect(collector.appliedIds()).toEqual([first.id, second.id]);
      const offersOfFirst = collector.attempts.filter((batch) => batch.some((c) => c.order.id === first.id));
      expect(offersOfFirst.length).toBe(3);
      expect(feed.errors).toBe(2);
      expect((feed.lastError as Error).message).toBe('derived store unavailable (test)');
    });
  });

  it('delivers in commit order, a transaction whole and in seq order', async () => {
    await withFeed(async (feed, collector) => {
      feed.start(collector.apply);
      const singles = Array.from({ length: 10 }, () => testOrder(uniqueId('single')));
      for (const order of singles) await insertOutbox(order);
      const together = Array.from({ length: 3 }, () => testOrder(uniqueId('together')));
      await sql.query('BEGIN');
      for (const order of together) await insertOutbox(order);
      await sql.query('COMMIT');
      await waitFor('thirteen orders', () => collector.applied.length >= 13);
      expect(collector.appliedIds()).toEqual([...singles, ...together].map((order) => order.id));
      const seqs = collector.applied.map((change) => change.seq);
      expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
      const withTogether = collector.attempts.filter((batch) =>
        batch.some((change) => change.order.id.startsWith('together')),
      );
      expect(withTogether).toHaveLength(1);
      expect(withTogether[0]?.filter((change) => change.order.id.startsWith('together'))).toHaveLength(3);
    });
  });

  it('delivers rows committed before it opened that are still unapplied, then the stream', async () => {
    const applied = testOrder(uniqueId('applied-before'));
    const pending = testOrder(uniqueId('pending-before'));
    await inventory().markOutboxApplied([await insertOutbox(applied)]);
    await insertOutbox(pending);
    await withFeed(async (feed, collector) => {
      feed.start(collector.apply);
      const after = testOrder(uniqueId('after'));
      await insertOutbox(after);
      await waitFor('the pending and the new order', () => collector.has(pending.id, after.id));
      expect(collector.appliedIds()).toEqual([pending.id, after.id]);
    });
  });

  it('reconnects after losing its replication connection and misses nothing committed meanwhile', async () => {
    await withFeed(async (feed, collector) => {
      feed.start(collector.apply);
      const before = testOrder(uniqueId('before-loss'));
      await insertOutbox(before);
      await waitFor('the first order', () => collector.has(before.id));
      const firstSlot = feed.description;
      const killed = await sql.query(
        `SELECT pg_terminate_backend(active_pid) FROM pg_replication_slots
          WHERE database = current_database() AND slot_name LIKE 'polyglot_bench_%' AND active`,
      );
      expect(killed.rowCount).toBe(1);
      // Committed while the feed has no slot: only the catch-up read of the next slot can deliver it.
      const during = testOrder(uniqueId('during-loss'));
      await insertOutbox(during);
      await waitFor('a reconnect', () => feed.reconnects >= 1);
      const after = testOrder(uniqueId('after-loss'));
      await insertOutbox(after);
      await waitFor('every order', () => collector.has(during.id, after.id));
      expect(new Set(collector.appliedIds())).toEqual(new Set([before.id, during.id, after.id]));
      expect(feed.errors).toBeGreaterThanOrEqual(1);
      expect(feed.description).not.toBe(firstSlot);
    });
    expect(await leftovers()).toEqual({ slots: [], publications: [] });
  });

  it('leaves no replication slot and no publication after stop', async () => {
    const feed = await openOutboxChangeFeed(databaseUrl, DEFAULT_NAMESPACE);
    const collector = new Collector(inventory());
    feed.start(collector.apply);
    const order = testOrder(uniqueId('one'));
    await insertOutbox(order);
    await waitFor('the order', () => collector.has(order.id));
    expect((await leftovers()).slots).toHaveLength(1);
    expect((await leftovers()).publications).toEqual(['polyglot_bench_outbox']);
    await feed.stop();
    expect(await leftovers()).toEqual({ slots: [], publications: [] });
    expect(feed.errors).toBe(0);
  });

  it("keeps another namespace's feed in the same database apart: its own publication, only its own rows", async () => {
    const otherNamespace = 'pgb_cdc_other';
    const other = await postgresFactory.create({
      url: databaseUrl,
      settings: { pool: 2, namespace: otherNamespace },
    });
    const otherInventory = other.roles.inventory as InventoryRole;
    await otherInventory.loadStock([PRODUCT]);
    const mine = await openOutboxChangeFeed(databaseUrl, DEFAULT_NAMESPACE);
    const theirs = await openOutboxChangeFeed(databaseUrl, otherNamespace);
    const publications = async () =>
      (await sql.query<{ pubname: string }>('SELECT pubname FROM pg_publication ORDER BY pubname')).rows.map(
        (row) => row.pubname,
      );
    try {
      expect(theirs.description).toMatch(/, publication pgb_cdc_other_outbox\)$/);
      expect(await publications()).toEqual(['pgb_cdc_other_outbox', 'polyglot_bench_outbox']);
      const mineCollector = new Collector(inventory());
      const theirsCollector = new Collector(otherInventory);
      mine.start(mineCollector.apply);
      theirs.start(theirsCollector.apply);
      // Committed in this order, so once each feed has its last row it has also decoded the other's.
      const [first, between, last] = ['mine', 'theirs', 'mine'].map((label) => testOrder(uniqueId(label)));
      await insertOutbox(first!);
      await sql.query(`INSERT INTO ${otherNamespace}.outbox (order_id, payload) VALUES ($1, $2::jsonb)`, [
        between!.id,
        JSON.stringify(between),
      ]);
      await insertOutbox(last!);
      await waitFor(
        'each feed its own rows',
        () => mineCollector.has(first!.id, last!.id) && theirsCollector.has(between!.id),
      );
      expect(mineCollector.appliedIds()).toEqual([first!.id, last!.id]);
      expect(theirsCollector.appliedIds()).toEqual([between!.id]);

      // Stopping one namespace's feed drops only its publication.
      await theirs.stop();
      expect(await publications()).toEqual(['polyglot_bench_outbox']);
    } finally {
      await theirs.stop();
      await mine.stop();
      await other.close();
    }
  });

  it('refuses a database without the outbox table, saying to open the inventory store first', async () => {
    const empty = `${database}_empty`;
    await admin((client) => client.query(`CREATE DATABASE ${empty}`));
    try {
      const emptyUrl = new URL(server);
      emptyUrl.pathname = `/${empty}`;
      await expect(openOutboxChangeFeed(emptyUrl.toString(), DEFAULT_NAMESPACE)).rejects.toThrow(
        /no polyglot_bench\.outbox table in this database; open the inventory store/,
      );
    } finally {
      await admin((client) => client.query(`DROP DATABASE IF EXISTS ${empty} WITH (FORCE)`));
    }
  });
}

const support = await logicalDecodingSupport(serverUrl('postgres'));

await describeWithServer('postgres', (server) => {
  const title = 'cdc change feed (PostgreSQL logical decoding)';
  if (support.ok) {
    describe(title, () => feedSuite(server));
  } else if (process.env.CI === 'true') {
    describe(title, () => {
      it('has logical decoding on the server (required in CI)', () => {
        const hint = support.reason.startsWith('wal_level')
          ? ' (scripts/local-stores.sh up sets it on the local server)'
          : '';
        throw new Error(`${support.reason}${hint}`);
      });
    });
  } else {
    describe.skip(`${title} — unavailable: ${support.reason}`, () => feedSuite(server));
  }
});
