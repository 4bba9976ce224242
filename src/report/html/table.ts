// A small HTML table builder: headers, rows of cells, numeric cells right-aligned. Cells are escaped unless given
// as raw markup built by this module's callers from escaped parts.
import { attrs, escapeHtml } from './escape.js';

export interface Cell {
  text?: string;
  /** Already-escaped markup (a badge, a link). */
  html?: string;
  numeric?: boolean;
  /** data-* attributes naming what the cell holds, for readers and the browser test. */
  data?: Record<string, string>;
  className?: string;
  colspan?: number;
  title?: string;
}

export type CellInput = Cell | string;

function cell(tag: 'td' | 'th', input: CellInput): string {
  const c: Cell = typeof input === 'string' ? { text: input } : input;
  const classes = [c.numeric ? 'num' : null, c.className ?? null].filter(Boolean).join(' ');
  const data = Object.fromEntries(Object.entries(c.data ?? {}).map(([k, v]) => [`data-${k}`, v]));
  const attributes = attrs({
    class: classes || null,
    colspan: c.colspan ?? null,
    title: c.title ?? null,
    ...data,
  });
  return `<${tag}${attributes}>${c.html ?? escapeHtml(c.text ?? '')}</${tag}>`;
}

export function htmlTable(
  head: CellInput[][],
  rows: CellInput[][],
  options: { className?: string; caption?: string } = {},
): string {
  const caption = options.caption ? `<caption>${escapeHtml(options.caption)}</caption>` : '';
  const thead = head.map((row) => `<tr>${row.map((c) => cell('th', c)).join('')}</tr>`).join('');
  const tbody = rows.map((row) => `<tr>${row.map((c) => cell('td', c)).join('')}</tr>`).join('\n');
  return (
    `<table${attrs({ class: options.className ?? null })}>${caption}<thead>${thead}</thead>` +
    `<tbody>\n${tbody}\n</tbody></table>`
  );
}

/** A ✓ or ✗ badge with its word, so the meaning does not rest on colour. */
export function okBadge(ok: boolean, yes = 'OK', no = 'FAIL'): string {
  return ok
    ? `<span class="badge ok">✓ ${escapeHtml(yes)}</span>`
    : `<span class="badge bad">✗ ${escapeHtml(no)}</span>`;
}
