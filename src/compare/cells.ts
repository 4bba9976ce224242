// The cells both compare renderers print: a run's figure, and a change with its noise mark.
import { formatDuration } from '../report/format.js';
import type { ComparedFigure, RunsComparison } from './types.js';

/** "+4.2%", "−21%", "0%": the change against the first run. */
export function formatDelta(delta: number | null): string {
  if (delta === null || !Number.isFinite(delta)) return '—';
  const percent = delta * 100;
  if (Math.abs(percent) < 0.05) return '0%';
  const sign = percent > 0 ? '+' : '−';
  const size = Math.abs(percent);
  return `${sign}${size < 9.95 ? size.toFixed(1) : Math.round(size)}%`;
}

/** "*" beyond the runs' noise, "?" not judged (too few seconds, or no per-second series), "" within it. */
export function noiseMark(beyond: boolean | null): string {
  if (beyond === null) return '?';
  return beyond ? '*' : '';
}

export const MARK_LEGEND =
  'Δ = change against run A; * = beyond the runs’ noise, ? = not judged (too few seconds, or no per-second ' +
  'series: lag), no mark = within noise';

/** Per run its value; per later run its Δ with the noise mark: [A, B, ΔB, C, ΔC, …]. */
export function figureCells(figure: ComparedFigure): string[] {
  const cells = [formatDuration(figure.values[0])];
  figure.values.slice(1).forEach((value, i) => {
    const delta = figure.deltas[i] ?? null;
    const mark = delta === null ? '' : noiseMark(figure.beyondNoise[i] ?? null);
    cells.push(formatDuration(value), `${formatDelta(delta)}${mark ? ` ${mark}` : ''}`);
  });
  return cells;
}

export function figureHeads(comparison: RunsComparison, stat: string): string[] {
  const [first, ...rest] = comparison.runs;
  return [`${first?.label ?? 'A'} ${stat}`, ...rest.flatMap((run) => [`${run.label} ${stat}`, 'Δ'])];
}

export function runLines(comparison: RunsComparison): string[] {
  return comparison.runs.map(
    (run) =>
      `${run.label}: ${run.file} (${run.scenario}, seed ${run.seed}, ${run.createdAt.replace(/\.\d+Z$/, 'Z')})`,
  );
}
