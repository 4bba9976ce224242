// Ctrl-C during `run --workers 2`: every worker stops with the main thread, the report covers what was measured
// (each worker's part merged in, the window cut at one instant for all threads), exit 130, no thread left behind.
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Report } from '../../src/metrics/types.js';
import { sleep, startCli } from './cli-process.js';

const SCENARIO = `
name: interrupt-workers
seed: 5
data: { users: 100, products: 200, categories: 5, historicalOrders: 100 }
layouts: [polyglot]
warmup: 0s
load: { model: open, phases: [{ duration: 60s, arrivalRate: 60 }] }
journeys: { thinkTime: { min: 0ms, max: 2ms } }
`;

describe('Ctrl-C with worker threads', () => {
  let dir: string;
  let report: Report;
  let exit: { code: number | null };
  let stderr: string;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'pgb-int-workers-'));
    const scenario = join(dir, 'interrupt.yaml');
    await writeFile(scenario, SCENARIO);
    const cli = startCli(['run', scenario, '--workers', '2', '--out', join(dir, 'out'), '--no-progress']);
    await cli.printed(/opening stores/);
    // Loaded and measuring for a few seconds (the in-process engines load in a few seconds here).
    await sleep(8000);
    cli.child.kill('SIGINT');
    exit = await cli.exited;
    stderr = cli.stderr();
    const json = (await readdir(join(dir, 'out'))).find((name) => name.endsWith('.json'))!;
    report = JSON.parse(await readFile(join(dir, 'out', json), 'utf8')) as Report;
  }, 120_000);
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('exits 130 with an interrupted report holding every worker’s part', () => {
    expect(exit.code, stderr).toBe(130);
    expect(report.interrupted).toBe(true);
    const layout = report.layouts[0]!;
    expect(layout.interrupted).toBe(true);
    expect(layout.workers!.map((w) => w.worker)).toEqual([0, 1]);
    const operations = layout.operations.reduce((sum, op) => sum + op.count, 0);
    expect(operations).toBeGreaterThan(0);
    expect(layout.workers!.reduce((sum, w) => sum + w.operations, 0)).toBe(operations);
    // One cut for every thread: arrivals counted only up to it, the window shorter than planned.
    expect(layout.measuredSeconds).toBeLessThan(60);
    expect(layout.schedule!.intended).toBeLessThan(60 * 60 * 0.9);
  });

  it('reconciles what the workers placed before the cut', () => {
    const layout = report.layouts[0]!;
    for (const store of layout.invariants.stores)
      expect([store.missing, store.duplicate, store.unexpected], store.store).toEqual([0, 0, 0]);
  });
});
