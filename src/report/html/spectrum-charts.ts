// The percentile spectrum (HdrHistogram's percentile distribution plot): latency against 1/(1−p) on a log axis,
// so 90 %, 99 %, 99.9 % sit a decade apart and the tail gets the room it deserves. Points are the summary
// percentiles the report holds; nothing is re-derived from the histograms.
import type { LagStats, LatencySummary, LayoutResult, Report } from '../../metrics/types.js';
import type { ChartSpec, SeriesSpec } from './chart-spec.js';
import { layoutColour, seriesColour } from './palette.js';

/** x = 1/(1−p) for each summary percentile; min is p = 0 (x = 1). */
const PERCENTILE_POINTS: Array<{ key: 'min' | 'p50' | 'p90' | 'p95' | 'p99' | 'p999'; x: number }> = [
  { key: 'min', x: 1 },
  { key: 'p50', x: 2 },
  { key: 'p90', x: 10 },
  { key: 'p95', x: 20 },
  { key: 'p99', x: 100 },
  { key: 'p999', x: 1000 },
];

export const SPECTRUM_TICKS = [1, 2, 10, 100, 1000, 10_000, 100_000, 1_000_000];

/**
 * The max is the top of `count` values: the nearest-rank percentile 1 − 1/count, i.e. x = count. With fewer than
 * 1000 values p99.9 already is the max, so it is drawn no further left than p99.9.
 */
function maxX(summary: LatencySummary): number {
  return Math.max(summary.count, 1000);
}

function points(summary: LatencySummary): Array<[number, number]> {
  const out = PERCENTILE_POINTS.map(({ key, x }): [number, number] => [x, summary[key]]);
  out.push([maxX(summary), summary.max]);
  // A log y axis cannot show 0 (a 0 µs minimum of an apply lag counted before its ack): leave it out.
  return out.filter(([, y]) => y > 0);
}

/** Several (x, y) point lists on one x array: the union of their x values, null where a list has no point. */
function alignPoints(lists: Array<Array<[number, number]>>): Array<Array<number | null>> {
  const xs = [...new Set(lists.flatMap((list) => list.map(([x]) => x)))].sort((a, b) => a - b);
  return [
    xs,
    ...lists.map((list) => {
      const byX = new Map(list);
      return xs.map((x) => byX.get(x) ?? null);
    }),
  ];
}

function spectrumChart(
  id: string,
  title: string,
  all: Array<{ series: SeriesSpec; summary: LatencySummary }>,
): ChartSpec {
  // A summary of nothing holds placeholder zeros: no line rather than a line at 0.
  const lines = all.filter(({ summary }) => summary.count > 0);
  const top = Math.max(1000, ...lines.map(({ summary }) => maxX(summary)));
  return {
    id,
    title,
    x: { label: 'percentile', unit: 'percentile', log: true, min: 1, max: top, ticks: SPECTRUM_TICKS },
    y: { label: 'latency', unit: 'us', log: true },
    data: alignPoints(lines.map(({ summary }) => points(summary))),
    series: lines.map(({ series }) => ({ ...series, points: true, spanGaps: true })),
  };
}

/** One chart per operation, every layout on it: the latency the layout reports (solid), service time (dashed). */
export function operationSpectra(report: Report): ChartSpec[] {
  const names: string[] = [];
  for (const layout of report.layouts)
    for (const op of layout.operations) if (!names.includes(op.name)) names.push(op.name);
  return names.map((name, index) => {
    const lines: Array<{ series: SeriesSpec; summary: LatencySummary }> = [];
    report.layouts.forEach((layout, li) => {
      const op = layout.operations.find((o) => o.name === name);
      if (!op) return;
      const colour = layoutColour(li);
      if (op.response) {
        lines.push({ series: { label: `${layout.layout} response`, color: colour }, summary: op.response });
        lines.push({
          series: { label: `${layout.layout} service`, color: colour, dash: [4, 4], show: false },
          summary: op.service,
        });
      } else {
        lines.push({ series: { label: `${layout.layout} service`, color: colour }, summary: op.service });
      }
    });
    return spectrumChart(`spectrum-op-${index}`, name, lines);
  });
}

function lagLines(lag: LagStats, colour: string): Array<{ series: SeriesSpec; summary: LatencySummary }> {
  const lines: Array<{ series: SeriesSpec; summary: LatencySummary }> = [];
  const target = lag.target.split('@')[0] ?? lag.target;
  if (lag.apply) lines.push({ series: { label: `${target} apply`, color: colour }, summary: lag.apply });
  if (lag.visible)
    lines.push({
      series: { label: `${target} visible`, color: colour, dash: [4, 4] },
      summary: lag.visible,
    });
  return lines;
}

/** Per layout: apply (solid) and visible (dashed) lag of each source → target; null when nothing to draw. */
export function lagSpectrum(layout: LayoutResult, layoutIndex: number): ChartSpec | null {
  const lines = layout.lag.flatMap((lag, i) => lagLines(lag, seriesColour(i + 2)));
  if (lines.length === 0) return null;
  return spectrumChart(`spectrum-lag-${layoutIndex}`, `${layout.layout}: lag spectrum`, lines);
}
