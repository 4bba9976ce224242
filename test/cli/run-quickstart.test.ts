// End to end, as a newcomer runs it: the built CLI on the quickstart scenario (shortened), on embedded
// engines, checking the JSON report's shape and figures.
import { execFile } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Report } from '../../src/metrics/types.js';

const run = promisify(execFile);
const CLI = 'bin/polyglot-bench.js';

let outDir: string;
let stdout: string;
let stderr: string;
let report: Report;
let reportFiles: string[];

beforeAll(async () => {
  outDir = await mkdtemp(join(tmpdir(), 'pgb-e2e-'));
  const result = await run(
    process.execPath,
    [
      CLI,
      'run',
      'scenarios/quickstart.yaml',
      '--duration',
      '3s',
      '--warmup',
      '500ms',
      '--out',
      outDir,
      '--no-progress',
    ],
    { maxBuffer: 16 * 1024 * 1024 },
  );
  stdout = result.stdout;
  stderr = result.stderr;
  reportFiles = (await readdir(outDir)).sort();
  report = JSON.parse(await readFile(join(outDir, jsonFile()), 'utf8')) as Report;
}, 180_000);

function jsonFile(): string {
  return reportFiles.find((name) => name.endsWith('.json'))!;
}

afterAll(() => rm(outDir, { recursive: true, force: true }));

describe('polyglot-bench run scenarios/quickstart.yaml', () => {
  it('writes one versioned JSON report named after the scenario', () => {
    // The JSON and, beside it under the same name, the HTML report.
    expect(reportFiles).toHaveLength(2);
    expect(jsonFile()).toMatch(/^quickstart-\d{8}T\d{6}Z\.json$/);
    expect(reportFiles).toContain(jsonFile().replace(/\.json$/, '.html'));
    expect(report.schema).toBe('polyglot-bench.report');
    expect(report.schemaVersion).toBe(1);
    expect(report.scenario.file).toBe('quickstart.yaml');
    expect(report.interrupted).toBe(false);
    expect(stdout).toContain(join(outDir, jsonFile()));
  });

  it('runs both layouts with the engines behind each role', () => {
    expect(report.layouts.map((l) => l.layout)).toEqual(['baseline', 'polyglot']);
    const [baseline, polyglot] = report.layouts;
    expect(Object.values(baseline!.roles).every((r) => r.engine === 'PostgreSQL')).toBe(true);
    expect(polyglot!.roles.graph.engine).toMatch(/Kuzu/i);
    expect(polyglot!.roles.analytics.engine).toMatch(/DuckDB/i);
    expect(polyglot!.roles.inventory.engine).toBe('PostgreSQL');
    expect(report.embeddedNote).toMatch(/in-process/);
    expect(stdout).toMatch(/in-process/);
  });

  it('measures every shopper operation with response and service time, and checkouts succeed', () => {
    for (const layout of report.layouts) {
      const names = layout.operations.map((o) => o.name);
      for (const op of [
        'start-session',
        'view-product',
        'add-to-cart',
        'checkout',
        'my-orders',
        'also-bought',
      ]) {
        expect(names).toContain(op);
      }
      const checkout = layout.operations.find((o) => o.name === 'checkout')!;
      expect(checkout.count).toBeGreaterThan(0);
      expect(checkout.errors).toBe(0);
      expect(checkout.response!.count).toBe(checkout.count);
      // Response time is measured from the intended start, so it can never be below service time.
      expect(checkout.response!.p50).toBeGreaterThanOrEqual(checkout.service.p50);
      expect(layout.schedule!.intended).toBeGreaterThan(0);
      expect(layout.schedule!.started + layout.schedule!.dropped).toBe(layout.schedule!.intended);
      expect(layout.timeSeries.length).toBeGreaterThanOrEqual(2);
      // Every store call is attributed, the baseline's one-transaction checkout included.
      const reserveCall = layout.layout === 'baseline' ? 'checkoutAtomic' : 'reserve';
      const reserve = layout.storeCalls.find((c) => c.role === 'inventory' && c.method === reserveCall);
      // (A checkout intended just before the window whose call starts inside it counts as a call only.)
      expect(reserve?.count).toBeGreaterThanOrEqual(checkout.count);
    }
  });

  it('propagates by outbox in the polyglot layout and in one transaction in the baseline', () => {
    const [baseline, polyglot] = report.layouts;
    expect(baseline!.propagation).toBe('single-transaction');
    expect(polyglot!.propagation).toBe('outbox');
    const graphLag = polyglot!.lag.find((l) => l.target.startsWith('graph@'))!;
    expect(graphLag.source).toBe('inventory@pglite');
    expect(graphLag.apply!.count).toBeGreaterThan(0);
    expect(graphLag.sampled).toBeGreaterThan(0);
    expect(graphLag.tVisibility.map((t) => t.withinMs)).toEqual([1, 10, 100, 1000, 10000]);
    expect(baseline!.lag.every((l) => l.apply === null)).toBe(true);
  });

  it('ends with every invariant holding after the relay drained', () => {
    for (const layout of report.layouts) {
      expect(layout.invariants.drained).toBe(true);
      expect(layout.invariants.stockNegative).toBe(0);
      expect(layout.invariants.unitsSold).toBe(layout.invariants.unitsDecremented);
      expect(
        layout.invariants.stores.every((s) => s.missing + s.duplicate + s.divergent + s.unexpected === 0),
      ).toBe(true);
      expect(layout.invariants.ok).toBe(true);
    }
  });

  it('compares the layouts side by side and keeps stderr to a few status lines', () => {
    const checkout = report.comparison.find((row) => row.operation === 'checkout')!;
    expect(checkout.cells.map((c) => c?.layout)).toEqual(['baseline', 'polyglot']);
    expect(checkout.p99Ratio[0]).toBe(1);
    expect(stderr).not.toMatch(/at .*\.js:\d+/); // no stack traces
  });
});
