// Two shards pointed at one PostgreSQL database: what happens, so the README's advice (a database per shard,
// "Shards and merge") stays true. Each shard's namespace (polyglot_bench_shard_<i>) separates them on Redis, but
// PostgreSQL's schema name is fixed per database and held by a lock for a run's whole life: the second shard to
// open its stores is refused, in one line that says what to do, and exits 2 — no shard runs on the other's tables.
import { execFile, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { engineUrlVariable } from '../../src/provision/local-endpoints.js';
import { ownPostgresDatabase } from '../servers/own-postgres-database.js';
import { describeWithServer, serverUrl } from '../servers/server.js';

interface Ran {
  index: number;
  code: number | null;
  output: string;
}

await describeWithServer('redis', () =>
  describeWithServer('postgres', () => {
    const database = ownPostgresDatabase(serverUrl('postgres'), 'pgb_merge_shared');
    let dir: string;
    const children: ChildProcess[] = [];
    let refused: Ran;

    beforeAll(async () => {
      dir = await mkdtemp(join(tmpdir(), 'pgb-shard-shared-'));
      await database.create();
      // Far enough ahead that the shard holding the lock still holds it (waiting at the barrier, its stores
      // open) when the other opens its own.
      const startAt = new Date(Date.now() + 30_000).toISOString();
      const args = ['run', 'test/merge/shard-servers.yaml', '--stores', 'local', '--no-progress'];
      const first = await new Promise<Ran>((resolve) => {
        for (const index of [0, 1]) {
          let output = '';
          const child = execFile(
            process.execPath,
            ['bin/polyglot-bench.js', ...args, '--start-at', startAt, '--out', dir],
            {
              env: {
                ...process.env,
                [engineUrlVariable('postgres')]: database.url,
                [engineUrlVariable('redis')]: serverUrl('redis'),
                JOB_COMPLETION_INDEX: String(index),
                POLYGLOT_BENCH_SHARDS: '2',
              },
            },
            (error, stdout, stderr) => {
              output = `${stderr}\n${stdout}`;
              resolve({ index, code: error ? ((error as { code?: number }).code ?? 1) : 0, output });
            },
          );
          children.push(child);
        }
      });
      refused = first;
    }, 120_000);

    afterAll(async () => {
      // The shard that holds the lock is waiting at its barrier: it is ended, not waited for.
      for (const child of children) if (child.exitCode === null) child.kill('SIGTERM');
      await Promise.all(
        children.map((child) =>
          child.exitCode === null ? new Promise((resolve) => child.once('exit', resolve)) : undefined,
        ),
      );
      await rm(dir, { recursive: true, force: true });
      await database.drop();
    }, 60_000);

    it('refuses the second shard in one line that points at another database, exit 2', () => {
      expect(refused.code, refused.output).toBe(2);
      expect(refused.output).toMatch(/namespace polyglot_bench is held by another polyglot-bench run/);
      expect(refused.output).toMatch(/point this run at another database/);
      // The other shard is still running: it holds the namespace.
      expect(children.filter((child) => child.exitCode === null)).toHaveLength(1);
    });
  }),
);
