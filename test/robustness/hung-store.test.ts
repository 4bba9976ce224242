// Issue 14, defect 2: a server that stops answering but keeps its connection open (Redis under SIGSTOP) must not
// hang the run. Every store call has a deadline and a timed-out call is a counted error, so the run ends on its own;
// and Ctrl-C still gets a report out. Against a Redis of this test's own (stopping the shared one would hurt others).
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Report } from '../../src/metrics/types.js';
import { engineUrlVariable } from '../../src/provision/local-endpoints.js';
import { sleep, startCli } from './cli-process.js';
import { startOwnRedis, type OwnRedis } from './own-redis.js';

const SCENARIO = `
name: hung-redis
seed: 5
data: { users: 50, products: 100, categories: 5, historicalOrders: 50, followsPerUser: 2, likesPerUser: 2 }
layouts:
  - { name: hung, roles: { sessions: redis, default: pglite } }
stores:
  redis: { engine: redis, callTimeout: 1s }
warmup: 0s
load: { model: open, phases: [{ duration: 6s, arrivalRate: 20 }] }
journeys: { mix: { shop: 1 }, thinkTime: { min: 0ms, max: 5ms } }
consistency: { drainTimeout: 2s }
`;

describe('a store that stops answering', () => {
  let redis: OwnRedis;
  let dir: string;
  let scenario: string;
  let namespace = 'hung';

  beforeAll(async () => {
    redis = await startOwnRedis();
    dir = await mkdtemp(join(tmpdir(), 'pgb-hung-'));
    scenario = join(dir, 'hung.yaml');
    await writeFile(scenario, SCENARIO);
  });
  afterAll(async () => {
    await redis.shutdown();
    await rm(dir, { recursive: true, force: true });
  });

  async function runWithRedisStopped(out: string, interrupt: boolean) {
    const env = { ...process.env, [engineUrlVariable('redis')]: redis.url };
    // A namespace per run: a run that could not clean up on a frozen server leaves its lease to expire there.
    const args = [
      'run',
      scenario,
      '--stores',
      'local',
      '--out',
      out,
      '--no-progress',
      '--namespace',
      namespace,
    ];
    namespace += '_';
    await redis.resetStats();
    const cli = startCli(args, env);
    // Into the measured window: the shoppers' session scripts are running (the pre-run check makes only five
    // reads). Then the server freezes with its connections open.
    await Promise.race([redis.scriptCalls(30), cli.exited]);
    redis.stop();
    try {
      if (interrupt) {
        await sleep(500);
        cli.child.kill('SIGINT');
      }
      const exit = await cli.exited;
      return { exit, cli };
    } finally {
      redis.resume();
    }
  }

  async function reportIn(out: string): Promise<Report> {
    const files = (await readdir(out)).filter((name) => name.endsWith('.json'));
    expect(files).toHaveLength(1);
    return JSON.parse(await readFile(join(out, files[0]!), 'utf8')) as Report;
  }

  it('ends the run on its own, counting the calls that timed out as errors', async () => {
    const out = join(dir, 'alone');
    const { exit, cli } = await runWithRedisStopped(out, false);
    expect(exit.code, cli.stderr()).toBe(0);
    const report = await reportIn(out);
    const layout = report.layouts[0]!;
    const sessionCalls = layout.storeCalls.filter((call) => call.store === 'redis');
    expect(sessionCalls.reduce((sum, call) => sum + call.errors, 0)).toBeGreaterThan(0);
    expect(layout.operations.reduce((sum, op) => sum + op.errors, 0)).toBeGreaterThan(0);
    expect(layout.errors.map((e) => e.message).join('\n')).toMatch(
      /store redis: \w+ gave no answer within 1 s/,
    );
  }, 90_000);

  it('gives a report on Ctrl-C while the server is frozen, and exits 130', async () => {
    const out = join(dir, 'interrupted');
    const { exit, cli } = await runWithRedisStopped(out, true);
    expect(exit.code, cli.stderr()).toBe(130);
    const report = await reportIn(out);
    expect(report.interrupted).toBe(true);
  }, 90_000);
});
