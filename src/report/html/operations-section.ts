// Every operation side by side: per layout its count, throughput, p50 and p99 (of the latency the layout reports)
// and errors, then each layout's p99 against the first's; below, the percentile spectrum of each operation.
import type { Report } from '../../metrics/types.js';
import { formatCount, formatDuration, formatRatio, formatThroughput, MISSING } from '../format.js';
import { ChartCollector, chartGrid } from './chart-figure.js';
import { escapeHtml } from './escape.js';
import { operationSpectra } from './spectrum-charts.js';
import { htmlTable, type CellInput } from './table.js';

function operationsTable(report: Report): string {
  const layouts = report.layouts;
  const others = layouts.slice(1);
  const head: CellInput[][] = [
    [
      { text: '' },
      ...layouts.map((l) => ({ text: `${l.layout} (${l.latencyBasis})`, colspan: 5, className: 'group' })),
      ...(others.length ? [{ text: 'p99 ratio', colspan: others.length, className: 'group' }] : []),
    ],
    [
      'operation',
      ...layouts.flatMap(() => [
        { text: 'count', numeric: true },
        { text: 'ops/s', numeric: true },
        { text: 'p50', numeric: true },
        { text: 'p99', numeric: true },
        { text: 'errors', numeric: true },
      ]),
      ...others.map((l) => ({ text: `${l.layout} ÷ ${layouts[0]?.layout ?? ''}`, numeric: true })),
    ],
  ];
  const rows = report.comparison.map((row): CellInput[] => [
    row.operation,
    ...row.cells.flatMap((c, i): CellInput[] => {
      const layout = layouts[i];
      if (!c || !layout)
        return [MISSING, MISSING, MISSING, MISSING, MISSING].map((t) => ({ text: t, numeric: true }));
      const op = layout.operations.find((o) => o.name === row.operation);
      const data = (metric: string) => ({ layout: layout.layout, op: row.operation, metric });
      const rejected = op && op.rejected > 0 ? ` (+${formatCount(op.rejected)} rejected)` : '';
      return [
        { text: formatCount(c.count), numeric: true, data: data('count') },
        { text: formatThroughput(c.count, layout.measuredSeconds), numeric: true, data: data('ops') },
        // A summary of nothing holds placeholder zeros: shown as missing, never as "0 µs".
        { text: c.count > 0 ? formatDuration(c.p50) : MISSING, numeric: true, data: data('p50') },
        { text: c.count > 0 ? formatDuration(c.p99) : MISSING, numeric: true, data: data('p99') },
        {
          text: `${formatCount(c.errors)}${rejected}`,
          numeric: true,
          data: data('errors'),
          className: c.errors > 0 ? 'bad' : undefined,
        },
      ];
    }),
    ...row.p99Ratio.slice(1).map((ratio) => ({ text: formatRatio(ratio), numeric: true })),
  ]);
  return htmlTable(head, rows, { className: 'ops' });
}

export function operationsSection(report: Report, charts: ChartCollector): string {
  const spectra = operationSpectra(report).map((spec) => charts.figure(spec));
  return (
    '<section id="operations"><h2>Operations</h2>' +
    operationsTable(report) +
    '<h3>Percentile spectrum</h3>' +
    `<p class="legend">${escapeHtml(
      'latency against 1/(1−p): 50 %, 90 %, 99 %, 99.9 % a decade apart; the last point is the max, drawn ' +
        'at the rank of the top value (p = 1 − 1/count). Dashed: service time (click the legend to show).',
    )}</p>` +
    chartGrid(spectra) +
    '</section>'
  );
}
