// The summary's footprint block: what each layout costs to run besides latency — engines and server processes,
// round trips per checkout, how many stores hold each order, the data the stores report holding and what their
// drivers moved on the wire. Two or three lines a layout, within the summary's width; the HTML report carries the per-store
// figures.
import type { LayoutFootprint, LayoutResult } from '../metrics/types.js';
import { formatBytes } from './format.js';
import { labelledLines } from './summary-style.js';

function plural(n: number, word: string, many = `${word}s`): string {
  return `${n} ${n === 1 ? word : many}`;
}

function dataHeld(f: LayoutFootprint): string {
  const sized = f.stores.filter((store) => store.dataBytes !== null);
  if (sized.length === 0) return 'data size not reported by any store';
  const bytes = sized.reduce((sum, store) => sum + store.dataBytes!, 0);
  return `${formatBytes(bytes)} held, as reported by ${sized.length} of ${plural(f.stores.length, 'store')}`;
}

/**
 * Connections and bytes the server stores' drivers used in the measured window; null when every store is
 * embedded (no wire to speak of, and the line would only say so).
 */
function wireUsed(f: LayoutFootprint): string | null {
  const servers = f.stores.filter((store) => !store.embedded);
  if (servers.length === 0) return null;
  const seen = servers.filter((store) => store.wire && store.connections);
  const unseen = servers.length - seen.length;
  if (seen.length === 0) return `wire not seen for ${plural(unseen, 'server store')} (TLS is not counted)`;
  const sent = seen.reduce((sum, s) => sum + s.wire!.sentBytes, 0);
  const received = seen.reduce((sum, s) => sum + s.wire!.receivedBytes, 0);
  const connections = seen.reduce((sum, s) => sum + s.connections!.opened, 0);
  return (
    `wire ${formatBytes(sent)} out, ${formatBytes(received)} in, ${plural(connections, 'connection')}` +
    (unseen > 0 ? ` (${plural(unseen, 'store')} not seen)` : '')
  );
}

/** Two lines a layout — what it needs and does per action, the data its stores hold — and a third for its wire. */
export function footprintText(f: LayoutFootprint): string[] {
  const checkout = f.roundTrips['checkout'];
  const wire = wireUsed(f);
  return [
    [
      `${plural(f.engines.length, 'engine')}, ${plural(f.serverProcesses, 'server')}`,
      checkout ? `checkout ${checkout.mean.toFixed(1)} round trips` : 'no checkout',
      `each order in ${plural(f.duplication.stores.length, 'store')}`,
    ].join(' · '),
    dataHeld(f),
    ...(wire ? [wire] : []),
  ];
}

export function footprintSummaryLines(layouts: readonly LayoutResult[]): string[] {
  const rows = layouts.flatMap((layout) => {
    if (!layout.footprint) return [];
    return footprintText(layout.footprint).map((text, i) => ({ layout: i === 0 ? layout.layout : '', text }));
  });
  return rows.length === 0 ? [] : labelledLines('footprint', rows);
}
