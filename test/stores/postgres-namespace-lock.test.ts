// The PostgreSQL store's namespace lock when its connection is reset mid-run (src/stores/postgres/namespace-lock.ts):
// taken back at once when nobody else took it, and reported — with the schema left in place at close — when
// another session did. The reset is pg_terminate_backend from a second connection, as an operator would do it.
import pg from 'pg';
import { afterAll, beforeAll, beforeEach, afterEach, describe, expect, it, vi } from 'vitest';
import { postgresFactory } from '../../src/stores/postgres.js';
import { DEFAULT_NAMESPACE } from '../../src/stores/namespace-setting.js';
import type { StoreAdapter } from '../../src/stores/types.js';
import { role } from '../contracts/fixture.js';
import { ownPostgresDatabase } from '../servers/own-postgres-database.js';
import { LOCK_HOLDER, takeLockFrom } from '../servers/postgres-namespace-lock.js';
import { describeWithServer } from '../servers/server.js';

await describeWithServer('postgres', (serverUrl) => {
  const database = ownPostgresDatabase(serverUrl, 'pgb_lock');
  beforeAll(() => database.create());
  afterAll(() => database.drop());

  describe('postgres namespace lock', () => {
    let side: pg.Client;
    let sidePid: number;
    let store: StoreAdapter | null;
    const warned: string[] = [];

    beforeEach(async () => {
      side = new pg.Client({ connectionString: database.url });
      await side.connect();
      sidePid = (await side.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows[0]!.pid;
      warned.length = 0;
      store = await postgresFactory.create({
        url: database.url,
        settings: { pool: 2 },
        onWarning: (line) => warned.push(line),
      });
    });
    afterEach(async () => {
      await store?.close();
      await side.query(`SELECT pg_advisory_unlock_all()`);
      await side.query(`DROP SCHEMA IF EXISTS ${DEFAULT_NAMESPACE} CASCADE`);
      await side.end();
    });

    const holderPid = async (): Promise<number | null> => {
      const { rows } = await side.query<{ pid: number }>(LOCK_HOLDER);
      return rows[0]?.pid ?? null;
    };
    const schemaExists = async () =>
      (
        await side.query('SELECT 1 FROM information_schema.schemata WHERE schema_name = $1', [
          DEFAULT_NAMESPACE,
        ])
      ).rowCount === 1;

    it('takes the lock back on a new connection when its backend is terminated, and the run goes on', async () => {
      const first = await holderPid();
      expect(first).not.toBeNull();
      await side.query('SELECT pg_terminate_backend($1)', [first]);

      await vi.waitFor(
        async () => {
          const now = await holderPid();
          expect(now).not.toBeNull();
          expect(now).not.toBe(first);
          expect(now).not.toBe(sidePid);
        },
        { timeout: 10_000, interval: 50 },
      );
      const sessions = role(store!, 'sessions');
      await sessions.startSession({ id: 'after-reset', userId: 1 }, 600);
      expect((await sessions.getSession('after-reset'))?.userId).toBe(1);
      expect(warned).toEqual([]);
      expect(store!.warnings?.()).toEqual([]);

      // Still its own: close drops the schema as usual.
      await store!.close();
      store = null;
      expect(await schemaExists()).toBe(false);
    });

    it('says so once another session took the lock in between, and its close leaves the schema in place', async () => {
      const first = await holderPid();
      await takeLockFrom(side, database.url, first!);
      expect(await holderPid()).toBe(sidePid);

      await vi.waitFor(() => expect(warned).toHaveLength(1), { timeout: 10_000, interval: 50 });
      expect(warned[0]).toMatch(
        /^store postgres at .+: lost the lock on namespace polyglot_bench \(its connection was reset\) and another session holds it now \(host .+, pid \d+, run started .+\): .+its data is left in place at the end$/,
      );
      expect(store!.warnings?.()).toEqual(warned);

      await store!.close();
      store = null;
      expect(await schemaExists()).toBe(true);
      expect(await holderPid()).toBe(sidePid);
    });
  });
});
