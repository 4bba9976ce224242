// Issue 14, defect 3: SIGTERM (what Kubernetes and CI send) is handled like Ctrl-C — exit 130, the report written,
// and everything the run created on the servers removed: the PostgreSQL schema, publication and slot, the Redis keys,
// the MongoDB and ClickHouse databases, the Neo4j nodes. In a namespace (and a PostgreSQL database) of its own.
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createClient } from '@clickhouse/client';
import { Redis } from 'ioredis';
import { MongoClient } from 'mongodb';
import neo4j from 'neo4j-driver';
import pg from 'pg';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Report } from '../../src/metrics/types.js';
import { engineUrlVariable } from '../../src/provision/local-endpoints.js';
import { ownPostgresDatabase } from '../servers/own-postgres-database.js';
import { describeWithServer, serverUrl } from '../servers/server.js';
import { sleep, startCli } from './cli-process.js';

const NAMESPACE = `pb_sigterm_${process.pid}`;

const SCENARIO = `
name: sigterm
seed: 9
data: { users: 100, products: 200, categories: 5, historicalOrders: 100 }
layouts:
  - name: servers
    propagation: cdc
    roles: { sessions: redis, catalog: mongodb, orders: mongodb, inventory: postgres, graph: neo4j, analytics: clickhouse, default: pglite }
load: { model: open, phases: [{ duration: 30s, arrivalRate: 20 }] }
warmup: 0s
journeys: { preset: ordering, thinkTime: { min: 0ms, max: 5ms } }
`;

async function sessionKeys(redis: Redis): Promise<string[]> {
  const [, keys] = await redis.scan('0', 'MATCH', `${NAMESPACE}:*`, 'COUNT', 10_000);
  return keys;
}

await describeWithServer('redis', () =>
  describeWithServer('mongodb', () =>
    describeWithServer('postgres', () =>
      describeWithServer('neo4j', () =>
        describeWithServer('clickhouse', () => {
          const database = ownPostgresDatabase(serverUrl('postgres'), 'pgb_sigterm_test');
          let dir: string;
          let redis: Redis;

          beforeAll(async () => {
            dir = await mkdtemp(join(tmpdir(), 'pgb-sigterm-'));
            await database.create();
            redis = new Redis(serverUrl('redis'));
          });
          afterAll(async () => {
            redis.disconnect();
            await database.drop();
            await rm(dir, { recursive: true, force: true });
          });

          it('exits 130 with a report and leaves nothing of its own on the servers', async () => {
            const file = join(dir, 'sigterm.yaml');
            await writeFile(file, SCENARIO);
            const out = join(dir, 'out');
            const env = { ...process.env, [engineUrlVariable('postgres')]: database.url };
            const cli = startCli(
              ['run', file, '--stores', 'local', '--out', out, '--no-progress', '--namespace', NAMESPACE],
              env,
            );
            // In the measured window once shoppers' sessions exist in Redis.
            const measuring = (async () => {
              while ((await sessionKeys(redis)).filter((key) => key.includes(':session:')).length === 0)
                await sleep(100);
            })();
            await Promise.race([measuring, cli.exited]);
            cli.child.kill('SIGTERM');
            const exit = await cli.exited;
            expect(exit.code, cli.stderr()).toBe(130);

            const files = (await readdir(out)).filter((name) => name.endsWith('.json'));
            expect(files).toHaveLength(1);
            const report = JSON.parse(await readFile(join(out, files[0]!), 'utf8')) as Report;
            expect(report.interrupted).toBe(true);
            expect(report.layouts.map((layout) => layout.layout)).toEqual(['servers']);

            expect(await sessionKeys(redis)).toEqual([]);

            const mongo = new MongoClient(serverUrl('mongodb'));
            try {
              const { databases } = await mongo.db('admin').admin().listDatabases({ nameOnly: true });
              expect(databases.map((db) => db.name)).not.toContain(NAMESPACE);
            } finally {
              await mongo.close();
            }

            const clickhouse = createClient({ url: serverUrl('clickhouse') });
            try {
              const result = await clickhouse.query({
                query: `SELECT name FROM system.databases WHERE name = '${NAMESPACE}'`,
                format: 'JSONEachRow',
              });
              expect(await result.json()).toEqual([]);
            } finally {
              await clickhouse.close();
            }

            const neo = neo4j.driver(serverUrl('neo4j'));
            try {
              for (const label of ['User', 'Product', 'Lease']) {
                const { records } = await neo.executeQuery(
                  `MATCH (n:${NAMESPACE}_${label}) RETURN count(n) AS n`,
                );
                expect(Number(records[0]!.get('n')), label).toBe(0);
              }
            } finally {
              await neo.close();
            }

            const client = new pg.Client({ connectionString: database.url });
            await client.connect();
            try {
              const schema = await client.query(
                `SELECT 1 FROM pg_namespace WHERE nspname = 'polyglot_bench'`,
              );
              expect(schema.rowCount).toBe(0);
              const publication = await client.query(
                `SELECT 1 FROM pg_publication WHERE pubname = 'polyglot_bench_outbox'`,
              );
              expect(publication.rowCount).toBe(0);
              const slots = await client.query(
                `SELECT slot_name FROM pg_replication_slots WHERE slot_name LIKE $1`,
                [`polyglot_bench_${cli.child.pid}_%`],
              );
              expect(slots.rows).toEqual([]);
            } finally {
              await client.end();
            }
          }, 180_000);
        }),
      ),
    ),
  ),
);
