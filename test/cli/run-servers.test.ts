// End to end on real servers (issue 5): the outbox and cdc strategies side by side with inventory on
// PostgreSQL, while Redis (sessions) refuses connections for a second through the loopback fault proxy and
// the relay is slowed. The fault must hit exactly Redis and nothing else, and every order must still end up
// everywhere. Needs PostgreSQL with wal_level=logical and Redis (scripts/local-stores.sh up).
import { execFile } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { FaultResult, LayoutResult, Report } from '../../src/metrics/types.js';
import { engineUrlVariable } from '../../src/provision/local-endpoints.js';
import { ownPostgresDatabase } from '../servers/own-postgres-database.js';
import { describeWithServer, serverUrl } from '../servers/server.js';

const run = promisify(execFile);

await describeWithServer('redis', () =>
  describeWithServer('postgres', () => {
    let outDir: string;
    let report: Report;
    /** The run's terminal report, shown when an assertion fails: what the numbers were, and why. */
    let printed = '';

    // A database of its own: other suites (stores check) use the tool's namespace in the default one, and the
    // namespace lock would refuse one of the two.
    const database = ownPostgresDatabase(serverUrl('postgres'), 'pgb_servers_test');

    beforeAll(async () => {
      outDir = await mkdtemp(join(tmpdir(), 'pgb-servers-'));
      await database.create();
      const env = {
        ...process.env,
        [engineUrlVariable('postgres')]: database.url,
        [engineUrlVariable('redis')]: serverUrl('redis'),
      };
      const result = await run(
        process.execPath,
        [
          'bin/polyglot-bench.js',
          'run',
          'test/fixtures/scenarios/servers-consistency.yaml',
          '--stores',
          'local',
          '--out',
          outDir,
          '--no-progress',
        ],
        { env, maxBuffer: 16 * 1024 * 1024 },
      );
      printed = `${result.stderr}\n${result.stdout}`;
      const file = (await readdir(outDir)).find((name) => name.endsWith('.json'));
      report = JSON.parse(await readFile(join(outDir, file!), 'utf8')) as Report;
    }, 240_000);

    afterAll(async () => {
      await rm(outDir, { recursive: true, force: true });
      await database.drop();
    });

    const layout = (name: string): LayoutResult => report.layouts.find((l) => l.layout === name)!;
    const fault = (name: string, store: string | null): FaultResult =>
      layout(name).faults.find((f) => f.store === store)!;

    it('propagates by outbox and by cdc, and every placed order reaches every store', () => {
      expect(report.layouts.map((l) => [l.layout, l.propagation])).toEqual([
        ['pg-outbox', 'outbox'],
        ['pg-cdc', 'cdc'],
      ]);
      for (const result of report.layouts) {
        expect(result.invariants.drained, printed).toBe(true);
        expect(result.invariants.ok, printed).toBe(true);
        expect(result.lag.map((lag) => lag.mechanism)).toEqual(result.lag.map(() => result.propagation));
        expect(result.lag.map((lag) => lag.target.split('@')[0])).toEqual(['graph', 'analytics', 'search']);
        expect(result.lag.every((lag) => (lag.apply?.count ?? 0) > 0)).toBe(true);
      }
    });

    it('refuses Redis through the proxy during its window, and only Redis', () => {
      for (const name of ['pg-outbox', 'pg-cdc']) {
        const redis = fault(name, 'redis');
        expect(redis.via).toBe('tcp-proxy');
        const session = redis.operations.find((o) => o.operation === 'start-session')!;
        // (An operation that started just before the window can still fail: it was in flight when the
        // connections were reset. Windows are by start time, as everywhere in the report.)
        expect(session.during.errors).toBeGreaterThan(0);
        // Browsing goes on without a session: the outage is isolated to what needs Redis.
        const browse = redis.operations.find((o) => o.operation === 'browse-category')!;
        expect(browse.during.count).toBeGreaterThan(0);
        expect(browse.during.errors).toBe(0);
        expect(redis.recovery!.firstSuccessAfterMs).not.toBeNull();
        const failingStores = new Set(
          layout(name)
            .storeCalls.filter((call) => call.errors > 0)
            .map((call) => call.store),
        );
        expect([...failingStores]).toEqual(['redis']);
      }
    });

    it("counts each server store's connections and bytes on the wire, Redis's through its fault proxy", () => {
      for (const name of ['pg-outbox', 'pg-cdc']) {
        const stores = layout(name).footprint!.stores;
        const store = (name: string) => stores.find((s) => s.store === name)!;
        for (const server of [store('redis'), store('postgres')]) {
          expect(server.connections, `${name} ${server.store}`).not.toBeNull();
          expect(server.connections!.peak).toBeLessThanOrEqual(server.connections!.opened);
          // Every checkout wrote to both in the window, and read their answers.
          expect(server.wire!.sentBytes).toBeGreaterThan(0);
          expect(server.wire!.receivedBytes).toBeGreaterThan(0);
        }
        // The proxy reset Redis's connections at the outage; the driver opened new ones after it.
        expect(store('redis').connections!.opened).toBeGreaterThanOrEqual(2);
        expect(store('pglite').wire).toBeNull();
        expect(store('pglite').wireNote).toBe('in process: no wire');
      }
    });

    it('shows the slowed relay as lag on the writes committed while it lasted', () => {
      for (const name of ['pg-outbox', 'pg-cdc']) {
        const relay = fault(name, null);
        expect(relay.via).toBe('relay');
        for (const lag of relay.lag) {
          expect(lag.duringMaxUs).toBeGreaterThanOrEqual(150_000);
          expect(lag.catchUpMs).not.toBeNull();
        }
      }
    });
  }),
);
