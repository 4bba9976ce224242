// Two shards on one PostgreSQL database given the SAME namespace (--namespace on both): what the README says
// ("Shards and merge"). Shards share a database through their own namespaces, each its own schema
// (shard-servers.test.ts); one namespace is held by a lock for a run's whole life, so the second shard to open its
// stores is refused, in one line naming the holder and saying what to do, and exits 2 — it never runs on the
// other's tables.
import { execFile, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
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

// PostgreSQL is the only server store, so the refusal is its own.
const SCENARIO = `name: shard-one-namespace
seed: 11
data: { users: 50, products: 50, categories: 5, historicalOrders: 20, stockPerProduct: 1000 }
layouts:
  - { name: pg-outbox, roles: { inventory: postgres, default: pglite }, propagation: outbox }
load: { model: open, maxInFlight: 100, phases: [{ duration: 1s, arrivalRate: 10 }] }
warmup: 0s
journeys: { preset: shopping, thinkTime: { min: 0ms, max: 5ms } }
`;

await describeWithServer('postgres', () => {
  const database = ownPostgresDatabase(serverUrl('postgres'), 'pgb_merge_shared');
  let dir: string;
  const children: ChildProcess[] = [];
  let refused: Ran;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'pgb-shard-shared-'));
    const scenario = join(dir, 'scenario.yaml');
    await writeFile(scenario, SCENARIO);
    await database.create();
    // Far enough ahead that the shard holding the lock still holds it (waiting at the barrier, its stores
    // open) when the other opens its own.
    const startAt = new Date(Date.now() + 30_000).toISOString();
    const args = ['run', scenario, '--stores', 'local', '--no-progress', '--namespace', 'pgb_same'];
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

  it('refuses the second shard with the same namespace in one line naming the holder, exit 2', () => {
    expect(refused.code, refused.output).toBe(2);
    expect(refused.output).toMatch(
      /store postgres at .+: namespace pgb_same is held by another polyglot-bench run \(host .+, pid \d+, run started .+\) since .+; wait for it to finish, or give this run its own with --namespace <name>\n/,
    );
    // The other shard is still running: it holds the namespace.
    expect(children.filter((child) => child.exitCode === null)).toHaveLength(1);
  });
});
