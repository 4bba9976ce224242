// The default terminal output: one screen (≤ 60 lines, ≤ 100 columns) holding the operations side by side, the
// lag per derived store, correctness, the verdict and the files — read from the Report only.
import { describe, expect, it } from 'vitest';
import { renderSummary } from '../../src/report/summary.js';
import { parseScenario } from '../../src/scenario/index.js';
import { evaluateVerdict } from '../../src/verdict/evaluate.js';
import { interruptedReportFixture, reportFixture } from '../fixtures/report-fixture.js';

// eslint-disable-next-line no-control-regex
const ANSI = /\u001b\[[0-9;]*m/g;

function lines(text: string): string[] {
  return text.replace(/\n$/, '').split('\n');
}

function withVerdict(yaml = '') {
  const report = reportFixture();
  const scenario = parseScenario(
    `name: t\nload:\n  phases:\n    - { duration: 2s, arrivalRate: 5 }\n${yaml ? `thresholds:\n${yaml}` : ''}`,
    't.yaml',
  );
  report.verdict = evaluateVerdict(report, scenario.thresholds ?? []);
  return report;
}

const FILES = ['reports/quickstart-20261124T153000Z.json', 'reports/quickstart-20261124T153000Z.html'];

describe('renderSummary', () => {
  it('fits one screen: at most 60 lines of at most 100 columns, with or without colour', () => {
    const report = withVerdict('  checkout: [p99 < 250ms, p50 < 20ms]\n  lag.graph: p99 < 1s\n');
    for (const color of [false, true]) {
      const text = renderSummary(report, { color, files: FILES }).replace(ANSI, '');
      expect(lines(text).length).toBeLessThanOrEqual(60);
      for (const line of lines(text)) expect(line.length).toBeLessThanOrEqual(100);
    }
  });

  it('puts every operation in one table, p50/p99 per layout and the p99 ratio', () => {
    const text = renderSummary(withVerdict());
    const checkout = lines(text).find((line) => line.startsWith('│ checkout'));
    expect(checkout?.split('│').map((cell) => cell.trim())).toEqual([
      '',
      'checkout',
      '3.90 ms',
      '14.8 ms',
      '6.10 ms',
      '27.5 ms',
      '×1.9',
      '',
    ]);
    // Compact: no rule between rows.
    expect(lines(text).filter((line) => line.startsWith('├'))).toHaveLength(0);
  });

  it('gives one lag row per derived store per layout, unknown t-visibility as a bound', () => {
    const report = withVerdict();
    report.layouts[1]!.lag[0]!.tVisibility[3] = { withinMs: 1000, fraction: null, atLeast: 0.958, atMost: 1 };
    const rows = lines(renderSummary(report)).filter((line) => /^│ (baseline|polyglot) +│ \w+@/.test(line));
    expect(rows).toHaveLength(3);
    const graph = rows
      .find((line) => line.includes('graph@kuzu'))!
      .split('│')
      .map((cell) => cell.trim());
    expect(graph).toEqual([
      '',
      'polyglot',
      'graph@kuzu',
      '12.3 ms',
      '48.5 ms',
      '52.0 ms',
      '89.6%',
      '≥95.8% ?',
      '1 of 48',
      '',
    ]);
  });

  it('says how correctness went per layout: errors, read-your-writes, invariants', () => {
    const text = renderSummary(withVerdict());
    expect(text).toContain('polyglot  3 of 2,855 operations (checkout 3) · dropped 0 of 2,880 arrivals');
    // Only the operations whose reads missed are named.
    expect(text).toContain('polyglot  missed 31 of 88 (also-bought 31 of 39)');
    expect(text).toMatch(/invariants +baseline {2}OK/);
  });

  it('says how many errors were calls past their deadline, and how many invariants could not be settled', () => {
    const report = withVerdict();
    const polyglot = report.layouts.find((layout) => layout.layout === 'polyglot')!;
    polyglot.errors = [
      {
        operation: 'checkout',
        message: 'store pg: reserve gave no answer within 5 s (callTimeout)',
        count: 2,
      },
      {
        operation: 'checkout',
        message: 'store postgres: no connection within 5 s (…) (connect timeout)',
        count: 1,
      },
      { operation: 'relay', message: 'CallTimeoutError: store pg: pendingOutbox gave no answer', count: 9 },
    ];
    polyglot.invariants = { ...polyglot.invariants, unresolvedWrites: 1, ok: false };
    const text = renderSummary(report);
    expect(text).toContain('(checkout 3) · 3 timed out (slow answers: see harness) · dropped');
    expect(text).toContain('1 timed-out checkout writes never answered');
  });

  it('says the machine was overloaded when the event loop was late while the tool used little CPU', () => {
    const report = withVerdict();
    const polyglot = report.layouts.find((layout) => layout.layout === 'polyglot')!;
    // The overloaded soak: loop p99 1.15 s at 21 % of one core (load average 9.7 on 2 cores).
    polyglot.health = {
      ...polyglot.health,
      eventLoopDelayMs: { mean: 130, p99: 1150, max: 1722 },
      cpuPercent: 21,
    };
    const text = renderSummary(report).replace(ANSI, '');
    expect(text).toContain(
      'the machine was overloaded: the event loop was late while the tool used little CPU',
    );
    expect(text).not.toContain('the tool itself was busy');
    for (const line of lines(text)) expect(line.length).toBeLessThanOrEqual(100);
  });

  it('shows the verdict with ✓/✗, the threshold, the figure and the layout; unknown is ✗ with its reason', () => {
    const text = renderSummary(withVerdict('  checkout: p99 < 20ms\n  friends-liked: p99 < 1s\n'));
    expect(text).toContain('thresholds: FAIL — 3 of 6 not met (exit code 1)');
    expect(text).toMatch(/│ ✓ │ checkout: p99 < 20ms +│ 14\.8 ms +│ baseline │/);
    expect(text).toMatch(/│ ✗ │ checkout: p99 < 20ms +│ 27\.5 ms +│ polyglot │/);
    expect(text).toMatch(/│ ✗ │ friends-liked: p99 < 1s +│ unknown: no friends-liked measured +│ baseline │/);
    expect(text).toContain('invariants: ok is judged too');
  });

  it('says failed invariants fail the run when the scenario sets no thresholds', () => {
    const report = interruptedReportFixture();
    report.verdict = evaluateVerdict(report, []);
    const text = renderSummary(report, { files: FILES });
    expect(text).toContain('the scenario sets no thresholds; failed invariants still fail the run');
    expect(text).toMatch(/│ ✗ │ invariants: ok +│ FAILED +│ polyglot │/);
    expect(text).toContain(
      'polyglot  FAIL · relay NOT drained (gave up after 1.00 s) · graph@kuzu 14 missing',
    );
    expect(lines(text)[0]).toMatch(/^INTERRUPTED/);
    expect(lines(text).at(-1)).toMatch(/^INTERRUPTED/);
  });

  it('ends with the report files and names the --no-thresholds effect', () => {
    const text = renderSummary(withVerdict('  checkout: p99 < 20ms\n'), {
      files: FILES,
      verdictEffect: 'ignored',
    });
    expect(lines(text).slice(-2)).toEqual(FILES.map((file) => `report: ${file}`));
    expect(text).toContain('--no-thresholds: the exit code ignores it');
  });
});
