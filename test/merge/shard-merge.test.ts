// Shards and merge (issue 13), end to end through the built CLI on embedded engines: one unsharded run, the
// same scenario and seed as two `--shard` processes (started together at a --start-at barrier), and again as two
// processes told their index the way a Kubernetes Indexed Job tells it (JOB_COMPLETION_INDEX); each pair merged.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { initHistograms, LatencyHistogram } from '../../src/metrics/histogram.js';
import type { LayoutResult, Report } from '../../src/metrics/types.js';
import { cli, reportsIn, type Ran } from './shard-cli.js';

const SCENARIO = 'test/fixtures/scenarios/shard-small.yaml';

let dir: string;
let whole: LayoutResult;
let shards: Array<{ file: string; report: Report }>;
let merged: Report;
let mergedEnv: Report;
let runs: Ran[];

beforeAll(async () => {
  await initHistograms();
  dir = await mkdtemp(join(tmpdir(), 'pgb-shards-'));
  const common = ['run', SCENARIO, '--no-progress'];
  const single = await cli([...common, '--out', join(dir, 'whole')]);
  // Far enough ahead for both processes to have loaded their stores (two at once on a small machine).
  const startAt = new Date(Date.now() + 20_000).toISOString();
  const flagged = await Promise.all(
    [0, 1].map((i) =>
      cli([...common, '--shard', `${i}/2`, '--start-at', startAt, '--out', join(dir, 'shards')]),
    ),
  );
  const indexed = await Promise.all(
    [0, 1].map((i) =>
      cli([...common, '--out', join(dir, 'indexed')], {
        JOB_COMPLETION_INDEX: String(i),
        POLYGLOT_BENCH_SHARDS: '2',
      }),
    ),
  );
  runs = [single, ...flagged, ...indexed];
  whole = (await reportsIn(join(dir, 'whole')))[0]!.report.layouts[0]!;
  shards = (await reportsIn(join(dir, 'shards'))).sort(
    (a, b) => a.report.shard!.index - b.report.shard!.index,
  );
  const mergeRun = await cli(['merge', ...shards.map((s) => s.file), '--out', join(dir, 'merged')]);
  runs.push(mergeRun);
  merged = (await reportsIn(join(dir, 'merged')))[0]!.report;
  const indexedFiles = (await reportsIn(join(dir, 'indexed'))).map((s) => s.file);
  runs.push(await cli(['merge', ...indexedFiles, '--out', join(dir, 'merged-indexed')]));
  mergedEnv = (await reportsIn(join(dir, 'merged-indexed')))[0]!.report;
}, 240_000);

afterAll(() => rm(dir, { recursive: true, force: true }));

const counts = (layout: LayoutResult) =>
  Object.fromEntries(layout.operations.map((op) => [op.name, op.count]));

describe('run --shard i/N and merge', () => {
  it('every process succeeded', () => {
    for (const ran of runs) expect(ran.code, ran.stderr).toBe(0);
  });

  it('writes shard reports with index, count, scenario hash, seed, ledger and clock offset', () => {
    expect(shards.map((s) => s.report.shard!.index).sort()).toEqual([0, 1]);
    const [a, b] = shards.map((s) => s.report.shard!);
    expect(a!.count).toBe(2);
    expect(a!.scenarioHash).toMatch(/^[0-9a-f]{16}$/);
    expect(b!.scenarioHash).toBe(a!.scenarioHash);
    expect(a!.seed).toBe(7);
    for (const shard of [a!, b!]) {
      expect(shard.startAt).not.toBeNull();
      const layout = shard.layouts[0]!;
      expect(layout.clockOffsetMs).not.toBeNull();
      // The barrier held: nobody started before it. How long after is the machine's business (a loaded one
      // loads the stores late); the report states it, and that is what is checked.
      expect(layout.clockOffsetMs!).toBeGreaterThanOrEqual(0);
      expect(Date.parse(layout.startedAt) - Date.parse(shard.startAt!)).toBe(layout.clockOffsetMs);
      expect(layout.ledger.length).toBeGreaterThan(0);
    }
    // The slices are disjoint: no run order in both ledgers.
    const ids = (i: number) => new Set(shards[i]!.report.shard!.layouts[0]!.ledger.map((o) => o.id));
    expect([...ids(0)].filter((id) => id.startsWith('o-a') && ids(1).has(id))).toEqual([]);
  });

  it('merged: the same arrivals and operation counts as one unsharded run', () => {
    const layout = merged.layouts[0]!;
    expect(layout.schedule!.intended).toBe(whole.schedule!.intended);
    expect(layout.schedule!.started).toBe(whole.schedule!.started);
    expect(layout.schedule!.dropped).toBe(0);
    expect(counts(layout)).toEqual(counts(whole));
    expect(layout.invariants.ok).toBe(true);
    expect(whole.invariants.ok).toBe(true);
    expect(merged.merge!.shardCount).toBe(2);
    expect(merged.shard).toBeUndefined();
  });

  it('JOB_COMPLETION_INDEX shards merge to the same counts', () => {
    const layout = mergedEnv.layouts[0]!;
    expect(layout.schedule!.intended).toBe(whole.schedule!.intended);
    expect(counts(layout)).toEqual(counts(whole));
  });

  it("merged percentiles are those of the union of the shards' raw histograms", () => {
    const layout = merged.layouts[0]!;
    for (const op of layout.operations) {
      const union = new LatencyHistogram();
      for (const shard of shards) {
        const part = shard.report.layouts[0]!.operations.find((o) => o.name === op.name)!.response!;
        const h = LatencyHistogram.decode(part.hdr);
        union.merge(h);
        h.destroy();
      }
      const expected = union.summary();
      union.destroy();
      const { hdr: _a, ...got } = op.response!;
      const { hdr: _b, ...want } = expected;
      expect(got).toEqual(want);
    }
  });

  it('per-second series: counts added, percentiles unknown', () => {
    const layout = merged.layouts[0]!;
    const ops = (l: LayoutResult) => l.timeSeries.reduce((sum, s) => sum + s.ops, 0);
    expect(ops(layout)).toBe(shards.reduce((sum, s) => sum + ops(s.report.layouts[0]!), 0));
    for (const second of layout.timeSeries)
      for (const op of Object.values(second.operations)) expect(op.p99).toBeNull();
    expect(merged.merge!.notes.join(' ')).toMatch(/per-second p50\/p99 are unknown/);
  });

  it('a missing or duplicated shard: one line, exit 2', async () => {
    const missing = await cli(['merge', shards[0]!.file, '--out', join(dir, 'x')]);
    expect(missing.code).toBe(2);
    expect(missing.stderr.trim().split('\n')).toHaveLength(1);
    expect(missing.stderr).toMatch(/missing shard 1/);
    const twice = await cli(['merge', shards[0]!.file, shards[0]!.file, '--out', join(dir, 'x')]);
    expect(twice.code).toBe(2);
    expect(twice.stderr).toMatch(/given twice/);
  });
});
