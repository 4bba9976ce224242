// t-visibility (after PBS): the share of probed writes visible within t, per target, on a log t axis. Where the
// share is unknown (a write censored before t) the report gives bounds; they are drawn as a shaded band between
// dashed "at least" and "at most" lines, and the measured line has a gap there — never a 0.
import type { LagStats, LayoutResult } from '../../metrics/types.js';
import type { ChartSpec, SeriesSpec } from './chart-spec.js';
import { seriesColour } from './palette.js';

function hasUnknown(lag: LagStats): boolean {
  return lag.tVisibility.some((t) => t.fraction === null);
}

function translucent(hex: string): string {
  return `${hex}33`;
}

export function visibilityChart(layout: LayoutResult, layoutIndex: number): ChartSpec | null {
  const targets = layout.lag.filter((lag) => lag.tVisibility.length > 0);
  if (targets.length === 0) return null;
  const xs = [...new Set(targets.flatMap((lag) => lag.tVisibility.map((t) => t.withinMs)))].sort(
    (a, b) => a - b,
  );
  const data: Array<Array<number | null>> = [xs];
  const series: SeriesSpec[] = [];
  const bands: NonNullable<ChartSpec['bands']> = [];
  targets.forEach((lag, i) => {
    const colour = seriesColour(i + 2);
    const at = new Map(lag.tVisibility.map((t) => [t.withinMs, t]));
    const target = lag.target.split('@')[0] ?? lag.target;
    series.push({ label: `${target} (${lag.sampled} probed)`, color: colour, width: 2, points: true });
    data.push(xs.map((x) => at.get(x)?.fraction ?? null));
    if (!hasUnknown(lag)) return;
    // Where known, both bounds equal the fraction, so the band closes onto the line.
    const lower = xs.map((x) => {
      const t = at.get(x);
      return t ? (t.fraction ?? t.atLeast ?? null) : null;
    });
    const upper = xs.map((x) => {
      const t = at.get(x);
      return t ? (t.fraction ?? t.atMost ?? null) : null;
    });
    series.push({ label: `${target} at most (unknown)`, color: colour, dash: [2, 3], width: 1 });
    data.push(upper);
    series.push({ label: `${target} at least (unknown)`, color: colour, dash: [2, 3], width: 1 });
    data.push(lower);
    bands.push({ upper: data.length - 2, lower: data.length - 1, fill: translucent(colour) });
  });
  return {
    id: `visibility-${layoutIndex}`,
    title: `${layout.layout}: t-visibility`,
    x: { label: 'within t of the source commit', unit: 'ms', log: true, ticks: xs },
    y: { label: 'probed writes visible', unit: 'fraction', log: false, min: 0, max: 1 },
    data,
    series,
    bands,
    caption:
      'share of probed writes visible within t; a band between dashed lines is unknown (a write stopped ' +
      'being watched before t) with its bounds, never a measured 0',
  };
}
