// Each layout's operational footprint: engines and server processes, per store what it reported about its own data
// and what its driver's connections carried in the measured window, round trips per user action, and the copies of
// each order.
import { formatBytes } from '../format.js';
import type { Report, StoreFootprintStats } from '../../metrics/types.js';
import { escapeHtml } from './escape.js';
import { htmlTable, type CellInput } from './table.js';

/** Bytes each way in the measured window; "—" where the wire was not seen (the connections cell says why). */
export function wireText(store: StoreFootprintStats): string {
  return store.wire
    ? `${formatBytes(store.wire.sentBytes)} sent · ${formatBytes(store.wire.receivedBytes)} received`
    : '—';
}

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
        const copies = d.copyBytes == null ? '' : `; the copies take ${formatBytes(d.copyBytes)}`;
        const held = d.copyStoreBytes === null ? '' : `; copy stores hold ${formatBytes(d.copyStoreBytes)}`;
        const bytes = copies || held ? ` (${(copies + held).slice(2)})` : '';
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
      {
        text: s.connections
          ? `${s.connections.opened} opened · ${s.connections.peak} peak`
          : (s.wireNote ?? '—'),
        data: { layout: l.layout, store: s.store, metric: 'connections' },
      },
      { text: wireText(s), data: { layout: l.layout, store: s.store, metric: 'wire' } },
      { html: `<small>${escapeHtml(s.dataSource)}</small>` },
    ]),
  );
  return (
    '<section id="footprint"><h2>Operational footprint</h2>' +
    htmlTable([['', ...layouts.map((l) => l.layout)]], summary) +
    htmlTable(
      [
        [
          'layout',
          'store',
          'engine',
          'roles',
          'data (tool namespace)',
          'connections',
          'on the wire (measured window)',
          'source of the data size',
        ],
      ],
      stores,
    ) +
    '</section>'
  );
}
