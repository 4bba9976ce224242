// The MySQL/MariaDB store's namespace lock (GET_LOCK on its owner connection) when that connection is killed
// mid-run (src/stores/mysql/database.ts, src/stores/session-lock-keeper.ts): taken back at once when nobody else
// took it, and reported — with the database left in place at close — when another session did.
import { createHash } from 'node:crypto';
import { createConnection, type Connection, type RowDataPacket } from 'mysql2/promise';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { mysqlFactory } from '../../src/stores/mysql.js';
import type { StoreAdapter } from '../../src/stores/types.js';
import { role } from '../contracts/fixture.js';
import { describeWithServer } from '../servers/server.js';

await describeWithServer('mysql', (url) => {
  describe('mysql namespace lock', () => {
    let side: Connection;
    let sideId: number;
    let namespace: string;
    let store: StoreAdapter | null;
    const warned: string[] = [];
    // The lock's name as the store derives it from the namespace: what IS_USED_LOCK and GET_LOCK are asked about.
    const lockName = () => `polyglot-bench:${createHash('sha1').update(namespace).digest('hex')}`;

    beforeEach(async () => {
      // Several statements in one round trip, for the takeover below.
      side = await createConnection({ uri: url, multipleStatements: true });
      sideId = Number((await side.query<RowDataPacket[]>('SELECT CONNECTION_ID() AS id'))[0][0]?.id);
      namespace = `pb_lock_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
      warned.length = 0;
      store = await mysqlFactory.create({
        url,
        settings: { namespace },
        onWarning: (line) => warned.push(line),
      });
    });
    afterEach(async () => {
      await store?.close();
      await side.query('SELECT RELEASE_ALL_LOCKS()');
      await side.query(`DROP DATABASE IF EXISTS \`${namespace}\``);
      await side.end();
    });

    const holderId = async (): Promise<number | null> => {
      const [rows] = await side.query<RowDataPacket[]>('SELECT IS_USED_LOCK(?) AS id', [lockName()]);
      const id = rows[0]?.id as number | null | undefined;
      return id === null || id === undefined ? null : Number(id);
    };
    const databaseExists = async () => {
      const [rows] = await side.query<RowDataPacket[]>(
        'SELECT 1 FROM information_schema.schemata WHERE schema_name = ?',
        [namespace],
      );
      return rows.length === 1;
    };

    it('takes the lock back on a new connection when its owner connection is killed, and the run goes on', async () => {
      const first = await holderId();
      expect(first).not.toBeNull();
      await side.query(`KILL ${Number(first)}`);

      await vi.waitFor(
        async () => {
          const now = await holderId();
          expect(now).not.toBeNull();
          expect(now).not.toBe(first);
          expect(now).not.toBe(sideId);
        },
        { timeout: 10_000, interval: 50 },
      );
      const sessions = role(store!, 'sessions');
      await sessions.startSession({ id: 'after-reset', userId: 1 }, 600);
      expect((await sessions.getSession('after-reset'))?.userId).toBe(1);
      expect(warned).toEqual([]);

      await store!.close();
      store = null;
      expect(await databaseExists()).toBe(false);
    });

    it('says so once another session took the lock in between, and its close leaves the database in place', async () => {
      // Both statements in one round trip: the server queues the lock request right after the kill, long before
      // the store can notice, reconnect and ask, so it is granted the moment the killed session lets go.
      await side.query(`KILL ${Number(await holderId())}; SELECT GET_LOCK(?, 10)`, [lockName()]);
      expect(await holderId()).toBe(sideId);

      await vi.waitFor(() => expect(warned).toHaveLength(1), { timeout: 10_000, interval: 50 });
      expect(warned[0]).toMatch(
        new RegExp(
          `^store mysql at .+: lost the lock on namespace ${namespace} \\(its connection was reset\\) and another session holds it now .+its data is left in place at the end$`,
        ),
      );
      expect(store!.warnings?.()).toEqual(warned);

      await store!.close();
      store = null;
      expect(await databaseExists()).toBe(true);
      expect(await holderId()).toBe(sideId);
    });
  });
});
