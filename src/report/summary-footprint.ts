// The summary's footprint block: what each layout costs to run besides latency — engines and server processes,
// round trips per checkout, how many stores hold each order, and the data the stores report holding. One line a
// layout, within the summary's width; the HTML report and --details carry the per-store figures.
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

/** Two lines a layout: what it needs and does per action, then the data its stores hold. */
export function footprintText(f: LayoutFootprint): [string, string] {
  const checkout = f.roundTrips['checkout'];
  return [
    [
      `${plural(f.engines.length, 'engine')}, ${plural(f.serverProcesses, 'server')}`,
      checkout ? `checkout ${checkout.mean.toFixed(1)} round trips` : 'no checkout',
      `each order in ${plural(f.duplication.stores.length, 'store')}`,
    ].join(' · '),
    dataHeld(f),
  ];
}

export function footprintSummaryLines(layouts: readonly LayoutResult[]): string[] {
  const rows = layouts.flatMap((layout) => {
    if (!layout.footprint) return [];
    const [needs, data] = footprintText(layout.footprint);
    return [
      { layout: layout.layout, text: needs },
      { layout: '', text: data },
    ];
  });
  return rows.length === 0 ? [] : labelledLines('footprint', rows);
}
