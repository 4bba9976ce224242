// One layout's consistency figures: lag per (source → derived store), read-your-writes, end-of-run
// invariants. Definitions are docs/measurements.md's; this file only lays them out.
import type {
  Invariants,
  LagStats,
  LatencySummary,
  LayoutResult,
  ReadYourWrites,
  StaleInStockStats,
} from '../metrics/types.js';
import {
  formatCount,
  formatDuration,
  formatMs,
  formatPercent,
  formatThresholdMs,
  MISSING,
} from './format.js';
import { newTable, type Paint } from './style.js';

// Widths inside multi-line cells, so the numbers line up under each other.
const DURATION_CHARS = 7; // "1.20 ms", "850 µs"
const THRESHOLD_CHARS = 6; // "100 ms"
const PERCENT_CHARS = 6; // ">99.9%"

/** "p50 1.20 ms / p99 … / max …" as three aligned lines, or — when there is nothing to summarise. */
function percentileLines(summary: LatencySummary | null): string {
  if (!summary || summary.count === 0) return MISSING;
  return [
    `p50 ${formatDuration(summary.p50).padStart(DURATION_CHARS)}`,
    `p99 ${formatDuration(summary.p99).padStart(DURATION_CHARS)}`,
    `max ${formatDuration(summary.max).padStart(DURATION_CHARS)}`,
  ].join('\n');
}

/** A fraction, or "≥ x%" where a write last seen missing before t makes the exact share unknown. */
function visibilityCell(point: LagStats['tVisibility'][number]): string {
  if (point.fraction !== null) return formatPercent(point.fraction);
  return `≥${formatPercent(point.atLeast ?? 0)} ?`;
}

function tVisibilityLines(lag: LagStats): string {
  if (lag.tVisibility.length === 0) return MISSING;
  return lag.tVisibility
    .map(
      (point) =>
        `${formatThresholdMs(point.withinMs).padEnd(THRESHOLD_CHARS)} ${visibilityCell(point).padStart(PERCENT_CHARS + 2)}`,
    )
    .join('\n');
}

function notSeenCell(lag: LagStats, paint: Paint): string {
  if (lag.sampled === 0) return 'none sampled';
  const text = `${formatCount(lag.neverVisible)} of ${formatCount(lag.sampled)}`;
  return lag.neverVisible > 0 ? paint.red(text) : text;
}

/** The stated probe interval, and the gap actually achieved when it was wider (a stretched resolution). */
function resolutionCell(lag: LagStats, paint: Paint): string {
  const interval = formatDuration(lag.probeIntervalUs);
  if (lag.probeGapP99Us === null || lag.probeGapP99Us <= 2 * lag.probeIntervalUs) return interval;
  return `${interval}\n${paint.yellow(`gaps p99 ${formatDuration(lag.probeGapP99Us)}`)}`;
}

export function lagTable(layout: LayoutResult, color: boolean, paint: Paint): string {
  if (layout.lag.length === 0) return '  no derived stores to measure';
  const table = newTable(
    ['source → target', 'apply', 'visible', 't-visibility', 'not seen', 'resolution'],
    color,
    ['left', 'left', 'left', 'left', 'right', 'right'],
  );
  for (const lag of layout.lag) {
    table.push([
      `${lag.source} → ${lag.target}\nvia ${lag.mechanism}`,
      lag.appliedBeforeCommitAck > 0
        ? `${percentileLines(lag.apply)}\n${formatCount(lag.appliedBeforeCommitAck)} before ack (as 0)`
        : percentileLines(lag.apply),
      percentileLines(lag.visible),
      tVisibilityLines(lag),
      `${notSeenCell(lag, paint)}\nin ${formatDuration(lag.probeTimeoutUs)}`,
      resolutionCell(lag, paint),
    ]);
  }
  return table.toString();
}

/** What the lag columns mean, once per report section. */
export const LAG_LEGEND =
  'apply = derived write ack (by the relay, or by the request itself in dual-write) − source commit ack ' +
  '(— when one transaction); visible = first probe read that saw ' +
  'the write − source commit ack, to within the probe interval (resolution; when reads took longer, the p99 ' +
  "gap between a write's last two reads is shown below it); t-visibility = share of probed " +
  'writes visible within t; a write not seen while it was watched (the probe timeout, or until Ctrl-C) is ' +
  'not visible up to then and unknown after: "≥x% ?" marks a t beyond that, where only a lower bound is known.';

export function readYourWritesLines(ryw: ReadYourWrites, paint: Paint): string[] {
  if (ryw.checks === 0)
    return ['read-your-writes: not checked (no shopper read right after their own checkout)'];
  const parts = Object.entries(ryw.checksByOperation).map(([operation, checks]) => {
    const missed = ryw.violations[operation] ?? 0;
    const text = `${operation} missed ${formatCount(missed)} of ${formatCount(checks)}`;
    return missed > 0 ? paint.red(text) : text;
  });
  return [
    `read-your-writes: ${formatCount(ryw.checks)} reads right after the shopper's own checkout`,
    `  ${parts.join(' · ')}`,
  ];
}

/** Searches that listed a sold-out product as in stock (docs/measurements.md, "Stale in-stock"). */
export function staleInStockLines(stale: StaleInStockStats | undefined, paint: Paint): string[] {
  if (!stale || stale.searches === 0) return [];
  const text =
    `stale in-stock: ${formatCount(stale.stale)} of ${formatCount(stale.listedInStock)} results listed in stock ` +
    `had sold out (in ${formatCount(stale.staleSearches)} of ${formatCount(stale.searches)} searches)`;
  return [stale.stale > 0 ? paint.yellow(text) : text];
}

/** Propagation with no relay, so nothing to drain: one transaction, or the request writing every store. */
const NO_RELAY: Record<string, string> = {
  'single-transaction': 'no relay (one transaction)',
  'dual-write': 'no relay (the request writes every store)',
};

export function invariantLines(
  invariants: Invariants,
  propagation: string,
  color: boolean,
  paint: Paint,
): string[] {
  let drain: string;
  if (!invariants.drained)
    drain = paint.red(`relay NOT drained (gave up after ${formatMs(invariants.drainMs)})`);
  else if (NO_RELAY[propagation]) drain = NO_RELAY[propagation];
  else drain = `relay drained in ${formatMs(invariants.drainMs)}`;
  const negative = `stock negative: ${formatCount(invariants.stockNegative)} products`;
  const unitsMatch = invariants.unitsSold === invariants.unitsDecremented;
  const units =
    `units sold ${formatCount(invariants.unitsSold)} ${unitsMatch ? '=' : '≠'} ` +
    `units decremented ${formatCount(invariants.unitsDecremented)}`;
  const lines = [
    `invariants: ${paint.verdict(invariants.ok)}`,
    `  ${drain} · ${invariants.stockNegative > 0 ? paint.red(negative) : negative} · ${unitsMatch ? units : paint.red(units)}`,
  ];
  const unresolved = invariants.unresolvedWrites ?? 0;
  if (unresolved > 0) {
    lines.push(
      paint.red(
        `  ${formatCount(unresolved)} timed-out checkout writes never answered: what they did is unknown`,
      ),
    );
  }
  if (invariants.stores.length > 0) {
    const table = newTable(
      ['store', 'role', 'expected', 'missing', 'duplicate', 'divergent', 'unexpected', ''],
      color,
      ['left', 'left', 'right', 'right', 'right', 'right', 'right', 'left'],
    );
    for (const s of invariants.stores) {
      const stock = s.stockDivergent ?? 0;
      const clean = s.missing + s.duplicate + s.divergent + s.unexpected + stock === 0;
      table.push([
        s.store,
        s.role,
        formatCount(s.expected),
        formatCount(s.missing),
        formatCount(s.duplicate),
        formatCount(s.divergent),
        formatCount(s.unexpected),
        stock > 0
          ? `${paint.verdict(clean)} ${formatCount(stock)} products' stock differs`
          : paint.verdict(clean),
      ]);
    }
    lines.push(table.toString());
  }
  return lines;
}
