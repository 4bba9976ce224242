// Consistency side by side: lag per source → target of every layout (apply, visible, t-visibility, not seen,
// resolution), read-your-writes per operation, and per layout the t-visibility curve and the lag spectrum.
import type { LagStats, LatencySummary, Report } from '../../metrics/types.js';
import { formatCount, formatDuration, formatPercent, formatThresholdMs, MISSING } from '../format.js';
import type { ChartSpec } from './chart-spec.js';
import { ChartCollector, layoutColumns } from './chart-figure.js';
import { escapeHtml } from './escape.js';
import { lagSpectrum } from './spectrum-charts.js';
import { htmlTable, type CellInput } from './table.js';
import { visibilityChart } from './visibility-chart.js';

/** What the lag columns mean (docs/measurements.md, "Consistency lag"). */
const LAG_LEGEND =
  'apply = derived write ack (by the relay, or by the request itself in dual-write) − source commit ack (— when ' +
  'one transaction); visible = first probe read that saw the write − source commit ack, to within the probe ' +
  "interval (resolution; when reads took longer, the p99 gap between a write's last two reads is shown under " +
  'it); t-visibility = share of probed writes visible within t. A write not seen while it was watched (the ' +
  'probe timeout, or until Ctrl-C) is not visible up to then and unknown after: such a t shows "unknown" with ' +
  'the bounds the report gives.';

function percentiles(summary: LatencySummary | null, data: Record<string, string>): CellInput {
  if (!summary || summary.count === 0) return { text: MISSING, numeric: true };
  return {
    html: [
      `p50 ${escapeHtml(formatDuration(summary.p50))}`,
      `<span data-metric="p99">p99 ${escapeHtml(formatDuration(summary.p99))}</span>`,
      `max ${escapeHtml(formatDuration(summary.max))}`,
    ].join('<br>'),
    numeric: true,
    data,
  };
}

/** A share, or its bounds where it is unknown (a write censored before t): never a 0 that looks measured. */
function visibilityText(point: LagStats['tVisibility'][number]): string {
  if (point.fraction !== null) return formatPercent(point.fraction);
  return `unknown: ${formatPercent(point.atLeast ?? null)}–${formatPercent(point.atMost ?? null)}`;
}

function lagRows(report: Report): CellInput[][] {
  return report.layouts.flatMap((layout) =>
    layout.lag.map((lag): CellInput[] => {
      const data = { layout: layout.layout, target: lag.target };
      const gap =
        lag.probeGapP99Us !== null && lag.probeGapP99Us > 2 * lag.probeIntervalUs
          ? `<br><span class="warn">gaps p99 ${escapeHtml(formatDuration(lag.probeGapP99Us))}</span>`
          : '';
      const before =
        lag.appliedBeforeCommitAck > 0
          ? ` · ${formatCount(lag.appliedBeforeCommitAck)} applied before ack (as 0)`
          : '';
      return [
        { text: layout.layout, data },
        { text: `${lag.source} → ${lag.target}`, title: `via ${lag.mechanism}${before}` },
        lag.mechanism,
        percentiles(lag.apply, { ...data, lag: 'apply' }),
        percentiles(lag.visible, { ...data, lag: 'visible' }),
        {
          html: lag.tVisibility
            .map((p) => `${escapeHtml(formatThresholdMs(p.withinMs))}: ${escapeHtml(visibilityText(p))}`)
            .join('<br>'),
        },
        {
          text:
            lag.sampled === 0
              ? 'none sampled'
              : `${formatCount(lag.neverVisible)} of ${formatCount(lag.sampled)} in ${formatDuration(lag.probeTimeoutUs)}`,
          numeric: true,
          className: lag.neverVisible > 0 ? 'bad' : undefined,
        },
        { html: `${escapeHtml(formatDuration(lag.probeIntervalUs))}${gap}`, numeric: true },
      ];
    }),
  );
}

function readYourWritesTable(report: Report): string {
  const operations = [
    ...new Set(report.layouts.flatMap((layout) => Object.keys(layout.readYourWrites.checksByOperation))),
  ];
  if (operations.length === 0)
    return '<p>read-your-writes: not checked (no shopper read right after their own checkout)</p>';
  const rows = operations.map((operation): CellInput[] => [
    operation,
    ...report.layouts.map((layout): CellInput => {
      const checks = layout.readYourWrites.checksByOperation[operation];
      if (checks === undefined) return { text: MISSING, numeric: true };
      const missed = layout.readYourWrites.violations[operation] ?? 0;
      return {
        text: `missed ${formatCount(missed)} of ${formatCount(checks)}`,
        numeric: true,
        className: missed > 0 ? 'bad' : undefined,
        data: { layout: layout.layout, ryw: operation },
      };
    }),
  ]);
  return htmlTable([['read right after own checkout', ...report.layouts.map((l) => l.layout)]], rows, {
    caption: "Read-your-writes: a shopper's read right after their own acknowledged checkout that missed it",
  });
}

/** The anomaly shoppers meet with a derived search index: a product listed in stock after it sold out. */
function staleInStockTable(report: Report): string {
  if (!report.layouts.some((layout) => layout.staleInStock)) return '';
  const row = (
    label: string,
    cell: (stale: NonNullable<Report['layouts'][number]['staleInStock']>) => CellInput,
  ) => [
    label,
    ...report.layouts.map((layout): CellInput =>
      layout.staleInStock ? cell(layout.staleInStock) : { text: MISSING, numeric: true },
    ),
  ];
  const rows: CellInput[][] = [
    row('searches', (s) => ({ text: formatCount(s.searches), numeric: true })),
    row('results listed in stock', (s) => ({ text: formatCount(s.listedInStock), numeric: true })),
    row('of those already sold out', (s) => ({
      text: formatCount(s.stale),
      numeric: true,
      className: s.stale > 0 ? 'bad' : undefined,
      data: { 'stale-in-stock': String(s.stale) },
    })),
    row('searches listing one', (s) => ({ text: formatCount(s.staleSearches), numeric: true })),
  ];
  return htmlTable([['stale in-stock', ...report.layouts.map((l) => l.layout)]], rows, {
    caption:
      'Stale in-stock: search results listing a product as in stock after the placed orders took its last unit',
  });
}

export function consistencySection(report: Report, charts: ChartCollector): string {
  const rows = lagRows(report);
  const lagTable =
    rows.length === 0
      ? '<p>No derived stores to measure.</p>'
      : htmlTable(
          [
            [
              'layout',
              'source → target',
              'via',
              'apply',
              'visible',
              't-visibility',
              'not seen',
              'resolution',
            ],
          ],
          rows,
          { className: 'lag' },
        );
  // One column per layout; a layout without derived stores keeps its column, saying so.
  const column = (spec: ChartSpec | null, layout: string) =>
    spec
      ? charts.figure(spec)
      : `<figure class="chart"><h4>${escapeHtml(layout)}: no derived stores</h4></figure>`;
  const anyLag = report.layouts.some((layout) => layout.lag.length > 0);
  const visibility = report.layouts.map((layout, i) => column(visibilityChart(layout, i), layout.layout));
  const spectra = report.layouts.map((layout, i) => column(lagSpectrum(layout, i), layout.layout));
  return (
    '<section id="consistency"><h2>Consistency</h2>' +
    lagTable +
    `<p class="legend">${escapeHtml(LAG_LEGEND)}</p>` +
    readYourWritesTable(report) +
    staleInStockTable(report) +
    (anyLag ? layoutColumns(visibility) + layoutColumns(spectra) : '') +
    '<p class="legend">The report holds lag as distributions per source → target, not per second, so lag is ' +
    'drawn as a spectrum; lag during each fault is in the fault tables.</p>' +
    '</section>'
  );
}
