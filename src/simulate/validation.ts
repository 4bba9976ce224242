// The model's error, never hidden: the calibration run re-simulated and set beside its own measurement, per
// operation (response-time p50/p95/p99) and per derived store (apply and visible lag p50/p99), as predicted ÷
// measured − 1. The same comparison serves the harder test: predict a run at another rate, then measure it.
import type { LayoutResult, LatencySummary, SimulationValidationRow } from '../metrics/types.js';
import { formatDuration } from '../report/format.js';
import { newTable } from '../report/style.js';

const PERCENTILES = ['p50', 'p95', 'p99'] as const;
const LAG_PERCENTILES = ['p50', 'p99'] as const;

function row(
  layout: string,
  figure: string,
  predicted: number | null,
  measured: number | null,
): SimulationValidationRow {
  const relativeError =
    predicted !== null && measured !== null && measured > 0 ? predicted / measured - 1 : null;
  return { layout, figure, predictedUs: predicted, measuredUs: measured, relativeError };
}

const pick = (summary: LatencySummary | null | undefined, p: 'p50' | 'p95' | 'p99') => summary?.[p] ?? null;

export function compareLayout(predicted: LayoutResult, measured: LayoutResult): SimulationValidationRow[] {
  const rows: SimulationValidationRow[] = [];
  for (const op of measured.operations) {
    if (op.count === 0) continue;
    const sim = predicted.operations.find((o) => o.name === op.name);
    for (const p of PERCENTILES)
      rows.push(
        row(
          measured.layout,
          `${op.name} ${p}`,
          pick(sim?.response ?? sim?.service, p),
          pick(op.response ?? op.service, p),
        ),
      );
  }
  for (const lag of measured.lag) {
    const sim = predicted.lag.find((l) => l.target === lag.target);
    for (const kind of ['apply', 'visible'] as const) {
      if (!lag[kind] && !sim?.[kind]) continue;
      for (const p of LAG_PERCENTILES)
        rows.push(
          row(measured.layout, `${kind} lag ${lag.target} ${p}`, pick(sim?.[kind], p), pick(lag[kind], p)),
        );
    }
  }
  const dropsMeasured = measured.schedule?.dropped ?? 0;
  const dropsPredicted = predicted.schedule?.dropped ?? 0;
  if (dropsMeasured + dropsPredicted > 0)
    rows.push({
      layout: measured.layout,
      figure: 'dropped arrivals (count)',
      predictedUs: dropsPredicted,
      measuredUs: dropsMeasured,
      relativeError: dropsMeasured > 0 ? dropsPredicted / dropsMeasured - 1 : null,
    });
  return rows;
}

/** A signed relative error as printed beside each figure: +12 %. */
export function percent(error: number | null): string {
  if (error === null) return '—';
  const sign = error > 0 ? '+' : '';
  return `${sign}${(error * 100).toFixed(0)} %`;
}

/** The table: one line per figure, predicted beside measured, with the relative error. */
export function renderValidation(
  title: string,
  rows: readonly SimulationValidationRow[],
  color = false,
): string {
  const table = newTable(['layout', 'figure', 'predicted', 'measured', 'error'], color, [
    'left',
    'left',
    'right',
    'right',
    'right',
  ]);
  for (const r of rows) {
    const counts = r.figure.endsWith('(count)');
    const show = (v: number | null) => (v === null ? '—' : counts ? String(v) : formatDuration(v));
    table.push([r.layout, r.figure, show(r.predictedUs), show(r.measuredUs), percent(r.relativeError)]);
  }
  return `${title}\n${table.toString()}\n`;
}

/** Median and largest absolute error of a set of rows, for one-line summaries. */
export function errorSummary(rows: readonly SimulationValidationRow[]): {
  median: number | null;
  worst: number | null;
} {
  const errors = rows
    .flatMap((r) => (r.relativeError === null ? [] : [Math.abs(r.relativeError)]))
    .sort((a, b) => a - b);
  if (errors.length === 0) return { median: null, worst: null };
  // An even count's median is the mean of its two middle values (the upper one alone leans high).
  const mid = errors.length >> 1;
  const median = errors.length % 2 === 1 ? errors[mid]! : (errors[mid - 1]! + errors[mid]!) / 2;
  return { median, worst: errors[errors.length - 1]! };
}

/** Per layout, the median absolute error of each family of figures: the one-screen view of a validation. */
export function renderErrorSummary(
  title: string,
  rows: readonly SimulationValidationRow[],
  color = false,
): string {
  const families: Array<[string, (figure: string) => boolean]> = [
    ['operations p50', (f) => !f.includes(' lag ') && f.endsWith(' p50')],
    ['operations p95', (f) => !f.includes(' lag ') && f.endsWith(' p95')],
    ['operations p99', (f) => !f.includes(' lag ') && f.endsWith(' p99')],
    ['apply lag p50', (f) => f.startsWith('apply lag') && f.endsWith(' p50')],
    ['apply lag p99', (f) => f.startsWith('apply lag') && f.endsWith(' p99')],
    ['visible lag p50', (f) => f.startsWith('visible lag') && f.endsWith(' p50')],
    ['visible lag p99', (f) => f.startsWith('visible lag') && f.endsWith(' p99')],
  ];
  const layouts = [...new Set(rows.map((r) => r.layout))];
  const table = newTable(['figures (median |error|)', ...layouts], color);
  for (const [name, match] of families) {
    table.push([
      name,
      ...layouts.map((layout) => {
        const { median } = errorSummary(rows.filter((r) => r.layout === layout && match(r.figure)));
        return median === null ? '—' : `${(median * 100).toFixed(0)} %`;
      }),
    ]);
  }
  return `${title}\n${table.toString()}\n`;
}
