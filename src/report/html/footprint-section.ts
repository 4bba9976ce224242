// Each layout's operational footprint (issue 15): engines and server processes, per store what it reported about
// its own data and connections, round trips per user action, and the copies of each order.
import { formatBytes } from '../format.js';
import type { Report } from '../../metrics/types.js';
import { escapeHtml } from './escape.js';
import { htmlTable, type CellInput } from './table.js';

export function footprintSection(report: Report): string {
  const layouts = report.layouts.filter((layout) => layout.footprint);
  if (layouts.length === 0) return '';
  const summary: CellInput[][] = [
    ['engines', ...layouts.map((l) => l.footprint!.engines.join(', '))],
    ['server processes', ...layouts.map((l) => String(l.footprint!.serverProcesses))],
    [
      'copies of each order',
      ...layouts.map((l) => {
        const d = l.footprint!.duplication;
        const bytes = d.copyStoreBytes === null ? '' : ` (copy stores hold ${formatBytes(d.copyStoreBytes)})`;
        return `${d.copies} in ${d.stores.join(', ')}${bytes}`;
      }),
    ],
  ];
  const operations = [...new Set(layouts.flatMap((l) => Object.keys(l.footprint!.roundTrips)))];
  for (const op of operations)
    summary.push([
      `round trips: ${op}`,
      ...layouts.map((l) => {
        const trips = l.footprint!.roundTrips[op];
        return trips ? `${trips.mean.toFixed(2)} mean · ${trips.p99} p99` : '—';
      }),
    ]);
  const stores: CellInput[][] = layouts.flatMap((l) =>
    l.footprint!.stores.map((s): CellInput[] => [
      l.layout,
      s.store,
      `${s.engine}${s.embedded ? ' (embedded)' : ''}`,
      s.roles.join(', '),
      s.dataBytes === null ? 'not reported' : formatBytes(s.dataBytes),
      s.connections ? `${s.connections.opened} opened · ${s.connections.peak} peak` : 'not counted',
      { html: `<small>${escapeHtml(s.dataSource)}</small>` },
    ]),
  );
  return (
    '<section id="footprint"><h2>Operational footprint</h2>' +
    htmlTable([['', ...layouts.map((l) => l.layout)]], summary) +
    htmlTable(
      [['layout', 'store', 'engine', 'roles', 'data (tool namespace)', 'connections', 'source']],
      stores,
    ) +
    '</section>'
  );
}
