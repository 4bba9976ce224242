// `compare`'s figures: the same operations and lag of several runs side by side, each run's change against the
// first, and whether it exceeds the runs' own noise (src/compare/noise.ts). Pure over the reports.
import type { LagStats, LayoutResult, Report } from '../metrics/types.js';
import { beyondNoise, NOISE_METHOD } from './noise.js';
import type { ComparedFigure, LagComparison, OperationComparison, RunInfo, RunsComparison } from './types.js';

export interface LoadedReport {
  file: string;
  report: Report;
}

function runLabel(index: number): string {
  return (
    String.fromCharCode('A'.charCodeAt(0) + (index % 26)) +
    (index >= 26 ? String(Math.floor(index / 26)) : '')
  );
}

function unionInOrder(lists: ReadonlyArray<readonly string[]>): string[] {
  const names: string[] = [];
  for (const list of lists) for (const name of list) if (!names.includes(name)) names.push(name);
  return names;
}

function relative(value: number | null, base: number | null): number | null {
  return value === null || base === null || base === 0 ? null : (value - base) / base;
}

/** values per run; series per run (per-second samples) when the figure has them. */
function compared(values: Array<number | null>, series: Array<number[] | null>): ComparedFigure {
  const [base = null] = values;
  const deltas = values.slice(1).map((value) => relative(value, base));
  const baseSeries = series[0] ?? null;
  const noise = series
    .slice(1)
    .map((runSeries, i) =>
      baseSeries && runSeries ? beyondNoise(baseSeries, runSeries, deltas[i] ?? null) : null,
    );
  return { values, deltas, beyondNoise: noise };
}

function layoutOf(report: Report, name: string): LayoutResult | undefined {
  return report.layouts.find((layout) => layout.layout === name);
}

/** The latency the layout reports (response time open, service time closed), as the per-second series does. */
function operationFigure(
  layout: LayoutResult | undefined,
  operation: string,
  stat: 'p50' | 'p99',
): number | null {
  const op = layout?.operations.find((candidate) => candidate.name === operation);
  const summary = layout?.latencyBasis === 'response' ? op?.response : op?.service;
  return summary && summary.count > 0 ? summary[stat] : null;
}

function operationSeries(
  layout: LayoutResult | undefined,
  operation: string,
  stat: 'p50' | 'p99',
): number[] | null {
  if (!layout) return null;
  return layout.timeSeries.flatMap((second) => {
    const sample = second.operations[operation];
    // A merged report's per-second percentiles are unknown (null): no noise judgement from them.
    const value = sample && sample.count > 0 ? sample[stat] : null;
    return value === null ? [] : [value];
  });
}

function lagOf(layout: LayoutResult | undefined, role: string): LagStats | undefined {
  return layout?.lag.find((lag) => lag.target.split('@')[0] === role);
}

function p99Of(summary: LagStats['apply']): number | null {
  return summary && summary.count > 0 ? summary.p99 : null;
}

function differences(runs: readonly LoadedReport[], infos: readonly RunInfo[]): string[] {
  const [first, ...rest] = runs;
  if (!first) return [];
  const warnings: string[] = [];
  const describe = (pick: (report: Report) => string): string =>
    runs.map((run, i) => `${infos[i]?.label ?? ''} ${pick(run.report)}`).join(', ');
  const differs = (pick: (report: Report) => string) =>
    rest.some((run) => pick(run.report) !== pick(first.report));
  const checks: Array<[string, (report: Report) => string]> = [
    ['scenarios differ', (report) => report.scenario.name],
    ['seeds differ', (report) => String(report.scenario.seed)],
    ['machines differ', (report) => `${report.environment.cpus} × ${report.environment.cpuModel}`],
    ['node versions differ', (report) => report.environment.node],
    ['tool versions differ', (report) => report.tool.version],
  ];
  for (const [what, pick] of checks) if (differs(pick)) warnings.push(`warning: ${what}: ${describe(pick)}`);
  // Same name and seed, other settings (a longer run, another rate): the figures measure different loads.
  const settings = (report: Report) => {
    const config = report.scenario.config as Record<string, unknown> | null;
    return JSON.stringify(config && typeof config === 'object' ? { ...config, seed: undefined } : config);
  };
  if (!differs((report) => report.scenario.name) && differs(settings))
    warnings.push(
      `warning: scenario settings differ (same name ${first.report.scenario.name}, other values)`,
    );
  return warnings;
}

export function compareRuns(runs: readonly LoadedReport[]): RunsComparison {
  const infos: RunInfo[] = runs.map(({ file, report }, index) => ({
    label: runLabel(index),
    file,
    scenario: report.scenario.name,
    seed: report.scenario.seed,
    createdAt: report.createdAt,
  }));
  const layoutNames = unionInOrder(runs.map(({ report }) => report.layouts.map((layout) => layout.layout)));
  const operations: OperationComparison[] = [];
  const lag: LagComparison[] = [];
  for (const name of layoutNames) {
    const layouts = runs.map(({ report }) => layoutOf(report, name));
    const opNames = unionInOrder(layouts.map((layout) => layout?.operations.map((op) => op.name) ?? []));
    for (const operation of opNames) {
      const figure = (stat: 'p50' | 'p99') =>
        compared(
          layouts.map((layout) => operationFigure(layout, operation, stat)),
          layouts.map((layout) => operationSeries(layout, operation, stat)),
        );
      operations.push({ layout: name, operation, p50: figure('p50'), p99: figure('p99') });
    }
    const roles = unionInOrder(
      layouts.map((layout) => layout?.lag.map((l) => l.target.split('@')[0] ?? '') ?? []),
    );
    for (const role of roles) {
      const noSeries = layouts.map(() => null);
      lag.push({
        layout: name,
        role,
        // Lag has no per-second series, so its changes are shown but never judged against noise.
        applyP99: compared(
          layouts.map((layout) => p99Of(lagOf(layout, role)?.apply ?? null)),
          noSeries,
        ),
        visibleP99: compared(
          layouts.map((layout) => p99Of(lagOf(layout, role)?.visible ?? null)),
          noSeries,
        ),
      });
    }
  }
  return { runs: infos, warnings: differences(runs, infos), operations, lag, noiseMethod: NOISE_METHOD };
}
