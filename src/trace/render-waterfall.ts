// The terminal waterfall of one traced journey: each step, the store calls it made (critical path marked *), the
// propagation that followed, and where the shopper's time went. Fits 100 columns; plain text, no colour needed.
import { formatDuration } from '../report/format.js';
import type { LayoutTrace } from './trace-layout.js';
import { timeByStore, waterfallRows, type WaterfallRow } from './waterfall-rows.js';

const BAR_WIDTH = 30;
const LABEL_WIDTH = 30;

export interface WaterfallOptions {
  keepThinkTime?: boolean;
}

export function renderWaterfall(traced: LayoutTrace, options: WaterfallOptions = {}): string {
  const { trace, plan } = traced;
  const waterfall = waterfallRows(trace);
  const scale = (us: number) => Math.min(BAR_WIDTH - 1, Math.floor((us / waterfall.endUs) * BAR_WIDTH));
  const storeWidth = Math.max(
    5,
    ...[...waterfall.shopper, ...waterfall.propagation].map((row) => (row.store ?? '').length),
  );
  const lines: string[] = [];
  const split = timeByStore(trace);
  const think = options.keepThinkTime ? 'with think time' : 'think time left out';
  lines.push(
    `${traced.layout} — ${trace.journey} journey, shopper ${traced.userId}: ${trace.steps.length} steps, ` +
      `${formatDuration(split.totalUs)} (${think}); propagation ${plan.propagation}`,
  );
  const header =
    `  ${pad('step / call', LABEL_WIDTH)} ${pad('store', storeWidth)} ${padLeft('start', 9)} ` +
    `${padLeft('took', 9)}  ${pad('0', BAR_WIDTH - 8)}${padLeft(formatDuration(waterfall.endUs), 8)}`;
  lines.push(header);
  const row = (r: WaterfallRow) => {
    const indent = r.kind === 'step' ? '' : '  ';
    const mark = r.critical ? '*' : ' ';
    const label = `${mark}${indent}${r.label}${r.ok ? '' : ' FAILED'}`;
    const store = r.store ?? (r.source === 'relay' ? 'relay' : '');
    lines.push(
      ` ${pad(label, LABEL_WIDTH + 1)} ${pad(store, storeWidth)} ${padLeft(formatDuration(r.startUs), 9)} ` +
        `${padLeft(formatDuration(r.durationUs), 9)}  ${bar(r, scale)}`,
    );
  };
  waterfall.shopper.forEach(row);
  if (waterfall.propagation.length > 0) {
    const commit =
      waterfall.commitUs === null ? '' : `, after the commit at ${formatDuration(waterfall.commitUs)}`;
    lines.push(
      `  propagation (${plan.relay ? 'relay' : plan.propagation}${commit}; A applied, V visible, + since the commit)`,
    );
    for (const r of waterfall.propagation) {
      if (r.kind !== 'target') row(r);
    }
    const oneTransaction = plan.propagation === 'single-transaction';
    for (const r of waterfall.propagation.filter((p) => p.kind === 'target')) {
      lines.push(targetLine(r, waterfall.commitUs, oneTransaction, scale, storeWidth));
    }
  }
  const shares = split.stores.map(
    ([store, us]) => `${store} ${formatDuration(us)} (${percent(us, split.totalUs)})`,
  );
  shares.push(`outside the stores ${formatDuration(split.otherUs)}`);
  const waited = `  the shopper waited ${formatDuration(split.totalUs)}: ${shares.join(' · ')}`;
  // Within 100 columns: a long split goes on its own line.
  if (waited.length <= 100) lines.push(waited);
  else lines.push(`  the shopper waited ${formatDuration(split.totalUs)}:`, `    ${shares.join(' · ')}`);
  return `${lines.join('\n')}\n`;
}

/** "applied 12.3 ms after the commit, visible 15.0 ms after" with A and V where they fall on the bar. */
function targetLine(
  r: WaterfallRow,
  commitUs: number | null,
  oneTransaction: boolean,
  scale: (us: number) => number,
  storeWidth: number,
): string {
  const since = (us: number | null | undefined) =>
    us === null || us === undefined ? 'not seen' : `+${formatDuration(us - (commitUs ?? 0))}`;
  // One transaction writes the derived rows in the commit itself: "+9 µs" would only be the clock's bookkeeping.
  const applied = oneTransaction ? 'in the commit' : since(r.appliedUs);
  const what = `A ${applied}  V ${since(r.visibleUs)}`;
  const cells = Array.from({ length: BAR_WIDTH }, () => ' ');
  const from = scale(r.startUs);
  const to = scale(r.startUs + r.durationUs);
  for (let i = from; i <= to; i++) cells[i] = '┄';
  if (r.appliedUs !== null && r.appliedUs !== undefined) cells[scale(r.appliedUs)] = 'A';
  if (r.visibleUs !== null && r.visibleUs !== undefined) cells[scale(r.visibleUs)] = 'V';
  return `  ${pad(`  ${r.label}`, LABEL_WIDTH)} ${pad(what, storeWidth + 22)}${cells.join('')}`;
}

function bar(r: WaterfallRow, scale: (us: number) => number): string {
  const from = scale(r.startUs);
  const to = Math.max(from, scale(r.startUs + r.durationUs));
  const fill = r.kind === 'step' ? '─' : r.critical ? '█' : r.source === 'operation' ? '▒' : '░';
  return ' '.repeat(from) + fill.repeat(to - from + 1);
}

function percent(part: number, whole: number): string {
  return whole > 0 ? `${Math.round((part / whole) * 100)}%` : '—';
}

function pad(text: string, width: number): string {
  return text.length >= width ? text : text + ' '.repeat(width - text.length);
}

function padLeft(text: string, width: number): string {
  return text.length >= width ? text : ' '.repeat(width - text.length) + text;
}
