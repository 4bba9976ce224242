// Judging thresholds on a report: what passes, what fails, and that a figure the report lacks (or knows only
// within bounds) never passes. Also the exit codes a CI job relies on.
import { describe, expect, it } from 'vitest';
import { parseScenario } from '../../src/scenario/index.js';
import { evaluateVerdict } from '../../src/verdict/evaluate.js';
import { runExitCode } from '../../src/verdict/exit-code.js';
import type { ThresholdOutcome } from '../../src/verdict/types.js';
import { interruptedReportFixture, reportFixture } from '../fixtures/report-fixture.js';

function thresholds(yaml: string) {
  const scenario = parseScenario(
    `name: t\nload:\n  phases:\n    - { duration: 2s, arrivalRate: 5 }\nthresholds:\n${yaml}`,
    't.yaml',
  );
  return scenario.thresholds ?? [];
}

function outcome(outcomes: ThresholdOutcome[], key: string, layout: string): ThresholdOutcome {
  const found = outcomes.find((o) => o.key === key && o.layout === layout);
  if (!found) throw new Error(`no outcome for ${key} on ${layout}`);
  return found;
}

describe('evaluateVerdict', () => {
  it('judges an operation per layout in the latency the layout reports', () => {
    // Fixture: checkout p99 is 14.8 ms (baseline) and 27.5 ms (polyglot), response time.
    const verdict = evaluateVerdict(reportFixture(), thresholds('  checkout: p99 < 20ms\n'));
    expect(outcome(verdict.outcomes, 'checkout', 'baseline')).toMatchObject({
      status: 'pass',
      observed: { unit: 'us', atLeast: 14_800, atMost: 14_800 },
    });
    expect(outcome(verdict.outcomes, 'checkout', 'polyglot').status).toBe('fail');
    expect(verdict.ok).toBe(false);
    expect(verdict.failed).toBe(1);
  });

  it('scopes a layout block to that layout only', () => {
    const verdict = evaluateVerdict(reportFixture(), thresholds('  baseline:\n    checkout: p99 < 20ms\n'));
    const judged = verdict.outcomes.filter((o) => o.key === 'checkout');
    expect(judged.map((o) => [o.layout, o.status, o.scoped])).toEqual([['baseline', 'pass', true]]);
  });

  it('counts rates from their parts: errors, dropped arrivals, read-your-writes', () => {
    const verdict = evaluateVerdict(
      reportFixture(),
      thresholds(
        '  errors: rate < 0.1%\n  dropped: count < 5\n  read-your-writes.also-bought: missed < 80%\n',
      ),
    );
    // polyglot: 3 errors of 2,855 operations (0.105%); baseline: 10 of 2,880 arrivals dropped.
    expect(outcome(verdict.outcomes, 'errors', 'polyglot')).toMatchObject({
      status: 'fail',
      observed: { parts: { count: 3, of: 2855 } },
    });
    expect(outcome(verdict.outcomes, 'errors', 'baseline').status).toBe('pass');
    expect(outcome(verdict.outcomes, 'dropped', 'baseline').status).toBe('fail');
    expect(outcome(verdict.outcomes, 'read-your-writes.also-bought', 'polyglot')).toMatchObject({
      status: 'pass',
      observed: { parts: { count: 31, of: 39 } },
    });
  });

  it('fails as unknown what the report has no figure for, and says why', () => {
    const report = reportFixture();
    const verdict = evaluateVerdict(
      report,
      thresholds('  friends-liked: p99 < 1s\n  polyglot:\n    errors: rate < 1%\n'),
    );
    expect(outcome(verdict.outcomes, 'friends-liked', 'baseline')).toMatchObject({
      status: 'unknown',
      observed: null,
      why: 'no friends-liked measured',
    });
    const onlyBaseline = { ...report, layouts: report.layouts.slice(0, 1) };
    const notRun = evaluateVerdict(onlyBaseline, thresholds('  polyglot:\n    errors: rate < 1%\n'));
    expect(outcome(notRun.outcomes, 'errors', 'polyglot')).toMatchObject({
      status: 'unknown',
      why: 'layout did not run',
    });
    expect(verdict.ok).toBe(false);
  });

  it('uses t-visibility bounds: unknown when they straddle the limit, decided when they do not', () => {
    const report = reportFixture();
    const graph = report.layouts[1]!.lag[0]!;
    // A write censored before 1 s: between 95% and 99% of the probed writes were visible within 1 s.
    graph.tVisibility[3] = { withinMs: 1000, fraction: null, atLeast: 0.95, atMost: 0.99 };
    const verdict = evaluateVerdict(
      report,
      thresholds(
        '  polyglot:\n    visible.graph: [within(1s) > 97%, within(1s) > 90%, within(1s) >= 99.5%]\n',
      ),
    );
    expect(verdict.outcomes.map((o) => o.status)).toEqual(['unknown', 'pass', 'fail', 'pass', 'pass']);
  });

  it('treats visible-lag percentiles as a lower bound while some probed write was never seen', () => {
    // Fixture: polyglot graph 1 of 48 never seen, visible p99 over seen writes 52 ms.
    const verdict = evaluateVerdict(
      reportFixture(),
      thresholds('  polyglot:\n    lag.graph.visible: [p99 < 1s, p99 > 10ms, p99 < 10ms]\n'),
    );
    expect(verdict.outcomes.slice(0, 3).map((o) => o.status)).toEqual(['unknown', 'pass', 'fail']);
    expect(verdict.outcomes[0]?.why).toBe('1 of 48 probed writes never seen');
  });

  it('reads one transaction as no apply lag, and says so', () => {
    const verdict = evaluateVerdict(reportFixture(), thresholds('  lag.graph: p99 < 100ms\n'));
    expect(outcome(verdict.outcomes, 'lag.graph', 'baseline')).toMatchObject({
      status: 'pass',
      observed: { atLeast: 0, note: 'one transaction: no apply lag' },
    });
  });

  it('judges invariants even when the scenario sets no thresholds', () => {
    const failed = evaluateVerdict(interruptedReportFixture(), []);
    expect(failed.implicitInvariants).toBe(true);
    expect(failed.scenarioThresholds).toBe(0);
    expect(failed.outcomes.map((o) => [o.layout, o.status, o.implicit])).toEqual([
      ['baseline', 'pass', true],
      ['polyglot', 'fail', true],
    ]);
    const explicit = evaluateVerdict(reportFixture(), thresholds('  invariants: ok\n'));
    expect(explicit.implicitInvariants).toBe(false);
    expect(explicit.outcomes).toHaveLength(2);
  });
});

describe('runExitCode', () => {
  const pass = evaluateVerdict(reportFixture(), []);
  const fail = evaluateVerdict(interruptedReportFixture(), []);
  it('is 0 when every threshold passed, 1 when one did not, 0 under --no-thresholds, 130 when interrupted', () => {
    expect(runExitCode(false, pass, true)).toBe(0);
    expect(runExitCode(false, fail, true)).toBe(1);
    expect(runExitCode(false, fail, false)).toBe(0);
    expect(runExitCode(true, fail, true)).toBe(130);
    // A layout that could not run: 2 when the user must fix it (an unreachable server), else 1 — never 0.
    const unreachable = { layout: 'gone', error: 'store redis at …: connection refused', userError: true };
    const crashed = { layout: 'broken', error: 'internal error', userError: false };
    expect(runExitCode(false, pass, true, [unreachable])).toBe(2);
    expect(runExitCode(false, pass, false, [crashed])).toBe(1);
    expect(runExitCode(false, fail, true, [crashed, unreachable])).toBe(2);
    expect(runExitCode(true, pass, true, [unreachable])).toBe(130);
  });
});
