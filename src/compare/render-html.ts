// `compare --html <file>`: the same tables as the terminal and Markdown renderers, as one self-contained page
// (the HTML report's shell and styles; no chart, no request outside the file).
import { loadChartAssets } from '../report/html/assets.js';
import { escapeHtml } from '../report/html/escape.js';
import { pageShell } from '../report/html/page-shell.js';
import { htmlTable, type CellInput } from '../report/html/table.js';
import { figureCells, figureHeads, MARK_LEGEND, runLines } from './cells.js';
import type { RunsComparison } from './types.js';

function numeric(cells: string[]): CellInput[] {
  return cells.map((text) => ({ text, numeric: true }));
}

export async function renderComparisonHtml(comparison: RunsComparison): Promise<string> {
  const parts = [
    '<h1>polyglot-bench compare</h1>',
    `<ul>${runLines(comparison)
      .map((line) => `<li>${escapeHtml(line)}</li>`)
      .join('')}</ul>`,
    ...comparison.warnings.map((warning) => `<p class="warning">⚠ ${escapeHtml(warning)}</p>`),
    '<h2>Latency per operation</h2>',
    htmlTable(
      [['layout', 'operation', ...figureHeads(comparison, 'p50'), ...figureHeads(comparison, 'p99')]],
      comparison.operations.map((row) => [
        row.layout,
        { text: row.operation, data: { operation: row.operation, layout: row.layout } },
        ...numeric([...figureCells(row.p50), ...figureCells(row.p99)]),
      ]),
    ),
  ];
  if (comparison.lag.length > 0) {
    parts.push(
      '<h2>Consistency lag</h2>',
      htmlTable(
        [
          [
            'layout',
            'derived',
            ...figureHeads(comparison, 'apply p99'),
            ...figureHeads(comparison, 'visible p99'),
          ],
        ],
        comparison.lag.map((row) => [
          row.layout,
          row.role,
          ...numeric([...figureCells(row.applyP99), ...figureCells(row.visibleP99)]),
        ]),
      ),
    );
  }
  parts.push(`<p><small>${escapeHtml(`${MARK_LEGEND}. ${comparison.noiseMethod}.`)}</small></p>`);
  return pageShell('polyglot-bench compare', `<main>${parts.join('\n')}</main>`, [], await loadChartAssets());
}
