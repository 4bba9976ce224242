// Over time, per layout, on one shared x axis (seconds since measure start) and shared y ranges so the layouts'
// charts side by side compare at a glance: completions and errors per second, and p50/p99 per operation.
// Load phases and this layout's fault windows are shaded where the scenario and the fault recorder put them.
import type { LayoutResult, Report } from '../../metrics/types.js';
import type { ChartSpec, SeriesSpec, ShadeSpec } from './chart-spec.js';
import { bucketSeconds, downsample, type Bucket } from './downsample.js';
import { seriesColour } from './palette.js';
import { loadPhases } from './phases.js';

function lastSecond(layout: LayoutResult): number {
  const seen = layout.timeSeries.reduce((max, sample) => Math.max(max, sample.second), -1);
  return Math.max(seen, Math.ceil(layout.measuredSeconds) - 1);
}

function operationNames(report: Report): string[] {
  const names: string[] = [];
  for (const layout of report.layouts)
    for (const op of layout.operations) if (!names.includes(op.name)) names.push(op.name);
  return names;
}

export function shading(report: Report, layout: LayoutResult, endS: number): ShadeSpec[] {
  const spans = loadPhases(report);
  // One phase is the whole window: shading it would mark nothing.
  const phases: ShadeSpec[] = (spans.length > 1 ? spans : []).map((phase) => ({
    kind: 'phase',
    from: phase.fromS,
    to: phase.toS,
    label: phase.name,
  }));
  const faults: ShadeSpec[] = layout.faults
    .filter((fault) => fault.startedAtS !== null)
    .map((fault) => ({
      kind: 'fault',
      from: fault.startedAtS ?? 0,
      // Switched on and never off: it lasted to the end of what was measured.
      to: fault.endedAtS ?? endS,
      label: fault.description,
    }));
  return [...phases, ...faults];
}

function caption(k: number, layout: LayoutResult): string {
  const point =
    k === 1
      ? 'each point is one second (operations bucketed by the second they ended in)'
      : `each point is ${k} s: rates are the mean per second, p99 the highest second's, p50 the median second's`;
  const dropped = layout.schedule
    ? ` · dropped arrivals: ${layout.schedule.dropped} of ${layout.schedule.intended} intended, counted over the ` +
      'whole window (the report has no per-second count)'
    : '';
  return point + dropped;
}

interface Drawn {
  layout: LayoutResult;
  buckets: Bucket[];
}

function positiveRange(values: Array<number | null>): { min: number; max: number } | null {
  const positive = values.filter((v): v is number => v !== null && v > 0);
  if (positive.length === 0) return null;
  return { min: Math.min(...positive), max: Math.max(...positive) };
}

/** For each layout: [throughput chart, latency chart], in report order. */
export function timeSeriesCharts(report: Report): Array<{ throughput: ChartSpec; latency: ChartSpec }> {
  const last = Math.max(0, ...report.layouts.map(lastSecond));
  const k = bucketSeconds(last);
  const drawn: Drawn[] = report.layouts.map((layout) => ({
    layout,
    buckets: downsample(layout.timeSeries, lastSecond(layout), k),
  }));
  const names = operationNames(report);
  const xMax = last + 1;
  const rateMax = Math.max(1, ...drawn.flatMap(({ buckets }) => buckets.map((b) => b.opsPerS)));
  const latencyValues = drawn.flatMap(({ buckets }) =>
    buckets.flatMap((b) => Object.values(b.latency).flatMap((l) => [l.p50, l.p99])),
  );
  const latencyRange = positiveRange(latencyValues) ?? { min: 1, max: 1000 };

  return drawn.map(({ layout, buckets }, li) => {
    const xs = buckets.map((b) => b.x);
    const shades = shading(report, layout, layout.measuredSeconds);
    const throughput: ChartSpec = {
      id: `ts-throughput-${li}`,
      title: `${layout.layout}: completions and errors per second`,
      x: { label: 's since measure start', unit: 'seconds', log: false, min: 0, max: xMax },
      y: { label: 'per second', unit: 'rate', log: false, min: 0, max: rateMax * 1.05 },
      data: [xs, buckets.map((b) => b.opsPerS), buckets.map((b) => b.errorsPerS)],
      series: [
        { label: 'completions/s', color: '#0072b2', width: 1.5 },
        { label: 'errors/s', color: '#d55e00', width: 1.5 },
      ],
      shading: shades,
      caption: caption(k, layout),
    };
    const series: SeriesSpec[] = [];
    const data: Array<Array<number | null>> = [xs];
    names.forEach((name, oi) => {
      if (!layout.operations.some((op) => op.name === name)) return;
      const colour = seriesColour(oi);
      series.push({ label: `${name} p99`, color: colour, width: 1.5 });
      data.push(buckets.map((b) => b.latency[name]?.p99 ?? null));
      series.push({ label: `${name} p50`, color: colour, dash: [3, 3], show: false });
      data.push(buckets.map((b) => b.latency[name]?.p50 ?? null));
    });
    const latency: ChartSpec = {
      id: `ts-latency-${li}`,
      title: `${layout.layout}: ${layout.latencyBasis} time per operation, p99 (p50 dashed)`,
      x: { label: 's since measure start', unit: 'seconds', log: false, min: 0, max: xMax },
      y: {
        label: 'latency',
        unit: 'us',
        log: true,
        min: latencyRange.min * 0.8,
        max: latencyRange.max * 1.25,
      },
      data,
      series,
      shading: shades,
      caption: caption(k, layout),
    };
    return { throughput, latency };
  });
}
