// The analytics contract against a real ClickHouse server, plus what only this adapter promises: values escaped by
// hand (no query parameters on 18.16) survive hostile text, an order delivered twice counts once, a database of its
// own that close() drops (and nothing else), and one-line errors with the password redacted.
import net from 'node:net';
import { ClickHouseLogLevel, createClient, type ClickHouseClient } from '@clickhouse/client';
import { describe, expect, it } from 'vitest';
import type { Order } from '../../src/domain.js';
import { UserError } from '../../src/errors.js';
import { clickhouseFactory } from '../../src/stores/clickhouse.js';
import { LOAD_BATCH_ROWS } from '../../src/stores/clickhouse/analytics.js';
import { serverMessage } from '../../src/stores/clickhouse/errors.js';
import { sqlIdentifier, sqlInteger, sqlString } from '../../src/stores/clickhouse/sql.js';
import { redactedAddress } from '../../src/stores/server-address.js';
import { describeAnalyticsContract } from '../contracts/analytics.contract.js';
import {
  BEFORE_FIXTURE,
  FIXTURE,
  SINCE_ALL_FIXTURE,
  fixtureOrder,
  line,
  order,
  role,
  uniqueId,
  useStore,
} from '../contracts/fixture.js';
import { describeWithServer } from '../servers/server.js';
import { describeFootprintContract } from '../contracts/footprint.contract.js';

let namespaces = 0;
/** Unique per suite and per test process, so parallel runs on one server never share a database. */
function uniqueNamespace(): string {
  namespaces += 1;
  return `pb_test_ch_${process.pid}_${namespaces}_${Math.random().toString(36).slice(2, 8)}`;
}

/** A port nothing listens on: bound by the OS, then released. */
async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** Text that breaks naive quoting: quotes, backslashes (one trailing), NUL and other control bytes, SQL. */
const HOSTILE = [
  "it's",
  "''",
  '\\',
  'ends with a backslash \\',
  "\\'; DROP DATABASE default; --",
  "'; SELECT 1; --",
  'back\\slash\\\\double',
  'nul \0 byte',
  'line\nbreak\r\ttab',
  '\x01\x1f\x7f control',
  '"double" `back` ticks',
  '{param:String} $1 ? %s',
  'Ünïcödé “quotes” 🚀',
  '',
];

describe('clickhouse SQL values', () => {
  it('quotes strings with the quote, the backslash and NUL escaped', () => {
    expect(sqlString('plain')).toBe("'plain'");
    expect(sqlString("it's")).toBe("'it\\'s'");
    expect(sqlString('a\\')).toBe("'a\\\\'");
    expect(sqlString('a\0b')).toBe("'a\\0b'");
    // Whatever the text, the literal is one quoted token: every quote inside it is escaped.
    for (const text of HOSTILE) {
      const inner = sqlString(text).slice(1, -1);
      expect(inner.replace(/\\[\\'0]/g, '')).not.toMatch(/['\\\0]/);
    }
  });

  it('splices only safe integers and plain identifiers', () => {
    expect(sqlInteger(-5)).toBe('-5');
    expect(sqlInteger(1_704_067_200_000)).toBe('1704067200000');
    for (const bad of [1.5, Number.NaN, Number.POSITIVE_INFINITY, 2 ** 53]) {
      expect(() => sqlInteger(bad)).toThrow(RangeError);
    }
    expect(sqlIdentifier('polyglot_bench')).toBe('`polyglot_bench`');
    for (const bad of ['', '1abc', 'a.b', 'a`b', '..', 'a'.repeat(65)]) {
      expect(() => sqlIdentifier(bad)).toThrow(RangeError);
    }
  });

  it('reads server errors of 18.16 and of current versions as one plain line', () => {
    expect(
      serverMessage(
        new Error(
          'Code: 192, e.displayText() = DB::Exception: Unknown user nobody, e.what() = DB::Exception\n',
        ),
      ),
    ).toBe('Unknown user nobody');
    expect(
      serverMessage(
        new Error('Code: 516. DB::Exception: nobody: Authentication failed. (AUTHENTICATION_FAILED)\n'),
      ),
    ).toBe('nobody: Authentication failed. (AUTHENTICATION_FAILED)');
    expect(serverMessage(Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }))).toBe(
      'connection refused',
    );
  });
});

describe('clickhouse settings', () => {
  it('refuses a namespace that is not a plain database name, an unknown setting and a non-HTTP url', async () => {
    const url = 'http://127.0.0.1:8123';
    for (const namespace of ['x`; DROP DATABASE default', 'other.db', '..', '', 7]) {
      await expect(clickhouseFactory.create({ url, settings: { namespace } })).rejects.toThrow(
        /^store clickhouse: namespace must be/,
      );
    }
    await expect(clickhouseFactory.create({ url, settings: { database: 'x' } })).rejects.toThrow(
      new UserError('store clickhouse: unknown setting "database" (known: namespace)'),
    );
    await expect(clickhouseFactory.create({ url: 'tcp://u:pw@127.0.0.1:9000' })).rejects.toThrow(
      new UserError(
        'store clickhouse at tcp://u:***@127.0.0.1:9000: expected an http:// or https:// URL (the HTTP interface, port 8123)',
      ),
    );
  });

  it('reports an unreachable server as a one-line UserError with the password redacted', async () => {
    const port = await closedPort();
    const attempt = clickhouseFactory.create({ url: `http://default:s3cret@127.0.0.1:${port}` });
    await expect(attempt).rejects.toBeInstanceOf(UserError);
    await expect(attempt).rejects.toThrow(
      new UserError(`store clickhouse at http://default:***@127.0.0.1:${port}/: connection refused`),
    );
  });
});

/** Runs fn with a client of the test's own, for looking at the server from outside the adapter. */
async function withClient<T>(url: string, fn: (client: ClickHouseClient) => Promise<T>): Promise<T> {
  const client = createClient({ url, log: { level: ClickHouseLogLevel.OFF } });
  try {
    return await fn(client);
  } finally {
    await client.close();
  }
}

async function select<T>(client: ClickHouseClient, query: string): Promise<T[]> {
  return (await client.query({ query, format: 'JSONEachRow' })).json<T>();
}

async function databases(client: ClickHouseClient): Promise<string[]> {
  return (await select<{ name: string }>(client, 'SELECT name FROM system.databases')).map((row) => row.name);
}

await describeWithServer('clickhouse', (url) => {
  describeFootprintContract(
    'clickhouse',
    () => clickhouseFactory.create({ url, settings: { namespace: uniqueNamespace() } }),
    { url },
  );
  describeAnalyticsContract('clickhouse', () =>
    clickhouseFactory.create({ url, settings: { namespace: uniqueNamespace() } }),
  );

  describe('clickhouse adapter', () => {
    const store = useStore(
      () => clickhouseFactory.create({ url, settings: { namespace: uniqueNamespace() } }),
      (adapter) => role(adapter, 'analytics').loadSales(FIXTURE.orders),
    );
    const analytics = () => role(store(), 'analytics');

    it('describes the server it reached, as it reports itself', () => {
      expect(store().kind).toBe('clickhouse');
      expect(store().info).toMatchObject({
        engine: 'ClickHouse',
        embedded: false,
        address: redactedAddress(url),
      });
      expect(store().info.version).toMatch(/^\d+\.\d+/);
      expect(Object.keys(store().roles)).toEqual(['analytics']);
    });

    it('round-trips hostile strings through a literal and through an order id', async () => {
      await withClient(url, async (client) => {
        for (const text of HOSTILE) {
          const [row] = await select<{ text: string }>(client, `SELECT ${sqlString(text)} AS text`);
          expect(row?.text).toBe(text);
        }
      });
      for (const text of HOSTILE.filter((candidate) => candidate !== '')) {
        const id = `${uniqueId('hostile')} ${text}`;
        await analytics().recordOrder(order(id, 7, BEFORE_FIXTURE, [line(6, 1)]));
        expect(await analytics().hasOrder(id)).toBe(true);
        // A near miss is no match: the literal compared the whole text, not a prefix cut at a quote.
        expect(await analytics().hasOrder(`${id}x`)).toBe(false);
      }
    });

    it('counts an order delivered several times once, in every answer', async () => {
      const answers = async () => ({
        top: await analytics().topProducts(SINCE_ALL_FIXTURE, 100),
        revenue: await analytics().revenueByCategory(SINCE_ALL_FIXTURE),
        audit: (await analytics().auditOrders()).filter((row) => !row.orderId.startsWith('hostile')),
      });
      const before = await answers();
      // The relay retries both ways: a per-order apply, and a fixture order arriving again with a bulk load.
      await analytics().recordOrder(fixtureOrder('o5'));
      await analytics().recordOrder(fixtureOrder('o5'));
      await analytics().loadSales([fixtureOrder('o1'), fixtureOrder('o1')]);
      expect(await answers()).toEqual(before);
    });
  });

  describe('clickhouse bulk load', () => {
    const store = useStore(() =>
      clickhouseFactory.create({ url, settings: { namespace: uniqueNamespace() } }),
    );

    it('loads more lines than one insert batch holds, each line once', async () => {
      const count = LOAD_BATCH_ROWS + 1_234;
      const orders: Order[] = Array.from({ length: count }, (_, index) =>
        order(`bulk-${index}`, 1 + (index % 8), BEFORE_FIXTURE + index, [line(1 + (index % 10), 1)]),
      );
      await role(store(), 'analytics').loadSales(orders);
      const audit = await role(store(), 'analytics').auditOrders();
      expect(audit).toHaveLength(count);
      expect(audit.every((row) => row.rows === 1 && row.units === 1)).toBe(true);
      const top = await role(store(), 'analytics').topProducts(BEFORE_FIXTURE, 100);
      expect(top.reduce((sum, row) => sum + row.units, 0)).toBe(count);
    });
  });

  describe('clickhouse store lifecycle', () => {
    it('replaces a leftover database of its own namespace and drops only that database on close', async () => {
      const mine = uniqueNamespace();
      const neighbour = uniqueNamespace();
      const unrelated = uniqueNamespace();
      await withClient(url, async (client) => {
        await client.command({ query: `CREATE DATABASE ${mine}` });
        await client.command({ query: `CREATE TABLE ${mine}.leftover (id UInt8) ENGINE = Memory` });
        await client.command({ query: `CREATE DATABASE ${unrelated}` });
        await client.command({ query: `CREATE TABLE ${unrelated}.keep (id UInt8) ENGINE = Memory` });
        await client.command({ query: `INSERT INTO ${unrelated}.keep VALUES (1)` });
      });
      try {
        const store = await clickhouseFactory.create({ url, settings: { namespace: mine } });
        const other = await clickhouseFactory.create({ url, settings: { namespace: neighbour } });
        await withClient(url, async (client) => {
          const tables = await select<{ name: string }>(
            client,
            `SELECT name FROM system.tables WHERE database = ${sqlString(mine)}`,
          );
          // The leftover is gone; the lease marker (clickhouse/lease.ts) holds the namespace while the store is open.
          expect(tables.map((row) => row.name)).toEqual(['polyglot_bench_lease', 'sales']);
          expect(await databases(client)).toEqual(expect.arrayContaining([mine, neighbour, unrelated]));
        });

        await store.close();
        await store.close(); // a second close is a no-op, not an error
        await withClient(url, async (client) => {
          const names = await databases(client);
          expect(names).not.toContain(mine);
          expect(names).toEqual(expect.arrayContaining([neighbour, unrelated, 'default', 'system']));
          expect(await select(client, `SELECT id FROM ${unrelated}.keep`)).toEqual([{ id: 1 }]);
        });
        // The neighbour still works after another store closed.
        const placed = order(uniqueId('neighbour'), 8, BEFORE_FIXTURE, [line(7, 2)]);
        await role(other, 'analytics').recordOrder(placed);
        expect(await role(other, 'analytics').hasOrder(placed.id)).toBe(true);
        await other.close();
        await withClient(url, async (client) => expect(await databases(client)).not.toContain(neighbour));
      } finally {
        await withClient(url, async (client) => {
          for (const name of [mine, neighbour, unrelated]) {
            await client.command({ query: `DROP DATABASE IF EXISTS ${name}` });
          }
        });
      }
    });

    it('reports a login the server refuses as a one-line UserError with the password redacted', async () => {
      const refused = new URL(url);
      refused.username = 'polyglot_bench_no_such_user';
      refused.password = 's3cret';
      const attempt = clickhouseFactory.create({
        url: refused.href,
        settings: { namespace: uniqueNamespace() },
      });
      await expect(attempt).rejects.toBeInstanceOf(UserError);
      const message = await attempt.then(
        () => '',
        (error: unknown) => (error as Error).message,
      );
      expect(message.startsWith(`store clickhouse at ${redactedAddress(refused.href)}: `)).toBe(true);
      expect(message).toContain('polyglot_bench_no_such_user');
      expect(message).not.toContain('s3cret');
      expect(message).not.toContain('\n');
    });
  });
});
