// The figure of one layout's results that a threshold reads (docs/measurements.md defines each). Returns the
// figure, exact or bounded, or why the report has none: a missing figure is never read as 0.
import type { LagStats, LatencySummary, LayoutResult } from '../metrics/types.js';
import type { LatencyStat, Threshold } from './threshold.js';
import { errorTotals, readYourWritesTotals } from './totals.js';
import type { ObservedFigure } from './types.js';

export type Observation = { figure: ObservedFigure } | { missing: string };

const exact = (
  unit: ObservedFigure['unit'],
  value: number,
  extra: Partial<ObservedFigure> = {},
): Observation => ({
  figure: { unit, atLeast: value, atMost: value, ...extra },
});

const share = (count: number, of: number): Observation =>
  exact('fraction', count / of, { parts: { count, of } });

function statOf(summary: LatencySummary, stat: LatencyStat): number {
  return summary[stat];
}

function lagTo(layout: LayoutResult, role: string): LagStats | undefined {
  return layout.lag.find((lag) => lag.target.split('@')[0] === role);
}

function operationLatency(layout: LayoutResult, name: string, stat: LatencyStat): Observation {
  const op = layout.operations.find((candidate) => candidate.name === name);
  // The latency the layout reports: response time in the open model, service time in the closed one.
  const summary = layout.latencyBasis === 'response' ? op?.response : op?.service;
  if (!op || !summary || summary.count === 0) return { missing: `no ${name} measured` };
  return exact('us', statOf(summary, stat));
}

function lagLatency(
  layout: LayoutResult,
  role: string,
  which: 'apply' | 'visible',
  stat: LatencyStat,
): Observation {
  const lag = lagTo(layout, role);
  if (!lag) return { missing: `no lag measured to ${role} in this layout` };
  if (which === 'apply') {
    // docs/measurements.md: "One transaction has no apply lag" — the derived rows commit with the stock.
    if (lag.apply === null && lag.mechanism === 'single-transaction')
      return exact('us', 0, { note: 'one transaction: no apply lag' });
    if (!lag.apply || lag.apply.count === 0) return { missing: `no write applied to ${lag.target}` };
    return exact('us', statOf(lag.apply, stat));
  }
  if (!lag.visible || lag.visible.count === 0)
    return {
      missing:
        lag.sampled === 0 ? `no write probed in ${lag.target}` : `no probed write seen in ${lag.target}`,
    };
  const value = statOf(lag.visible, stat);
  if (lag.neverVisible === 0 || stat === 'min') return exact('us', value);
  // Writes never seen are censored (not visible up to their last read): the percentiles over the writes that
  // were seen are only a lower bound on the percentiles over every probed write.
  return {
    figure: {
      unit: 'us',
      atLeast: value,
      atMost: null,
      note: `${lag.neverVisible} of ${lag.sampled} probed writes never seen`,
    },
  };
}

function visibility(layout: LayoutResult, role: string, withinMs: number): Observation {
  const lag = lagTo(layout, role);
  const point = lag?.tVisibility.find((candidate) => candidate.withinMs === withinMs);
  if (!lag || !point)
    return { missing: lag ? `no write probed in ${lag.target}` : `no lag measured to ${role}` };
  if (point.fraction !== null) return exact('fraction', point.fraction);
  return {
    figure: {
      unit: 'fraction',
      atLeast: point.atLeast ?? 0,
      atMost: point.atMost ?? 1,
      note: 'a probed write was censored before t',
    },
  };
}

function readYourWrites(layout: LayoutResult, operation: string | null, asCount: boolean): Observation {
  const { checks, missed } = readYourWritesTotals(layout, operation);
  if (checks === 0) return { missing: `no ${operation ?? 'read'} right after the shopper's own checkout` };
  return asCount ? exact('count', missed, { parts: { count: missed, of: checks } }) : share(missed, checks);
}

function errors(layout: LayoutResult, operation: string | null, asCount: boolean): Observation {
  const totals = errorTotals(layout, operation);
  if (totals.operations === 0) return { missing: `no ${operation ?? 'operation'} measured` };
  return asCount
    ? exact('count', totals.errors, { parts: { count: totals.errors, of: totals.operations } })
    : share(totals.errors, totals.operations);
}

function dropped(layout: LayoutResult, asCount: boolean): Observation {
  const schedule = layout.schedule;
  if (!schedule) return { missing: 'no arrival schedule (closed model)' };
  if (schedule.intended === 0) return { missing: 'no arrival intended in the measured window' };
  return asCount
    ? exact('count', schedule.dropped, { parts: { count: schedule.dropped, of: schedule.intended } })
    : share(schedule.dropped, schedule.intended);
}

export function observe(layout: LayoutResult, threshold: Threshold): Observation {
  const { metric, condition } = threshold;
  const stat = condition.kind === 'latency' ? condition.stat : 'p99';
  const asCount = condition.kind === 'count';
  switch (metric.kind) {
    case 'operation':
      return operationLatency(layout, metric.operation, stat);
    case 'lag':
      return lagLatency(layout, metric.role, metric.lag, stat);
    case 'visibility':
      return visibility(layout, metric.role, condition.kind === 'within' ? condition.withinMs : 0);
    case 'read-your-writes':
      return readYourWrites(layout, metric.operation, asCount);
    case 'errors':
      return errors(layout, metric.operation, asCount);
    case 'dropped':
      return dropped(layout, asCount);
    case 'round-trips': {
      const perRun = layout.operations.find((op) => op.name === metric.operation)?.storeCallsPerRun;
      if (!perRun) return { missing: `no store calls counted for ${metric.operation}` };
      return exact('count', perRun[condition.kind === 'calls' ? condition.stat : 'mean']);
    }
    case 'invariants':
      return exact('ok', layout.invariants.ok ? 1 : 0);
  }
}
