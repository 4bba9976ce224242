// `compare` in the terminal: the runs, what differs between them, then one compact table of operations and one
// of lag, each run's p50/p99 with the change against run A and its noise mark.
import { compactTable } from '../report/summary-style.js';
import { wrapText } from '../report/style.js';
import { SUMMARY_WIDTH } from '../report/summary-style.js';
import { figureCells, figureHeads, MARK_LEGEND, runLines } from './cells.js';
import type { RunsComparison } from './types.js';

/** Layout and name on the left, figures on the right. */
function twoLabelTable(head: string[]) {
  return compactTable(
    head,
    false,
    head.map((_, i) => (i < 2 ? 'left' : 'right')),
  );
}

export function renderComparison(comparison: RunsComparison): string {
  const lines = [...runLines(comparison), ...comparison.warnings, ''];
  const ops = twoLabelTable([
    'layout',
    'operation',
    ...figureHeads(comparison, 'p50'),
    ...figureHeads(comparison, 'p99'),
  ]);
  for (const row of comparison.operations)
    ops.push([row.layout, row.operation, ...figureCells(row.p50), ...figureCells(row.p99)]);
  lines.push(
    'latency per operation (the latency each report shows: response time in the open model)',
    ops.toString(),
  );
  if (comparison.lag.length > 0) {
    const lag = twoLabelTable([
      'layout',
      'derived',
      ...figureHeads(comparison, 'apply p99'),
      ...figureHeads(comparison, 'visible p99'),
    ]);
    for (const row of comparison.lag)
      lag.push([row.layout, row.role, ...figureCells(row.applyP99), ...figureCells(row.visibleP99)]);
    lines.push('', 'consistency lag', lag.toString());
  }
  lines.push('', ...wrapText(MARK_LEGEND, SUMMARY_WIDTH), ...wrapText(comparison.noiseMethod, SUMMARY_WIDTH));
  return `${lines.join('\n')}\n`;
}
