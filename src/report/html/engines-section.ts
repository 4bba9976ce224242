// Which engine served each role in each layout, with versions and where it ran, and how each layout propagated.
import { ROLE_NAMES } from '../../roles.js';
import type { Report } from '../../metrics/types.js';
import { MISSING } from '../format.js';
import { escapeHtml } from './escape.js';
import { htmlTable, type CellInput } from './table.js';

export function enginesSection(report: Report): string {
  const rows: CellInput[][] = ROLE_NAMES.map((role) => [
    role,
    ...report.layouts.map((layout): CellInput => {
      const b = layout.roles[role];
      if (!b) return MISSING;
      return {
        html:
          `<strong>${escapeHtml(b.store)}</strong> — ${escapeHtml(`${b.engine} ${b.version}`)}` +
          `${b.embedded ? ' <span class="tag">embedded</span>' : ''}<br><small>${escapeHtml(b.address)}</small>`,
        data: { layout: layout.layout, role },
      };
    }),
  ]);
  rows.push(['propagation', ...report.layouts.map((l) => l.propagation)]);
  const notes = report.layouts.flatMap((l) => l.notes.map((note) => `${l.layout}: ${note}`));
  return (
    '<section id="engines"><h2>Engines and versions</h2>' +
    htmlTable([['role', ...report.layouts.map((l) => l.layout)]], rows) +
    (notes.length ? `<ul class="notes">${notes.map((n) => `<li>${escapeHtml(n)}</li>`).join('')}</ul>` : '') +
    '</section>'
  );
}
