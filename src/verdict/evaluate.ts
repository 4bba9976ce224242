// Judging a run: every threshold of the scenario against every layout it applies to, as pure functions of the
// Report. A figure the report lacks, or knows only within bounds that straddle the limit, is "unknown" and fails:
// a threshold never passes without evidence. With no invariants threshold, `invariants: ok` is judged anyway —
// failed invariants fail a run, as in k6 and pgbench (issue 14).
import type { LayoutResult, Report } from '../metrics/types.js';
import { observe } from './observe.js';
import { compare, type Threshold, type ThresholdCondition } from './threshold.js';
import type { ObservedFigure, ThresholdOutcome, Verdict } from './types.js';

const IMPLICIT_INVARIANTS: Threshold = {
  key: 'invariants',
  expression: 'ok',
  layout: null,
  metric: { kind: 'invariants' },
  condition: { kind: 'ok' },
  path: [],
};

function limitOf(condition: ThresholdCondition): number {
  switch (condition.kind) {
    case 'latency':
      return condition.us;
    case 'within':
    case 'rate':
      return condition.fraction;
    case 'count':
    case 'calls':
      return condition.count;
    case 'ok':
      return 1;
  }
}

/** pass if every value the figure may have meets the condition, fail if none does, unknown otherwise. */
function judge(figure: ObservedFigure, condition: ThresholdCondition): ThresholdOutcome['status'] {
  if (condition.kind === 'ok') return figure.atLeast === 1 ? 'pass' : 'fail';
  const limit = limitOf(condition);
  const low = compare(figure.atLeast, condition.comparator, limit);
  const high = compare(figure.atMost ?? Number.POSITIVE_INFINITY, condition.comparator, limit);
  if (low && high) return 'pass';
  if (!low && !high) return 'fail';
  return 'unknown';
}

function outcomeFor(layout: LayoutResult, threshold: Threshold, implicit: boolean): ThresholdOutcome {
  const base = {
    key: threshold.key,
    expression: threshold.expression,
    layout: layout.layout,
    scoped: threshold.layout !== null,
    ...(implicit ? { implicit: true } : {}),
  };
  const observation = observe(layout, threshold);
  if ('missing' in observation)
    return { ...base, status: 'unknown', observed: null, why: observation.missing };
  const status = judge(observation.figure, threshold.condition);
  return {
    ...base,
    status,
    observed: observation.figure,
    ...(status === 'unknown' ? { why: observation.figure.note ?? 'only bounds are known' } : {}),
  };
}

function notRun(threshold: Threshold, layout: string, why: string): ThresholdOutcome {
  return {
    key: threshold.key,
    expression: threshold.expression,
    layout,
    scoped: threshold.layout !== null,
    status: 'unknown',
    observed: null,
    why,
  };
}

export function evaluateVerdict(report: Report, thresholds: readonly Threshold[]): Verdict {
  const implicitInvariants = !thresholds.some((threshold) => threshold.metric.kind === 'invariants');
  const judged = implicitInvariants ? [...thresholds, IMPLICIT_INVARIANTS] : thresholds;
  const outcomes: ThresholdOutcome[] = [];
  for (const threshold of judged) {
    const implicit = threshold === IMPLICIT_INVARIANTS;
    if (threshold.layout !== null) {
      const layout = report.layouts.find((candidate) => candidate.layout === threshold.layout);
      outcomes.push(
        layout
          ? outcomeFor(layout, threshold, implicit)
          : notRun(threshold, threshold.layout, 'layout did not run'),
      );
      continue;
    }
    if (report.layouts.length === 0) outcomes.push(notRun(threshold, '(none)', 'no layout produced results'));
    for (const layout of report.layouts) outcomes.push(outcomeFor(layout, threshold, implicit));
  }
  const failed = outcomes.filter((outcome) => outcome.status !== 'pass').length;
  return { ok: failed === 0, outcomes, failed, implicitInvariants, scenarioThresholds: thresholds.length };
}
