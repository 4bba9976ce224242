// What `run --workers 2` must give a user, whatever the stores: the same traffic as one thread (arrivals, operation
// counts, units sold, probes), invariants that hold over every thread's orders, exact merged series and counts, and
// each worker's health. Shared by the embedded and the server suites, which differ only in the stores.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { LayoutResult } from '../../../src/metrics/types.js';
import { cli, reportsIn, type Ran } from '../../merge/shard-cli.js';

export interface WorkersSuite {
  scenario: string;
  /** Extra arguments for every run (stores, namespace). */
  args: (run: 'one' | 'two') => string[];
  env?: NodeJS.ProcessEnv;
}

const counts = (layout: LayoutResult) =>
  Object.fromEntries(layout.operations.map((op) => [op.name, op.count]));
const total = (layout: LayoutResult) => layout.operations.reduce((sum, op) => sum + op.count, 0);

export function describeWorkersRun(suite: WorkersSuite): void {
  let dir: string;
  let runs: Ran[];
  let one: LayoutResult[];
  let two: LayoutResult[];
  const printed = () => runs.map((r) => `${r.stderr}\n${r.stdout}`).join('\n');

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'pgb-workers-'));
    const run = async (name: 'one' | 'two', workers: string) =>
      cli(
        [
          'run',
          suite.scenario,
          '--no-progress',
          '--workers',
          workers,
          '--out',
          join(dir, name),
          ...suite.args(name),
        ],
        suite.env,
      );
    // One after the other: a 2-core machine shared by two runs would blur neither's counts but slow both.
    runs = [await run('one', '1'), await run('two', '2')];
    one = (await reportsIn(join(dir, 'one')))[0]!.report.layouts;
    two = (await reportsIn(join(dir, 'two')))[0]!.report.layouts;
  }, 300_000);

  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('both runs succeed and say the load ran from 2 worker threads', () => {
    for (const ran of runs) expect(ran.code, printed()).toBe(0);
    expect(runs[1]!.stderr).toContain('2 worker threads');
    expect(one.map((l) => l.layout)).toEqual(two.map((l) => l.layout));
  });

  it('the same arrivals, operation counts and units sold as one thread, with no errors', () => {
    for (const [index, layout] of two.entries()) {
      const single = one[index]!;
      expect(layout.schedule!.intended).toBe(single.schedule!.intended);
      expect(layout.schedule!.started).toBe(single.schedule!.started);
      expect(layout.schedule!.dropped).toBe(0);
      expect(counts(layout)).toEqual(counts(single));
      expect(
        layout.operations.every((op) => op.errors === 0),
        printed(),
      ).toBe(true);
      expect(layout.invariants.unitsSold).toBe(single.invariants.unitsSold);
      expect(layout.readYourWrites.checks).toBe(single.readYourWrites.checks);
    }
  });

  it('the invariants hold over every thread’s orders, and every measured commit was probed in each store', () => {
    for (const [index, layout] of two.entries()) {
      expect(layout.invariants.ok, printed()).toBe(true);
      expect(layout.invariants.drained).toBe(true);
      for (const store of layout.invariants.stores)
        expect([store.missing, store.duplicate, store.divergent, store.unexpected], store.store).toEqual([
          0, 0, 0, 0,
        ]);
      const probed = (l: LayoutResult) => l.lag.map((lag) => [lag.target, lag.sampled]);
      expect(probed(layout)).toEqual(probed(one[index]!));
    }
  });

  it('the merged counts are exact: series, store calls per run, and each worker’s share', () => {
    for (const layout of two) {
      const seriesOps = layout.timeSeries.reduce((sum, second) => sum + second.ops, 0);
      expect(seriesOps).toBe(total(layout));
      // A second's percentiles come from every thread's values of that second, never dropped as merge must.
      for (const second of layout.timeSeries)
        for (const op of Object.values(second.operations)) expect(op.p99).not.toBeNull();
      for (const op of layout.operations) expect(op.storeCallsPerRun, op.name).not.toBeNull();
      expect(layout.workers!.map((w) => w.worker)).toEqual([0, 1]);
      for (const worker of layout.workers!) expect(worker.operations).toBeGreaterThan(0);
      expect(layout.workers!.reduce((sum, w) => sum + w.operations, 0)).toBe(total(layout));
    }
    for (const layout of one) expect(layout.workers).toBeUndefined();
  });
}
