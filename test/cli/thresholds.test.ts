// Thresholds as a CI job uses them, through the built CLI: exit 0 when met, 1 when not, 0 under --no-thresholds,
// 2 with file:line:column for a threshold naming something unknown; `report` and `compare` on the reports the
// runs wrote; --out refused before any load.
import { execFile } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fallbackDir, saveReport } from '../../src/commands/run-output.js';
import { reportFixture } from '../fixtures/report-fixture.js';

interface Result {
  code: number;
  stdout: string;
  stderr: string;
}

function cli(...args: string[]): Promise<Result> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['bin/polyglot-bench.js', ...args],
      { maxBuffer: 16 * 1024 * 1024 },
      (error, stdout, stderr) => resolve({ code: error ? Number(error.code) : 0, stdout, stderr }),
    );
  });
}

// A short baseline-only run. p99 > 1h can never hold (the histograms stop at 1 h), p99 < 1h always does: the
// outcome does not depend on how fast this machine is.
function scenario(thresholds: string): string {
  return (
    'name: thresholds-test\nseed: 3\n' +
    'data: { users: 40, products: 40, categories: 4, historicalOrders: 20 }\n' +
    'layouts: [baseline]\n' +
    'load:\n  phases:\n    - { duration: 1s, arrivalRate: 10 }\n' +
    'consistency: { drainTimeout: 2s, probeTimeout: 1s }\n' +
    `thresholds:\n${thresholds}`
  );
}

let dir: string;
let passing: Result;
let failing: Result;
let ignored: Result;
let reports: string[];

async function runIn(name: string, thresholds: string, ...flags: string[]): Promise<Result> {
  const file = join(dir, `${name}.yaml`);
  await writeFile(file, scenario(thresholds));
  return cli('run', file, '--warmup', '0s', '--no-progress', '--out', join(dir, name), ...flags);
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'pgb-thresholds-'));
  [passing, failing, ignored] = await Promise.all([
    runIn('pass', '  view-product: p99 < 1h\n  invariants: ok\n'),
    runIn('fail', '  view-product: [p99 < 1h, p99 > 1h]\n'),
    runIn('ignored', '  view-product: p99 > 1h\n', '--no-thresholds'),
  ]);
  reports = [
    ...(await readdir(join(dir, 'pass'))).filter((f) => f.endsWith('.json')).map((f) => join(dir, 'pass', f)),
    ...(await readdir(join(dir, 'fail'))).filter((f) => f.endsWith('.json')).map((f) => join(dir, 'fail', f)),
  ];
}, 240_000);

afterAll(() => rm(dir, { recursive: true, force: true }));

describe('run with thresholds', () => {
  it('exits 0 when every threshold is met, and says so', () => {
    expect(passing.stderr).not.toMatch(/at .*\.js:\d+/);
    expect(passing.code).toBe(0);
    expect(passing.stdout).toContain('thresholds: PASS — all 2 met');
    expect(passing.stdout).toMatch(/│ ✓ │ view-product: p99 < 1h +│ .+ │ baseline │/);
  });

  it('exits 1 when one is not met, marking it ✗ with the observed figure', () => {
    expect(failing.code).toBe(1);
    expect(failing.stdout).toContain('thresholds: FAIL — 1 of 3 not met (exit code 1)');
    expect(failing.stdout).toMatch(/│ ✗ │ view-product: p99 > 1h +│ \d.* │ baseline │/);
    // The scenario set no invariants threshold: judged anyway.
    expect(failing.stdout).toContain('invariants: ok is judged too');
  });

  it('exits 0 under --no-thresholds, still printing the verdict', () => {
    expect(ignored.code).toBe(0);
    expect(ignored.stdout).toContain('FAIL — 1 of 2 not met · --no-thresholds: the exit code ignores it');
  });

  it('records the verdict in the JSON report', async () => {
    const report = JSON.parse(await readFile(reports[1]!, 'utf8')) as {
      verdict: { ok: boolean; failed: number };
    };
    expect(report.verdict).toMatchObject({ ok: false, failed: 1 });
  });

  it('refuses a threshold naming an unknown operation: exit 2, one line with line:column, before any load', async () => {
    const file = join(dir, 'typo.yaml');
    await writeFile(file, scenario('  view-prodcut: p99 < 1s\n'));
    for (const args of [['validate'], ['run', '--out', join(dir, 'typo')]]) {
      const [command = '', ...flags] = args;
      const result = await cli(command, file, ...flags);
      expect(result.code).toBe(2);
      expect(result.stderr.trim().split('\n')).toEqual([
        `polyglot-bench: ${file}:10:17: thresholds.view-prodcut: unknown threshold "view-prodcut" (did you mean ` +
          '"view-product"?); expected an operation name, lag.<role>, lag.<role>.visible, visible.<role>, ' +
          'read-your-writes, errors, dropped, footprint.roundTrips.<operation> or invariants',
      ]);
    }
  });
});

describe('--out', () => {
  it('is checked before any load: a file given as --out is one line, exit 2', async () => {
    const file = join(dir, 'not-a-dir');
    await writeFile(file, '');
    const result = await cli('run', 'scenarios/quickstart.yaml', '--out', file, '--no-progress');
    expect(result.code).toBe(2);
    expect(result.stderr.trim().split('\n')).toEqual([
      `polyglot-bench: --out ${file}: is a file, expected a directory for the reports`,
    ]);
  });

  it('saves the report in a fallback directory when --out fails at the end, and says where', async () => {
    const blocker = join(dir, 'blocker');
    await writeFile(blocker, '');
    const said: string[] = [];
    const files = await saveReport(reportFixture(), join(blocker, 'reports'), (line) => said.push(line));
    expect(files).toHaveLength(1);
    expect(files[0]!.startsWith(fallbackDir())).toBe(true);
    expect(JSON.parse(await readFile(files[0]!, 'utf8'))).toMatchObject({ scenario: { name: 'quickstart' } });
    expect(said).toEqual([
      `could not write the report to ${join(blocker, 'reports')} (ENOTDIR); saved it to ${files[0]} instead`,
    ]);
    await rm(files[0]!.replace(/\.json$/, '.html'), { force: true });
    await rm(files[0]!);
  });
});

describe('report and compare', () => {
  it('re-renders a saved report as the summary, and every table with --details', async () => {
    const summary = await cli('report', reports[0]!);
    expect(summary.code).toBe(0);
    expect(summary.stdout).toContain('thresholds: PASS — all 2 met (as the run recorded it)');
    expect(summary.stdout).toContain(`report: ${reports[0]}`);
    const details = await cli('report', reports[0]!, '--details');
    expect(details.stdout).toContain('store calls (service time of each call the measured operations made):');
  });

  it('refuses a report of another schema version in one line, exit 2', async () => {
    const other = join(dir, 'other-version.json');
    const report = JSON.parse(await readFile(reports[0]!, 'utf8')) as Record<string, unknown>;
    await writeFile(other, JSON.stringify({ ...report, schemaVersion: 99 }));
    const result = await cli('report', other);
    expect(result.code).toBe(2);
    expect(result.stderr.trim().split('\n')).toEqual([
      `polyglot-bench: ${other}: report schema version 99, this polyglot-bench reads version 1`,
    ]);
  });

  it('compares two runs side by side, in Markdown too', async () => {
    const text = await cli('compare', reports[0]!, reports[1]!);
    expect(text.code).toBe(0);
    expect(text.stdout).toContain(`A: ${reports[0]}`);
    expect(text.stdout).toMatch(/│ baseline +│ view-product +│/);
    const markdown = await cli('compare', reports[0]!, reports[1]!, '--markdown');
    expect(markdown.stdout).toContain('| layout | operation | A p50 | B p50 | Δ | A p99 | B p99 | Δ |');
    expect((await cli('compare', reports[0]!)).code).toBe(2);
  });
});
