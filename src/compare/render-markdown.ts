// `compare --markdown`: the same tables as GitHub-flavoured Markdown, for a pull-request comment.
import { figureCells, figureHeads, MARK_LEGEND, runLines } from './cells.js';
import type { RunsComparison } from './types.js';

function escapeCell(text: string): string {
  return text.replace(/\|/g, '\\|');
}

function table(head: string[], rows: string[][], aligns: Array<'left' | 'right'>): string[] {
  const rule = aligns.map((align) => (align === 'left' ? ':---' : '---:'));
  return [head, rule, ...rows].map((cells) => `| ${cells.map(escapeCell).join(' | ')} |`);
}

export function renderComparisonMarkdown(comparison: RunsComparison): string {
  const lines = ['### polyglot-bench compare', '', ...runLines(comparison).map((line) => `- ${line}`)];
  if (comparison.warnings.length > 0) lines.push('', ...comparison.warnings.map((w) => `> ⚠️ ${w}`));
  const opHead = [
    'layout',
    'operation',
    ...figureHeads(comparison, 'p50'),
    ...figureHeads(comparison, 'p99'),
  ];
  const opRows = comparison.operations.map((row) => [
    row.layout,
    row.operation,
    ...figureCells(row.p50),
    ...figureCells(row.p99),
  ]);
  lines.push('', '#### Latency per operation', '');
  lines.push(
    ...table(
      opHead,
      opRows,
      opHead.map((_, i) => (i < 2 ? 'left' : 'right')),
    ),
  );
  if (comparison.lag.length > 0) {
    const lagHead = [
      'layout',
      'derived',
      ...figureHeads(comparison, 'apply p99'),
      ...figureHeads(comparison, 'visible p99'),
    ];
    const lagRows = comparison.lag.map((row) => [
      row.layout,
      row.role,
      ...figureCells(row.applyP99),
      ...figureCells(row.visibleP99),
    ]);
    lines.push('', '#### Consistency lag', '');
    lines.push(
      ...table(
        lagHead,
        lagRows,
        lagHead.map((_, i) => (i < 2 ? 'left' : 'right')),
      ),
    );
  }
  lines.push('', `<sub>${MARK_LEGEND}. ${comparison.noiseMethod}.</sub>`);
  return `${lines.join('\n')}\n`;
}
