// The end-of-run invariants side by side (docs/measurements.md, "Invariants"), then reconciliation per store:
// every placed order present exactly once wherever it should be.
import type { LayoutResult, Report } from '../../metrics/types.js';
import { formatCount, formatMs } from '../format.js';
import { escapeHtml } from './escape.js';
import { htmlTable, okBadge, type CellInput } from './table.js';

/** Propagation with no relay, so nothing to drain. */
const NO_RELAY: Record<string, string> = {
  'single-transaction': 'no relay (one transaction)',
  'dual-write': 'no relay (the request writes every store)',
};

function drainCell(layout: LayoutResult): CellInput {
  const inv = layout.invariants;
  if (!inv.drained) return { text: `NOT drained (gave up after ${formatMs(inv.drainMs)})`, className: 'bad' };
  return NO_RELAY[layout.propagation] ?? `drained in ${formatMs(inv.drainMs)}`;
}

function summaryTable(report: Report): string {
  const layouts = report.layouts;
  const rows: CellInput[][] = [
    [
      'all invariants',
      ...layouts.map((l) => ({
        html: okBadge(l.invariants.ok),
        data: { layout: l.layout, invariants: 'ok' },
      })),
    ],
    ['relay', ...layouts.map(drainCell)],
    [
      'products with negative stock',
      ...layouts.map((l) => ({
        text: formatCount(l.invariants.stockNegative),
        numeric: true,
        className: l.invariants.stockNegative > 0 ? 'bad' : undefined,
      })),
    ],
    [
      'units sold = units decremented',
      ...layouts.map((l) => {
        const { unitsSold, unitsDecremented } = l.invariants;
        const same = unitsSold === unitsDecremented;
        return {
          text: `${formatCount(unitsSold)} ${same ? '=' : '≠'} ${formatCount(unitsDecremented)}`,
          numeric: true,
          className: same ? undefined : 'bad',
        };
      }),
    ],
  ];
  return htmlTable([['', ...layouts.map((l) => l.layout)]], rows);
}

function reconciliationTable(report: Report): string {
  const rows = report.layouts.flatMap((layout) =>
    layout.invariants.stores.map((s): CellInput[] => {
      const clean = s.missing === 0 && s.duplicate === 0 && s.divergent === 0 && s.unexpected === 0;
      const n = (value: number): CellInput => ({
        text: formatCount(value),
        numeric: true,
        className: value > 0 ? 'bad' : undefined,
      });
      return [
        layout.layout,
        s.store,
        s.role,
        { text: formatCount(s.expected), numeric: true },
        n(s.missing),
        n(s.duplicate),
        n(s.divergent),
        n(s.unexpected),
        { html: okBadge(clean) },
      ];
    }),
  );
  if (rows.length === 0) return '';
  return htmlTable(
    [['layout', 'store', 'role', 'expected', 'missing', 'duplicate', 'divergent', 'unexpected', '']],
    rows,
    {
      caption: 'Reconciliation: placed orders (historical ones included) in each store that should hold them',
    },
  );
}

export function invariantsSection(report: Report): string {
  return (
    '<section id="invariants"><h2>Invariants and reconciliation</h2>' +
    summaryTable(report) +
    reconciliationTable(report) +
    `<p class="legend">${escapeHtml('Checked after the relay drained; they cover the whole run, warm-up included.')}</p>` +
    '</section>'
  );
}
