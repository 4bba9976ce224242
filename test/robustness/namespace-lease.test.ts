// Issue 14, defect 1: a second run on the same namespace must be refused in one line naming the holder, and never
// drop what the first run holds; another namespace coexists, and a holder that died (its lease stale) is taken
// over. Against the real local servers, each engine (PostgreSQL too: its namespace is its schema) in a namespace of
// this file's own.
import { describe, expect, it } from 'vitest';
import type { Order } from '../../src/domain.js';
import { UserError } from '../../src/errors.js';
import { clickhouseFactory } from '../../src/stores/clickhouse.js';
import { couchdbFactory } from '../../src/stores/couchdb.js';
import { mongodbFactory } from '../../src/stores/mongodb.js';
import { mysqlFactory } from '../../src/stores/mysql.js';
import { neo4jFactory } from '../../src/stores/neo4j.js';
import { postgresFactory } from '../../src/stores/postgres.js';
import { redisFactory } from '../../src/stores/redis.js';
import type { StoreAdapter, StoreFactory } from '../../src/stores/types.js';
import { line, order, role, uniqueId } from '../contracts/fixture.js';
import { describeWithServer, serverUrl } from '../servers/server.js';

const REFUSAL =
  /^store \w+ at .+: namespace \w+ is held by another polyglot-bench run \(host .+, pid \d+, run started .+\) since .+; wait for it to finish/;

/** What each engine is asked to keep: one write, and a read that finds it. */
interface Probe {
  write(store: StoreAdapter, order: Order): Promise<void>;
  present(store: StoreAdapter, order: Order): Promise<boolean>;
}

const sessionsProbe: Probe = {
  write: (store, o) => role(store, 'sessions').startSession({ id: o.id, userId: 1 }, 3600),
  present: async (store, o) => (await role(store, 'sessions').getSession(o.id)) !== null,
};
const analyticsProbe: Probe = {
  write: (store, o) => role(store, 'analytics').recordOrder(o),
  present: (store, o) => role(store, 'analytics').hasOrder(o.id),
};
const graphProbe: Probe = {
  write: (store, o) => role(store, 'graph').recordPurchase(o),
  present: (store, o) => role(store, 'graph').hasOrder(o.id),
};
const ordersProbe: Probe = {
  write: (store, o) => role(store, 'orders').insertOrder(o),
  present: async (store, o) => (await role(store, 'orders').getOrder(o.id)) !== null,
};

let counter = 0;
function namespace(): string {
  counter += 1;
  return `pb_lease_${process.pid}_${counter}_${Math.random().toString(36).slice(2, 6)}`;
}

function anOrder(): Order {
  return order(uniqueId('lease'), 7, Date.UTC(2023, 0, 1), [line(3, 1, 1000)]);
}

function leaseSuite(engine: string, factory: StoreFactory, probe: Probe, url = () => serverUrl(engine)) {
  const open = (ns: string) => factory.create({ url: url(), settings: { namespace: ns } });

  it('refuses a second store on the same namespace, naming the holder, and drops nothing of the first', async () => {
    const ns = namespace();
    const first = await open(ns);
    try {
      const kept = anOrder();
      await probe.write(first, kept);
      const refused = await open(ns).then(
        async (second) => {
          await second.close();
          return null;
        },
        (error: unknown) => error,
      );
      expect(refused).toBeInstanceOf(UserError);
      const message = (refused as Error).message;
      expect(message).toMatch(REFUSAL);
      expect(message).toContain(`pid ${process.pid}`);
      expect(message.split('\n')).toHaveLength(1);
      expect(await probe.present(first, kept)).toBe(true);

      // Another namespace opens beside it, and closing it leaves the first one's data alone.
      const neighbour = await open(namespace());
      await neighbour.close();
      expect(await probe.present(first, kept)).toBe(true);
    } finally {
      await first.close();
    }
    // Once the holder closed, the namespace is free again.
    const next = await open(ns);
    await next.close();
  }, 60_000);
}

await describeWithServer('redis', () =>
  describe('redis lease', () => leaseSuite('redis', redisFactory, sessionsProbe)),
);
await describeWithServer('mongodb', () =>
  describe('mongodb lease', () => leaseSuite('mongodb', mongodbFactory, sessionsProbe)),
);
await describeWithServer('clickhouse', () =>
  describe('clickhouse lease', () => leaseSuite('clickhouse', clickhouseFactory, analyticsProbe)),
);
await describeWithServer('neo4j', () =>
  describe('neo4j lease', () => leaseSuite('neo4j', neo4jFactory, graphProbe)),
);
await describeWithServer('couchdb', () =>
  describe('couchdb lease', () => leaseSuite('couchdb', couchdbFactory, ordersProbe)),
);
await describeWithServer('mysql', () =>
  describe('mysql lease', () => leaseSuite('mysql', mysqlFactory, sessionsProbe)),
);

// PostgreSQL's namespace is its schema, held by a session advisory lock rather than a lease: the same behaviour, on
// the server's default database shared with the other suites.
await describeWithServer('postgres', () =>
  describe('postgres lock', () => leaseSuite('postgres', postgresFactory, sessionsProbe)),
);
