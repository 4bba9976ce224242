// Propagation side by side (issue 5): per layout, the strategy, what it costs the shopper (checkout latency)
// and what it leaves behind (apply lag, visibility within 100 ms, read-your-writes misses, stores agreeing).
import type { LagStats, LayoutResult } from '../metrics/types.js';
import { formatCount, formatDuration, formatPercent, MISSING } from './format.js';
import { newTable, type Paint } from './style.js';

const CHECKOUT = 'checkout';
const VISIBLE_WITHIN_MS = 100;

function perTarget(layout: LayoutResult, cell: (lag: LagStats) => string): string {
  if (layout.lag.length === 0) return MISSING;
  return layout.lag.map((lag) => `${lag.target.split('@')[0]} ${cell(lag)}`).join('\n');
}

function rywCell(layout: LayoutResult): string {
  const { checks, violations } = layout.readYourWrites;
  if (checks === 0) return MISSING;
  const missed = Object.values(violations).reduce((sum, n) => sum + n, 0);
  return `${formatCount(missed)} of ${formatCount(checks)}`;
}

export function propagationTable(layouts: readonly LayoutResult[], color: boolean, paint: Paint): string {
  const table = newTable(
    [
      'layout',
      'propagation',
      'checkout\np50',
      'checkout\np99',
      'apply\np99',
      `visible\n≤ ${VISIBLE_WITHIN_MS} ms`,
      'read-your-\nwrites missed',
      'stores\nagree',
    ],
    color,
    ['left', 'left', 'right', 'right', 'left', 'left', 'right', 'left'],
  );
  for (const layout of layouts) {
    const checkout = layout.operations.find((operation) => operation.name === CHECKOUT);
    const latency = checkout ? (checkout.response ?? checkout.service) : null;
    table.push([
      layout.layout,
      layout.propagation,
      formatDuration(latency?.p50),
      formatDuration(latency?.p99),
      perTarget(layout, (lag) => formatDuration(lag.apply?.p99)),
      perTarget(layout, (lag) =>
        formatPercent(lag.tVisibility.find((point) => point.withinMs === VISIBLE_WITHIN_MS)?.fraction),
      ),
      rywCell(layout),
      paint.verdict(layout.invariants.ok),
    ]);
  }
  return table.toString();
}
