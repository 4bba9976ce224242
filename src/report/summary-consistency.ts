// The summary's consistency and correctness lines: one lag row per derived store per layout, then errors,
// read-your-writes, invariants, faults and harness health, one line per layout each. Definitions are
// docs/measurements.md's; the counts come from src/verdict/totals.ts.
import type { LagStats, LayoutResult, TVisibility } from '../metrics/types.js';
import { errorTotals, readYourWritesTotals } from '../verdict/totals.js';
import { formatCount, formatCpuPercent, formatDuration, formatMs, formatPercent, MISSING } from './format.js';
import { BUSY_CPU_PERCENT, BUSY_LOOP_P99_MS, STARVED_LINES, wasStarved } from './layout-section.js';
import { compactTable, labelledLines } from './summary-style.js';
import type { Paint } from './style.js';

/** The t-visibility points the summary shows (docs/measurements.md lists 1 ms … 10 s). */
const SHOWN_WITHIN_MS = [100, 1000];

const MECHANISM_WORDS: Record<string, string> = { 'single-transaction': 'one transaction' };

function withinCell(lag: LagStats, withinMs: number): string {
  const point: TVisibility | undefined = lag.tVisibility.find((candidate) => candidate.withinMs === withinMs);
  if (!point) return MISSING;
  // Unknown beyond a censored write: a lower bound, never a measured figure (docs/measurements.md).
  return point.fraction !== null ? formatPercent(point.fraction) : `≥${formatPercent(point.atLeast ?? 0)} ?`;
}

function notSeenCell(lag: LagStats, paint: Paint): string {
  if (lag.sampled === 0) return MISSING;
  const text = `${formatCount(lag.neverVisible)} of ${formatCount(lag.sampled)}`;
  return lag.neverVisible > 0 ? paint.red(text) : text;
}

/** "baseline: one transaction · polyglot: outbox" — how each layout's checkouts reach the derived stores. */
export function mechanismLine(layouts: readonly LayoutResult[]): string {
  const parts = layouts.map(
    (layout) => `${layout.layout}: ${MECHANISM_WORDS[layout.propagation] ?? layout.propagation}`,
  );
  return parts.join(' · ');
}

export function lagSummaryTable(
  layouts: readonly LayoutResult[],
  color: boolean,
  paint: Paint,
): string | null {
  const rows = layouts.flatMap((layout) => layout.lag.map((lag) => ({ layout, lag })));
  if (rows.length === 0) return null;
  const table = compactTable(
    [
      'layout',
      'derived store',
      'apply\np50',
      'apply\np99',
      'visible\np99',
      'within\n100 ms',
      'within\n1 s',
      'not\nseen',
    ],
    color,
    ['left', 'left', 'right', 'right', 'right', 'right', 'right', 'right'],
  );
  for (const { layout, lag } of rows) {
    const apply = lag.apply && lag.apply.count > 0 ? lag.apply : null;
    const visible = lag.visible && lag.visible.count > 0 ? lag.visible : null;
    table.push([
      layout.layout,
      lag.target,
      formatDuration(apply?.p50),
      formatDuration(apply?.p99),
      formatDuration(visible?.p99),
      ...SHOWN_WITHIN_MS.map((withinMs) => withinCell(lag, withinMs)),
      notSeenCell(lag, paint),
    ]);
  }
  return table.toString();
}

/**
 * Operations' errors that were timeouts: a call past its deadline (CallTimeoutError, "(callTimeout)") or no pooled
 * connection in time ("(connect timeout)"). Both mean slow answers (a slow store or a busy machine), not refusals.
 */
const TIMEOUT_MARKERS = ['(callTimeout)', '(connect timeout)'];

function timedOutErrors(layout: LayoutResult): number {
  return layout.errors
    .filter((sample) => sample.operation !== 'relay')
    .filter((sample) => TIMEOUT_MARKERS.some((marker) => sample.message.includes(marker)))
    .reduce((sum, sample) => sum + sample.count, 0);
}

export function errorSummaryLines(layouts: readonly LayoutResult[], paint: Paint): string[] {
  return labelledLines(
    'errors',
    layouts.map((layout) => {
      const totals = errorTotals(layout);
      const which = totals.byOperation.map((op) => `${op.operation} ${formatCount(op.errors)}`).join(', ');
      let text = `${formatCount(totals.errors)} of ${formatCount(totals.operations)} operations`;
      if (which) text = paint.red(`${text} (${which})`);
      const timedOut = timedOutErrors(layout);
      if (timedOut > 0) text += ` · ${formatCount(timedOut)} timed out (slow answers: see harness)`;
      const schedule = layout.schedule;
      if (schedule) {
        const dropped = `dropped ${formatCount(schedule.dropped)} of ${formatCount(schedule.intended)} arrivals`;
        text += ` · ${schedule.dropped > 0 ? paint.yellow(dropped) : dropped}`;
      }
      if (layout.abandonedJourneys > 0)
        text += ` · ${formatCount(layout.abandonedJourneys)} journeys abandoned`;
      return { layout: layout.layout, text };
    }),
  );
}

export function readYourWritesSummaryLines(layouts: readonly LayoutResult[], paint: Paint): string[] {
  return labelledLines(
    'read-your-writes',
    layouts.map((layout) => {
      const { checks, missed } = readYourWritesTotals(layout);
      if (checks === 0)
        return { layout: layout.layout, text: 'not checked (no read right after a checkout)' };
      // Only the reads that missed are named: a clean layout needs no per-operation list to say so.
      const parts = Object.keys(layout.readYourWrites.checksByOperation).flatMap((operation) => {
        const op = readYourWritesTotals(layout, operation);
        return op.missed > 0 ? [`${operation} ${formatCount(op.missed)} of ${formatCount(op.checks)}`] : [];
      });
      const text =
        `missed ${formatCount(missed)} of ${formatCount(checks)}` +
        (parts.length > 0
          ? ` (${parts.join(', ')})`
          : ` (${Object.keys(layout.readYourWrites.checksByOperation).join(', ')})`);
      return { layout: layout.layout, text: missed > 0 ? paint.red(text) : text };
    }),
  );
}

/** Searches listing a sold-out product as in stock (docs/measurements.md, "Stale in-stock"); none: no line. */
export function staleInStockSummaryLines(layouts: readonly LayoutResult[], paint: Paint): string[] {
  if (!layouts.some((layout) => (layout.staleInStock?.searches ?? 0) > 0)) return [];
  return labelledLines(
    'stale in-stock',
    layouts.map((layout) => {
      const stale = layout.staleInStock;
      if (!stale || stale.searches === 0) return { layout: layout.layout, text: 'no searches' };
      const text =
        `${formatCount(stale.stale)} of ${formatCount(stale.listedInStock)} listed in stock had sold out ` +
        `(${formatCount(stale.staleSearches)} of ${formatCount(stale.searches)} searches)`;
      return { layout: layout.layout, text: stale.stale > 0 ? paint.yellow(text) : text };
    }),
  );
}

const NO_RELAY: Record<string, string> = {
  'single-transaction': 'no relay (one transaction)',
  'dual-write': 'no relay (dual write)',
};

function invariantProblems(layout: LayoutResult): string[] {
  const inv = layout.invariants;
  const problems: string[] = [];
  if (!inv.drained) problems.push(`relay NOT drained (gave up after ${formatMs(inv.drainMs)})`);
  if ((inv.unresolvedWrites ?? 0) > 0)
    problems.push(`${formatCount(inv.unresolvedWrites ?? 0)} timed-out checkout writes never answered`);
  if (inv.stockNegative > 0) problems.push(`stock negative for ${formatCount(inv.stockNegative)} products`);
  if (inv.unitsSold !== inv.unitsDecremented)
    problems.push(
      `units sold ${formatCount(inv.unitsSold)} ≠ decremented ${formatCount(inv.unitsDecremented)}`,
    );
  for (const s of inv.stores) {
    const counts = (['missing', 'duplicate', 'divergent', 'unexpected'] as const)
      .filter((kind) => s[kind] > 0)
      .map((kind) => `${formatCount(s[kind])} ${kind}`);
    if ((s.stockDivergent ?? 0) > 0)
      counts.push(`${formatCount(s.stockDivergent ?? 0)} products' stock differs`);
    if (counts.length > 0) problems.push(`${s.role}@${s.store} ${counts.join(', ')}`);
  }
  return problems;
}

export function invariantSummaryLines(layouts: readonly LayoutResult[], paint: Paint): string[] {
  return labelledLines(
    'invariants',
    layouts.map((layout) => {
      const inv = layout.invariants;
      const drain = NO_RELAY[layout.propagation] ?? `relay drained in ${formatMs(inv.drainMs)}`;
      const text = inv.ok
        ? `${paint.verdict(true)} · ${drain} · stock ≥ 0, every order once per store`
        : `${paint.verdict(false)} · ${invariantProblems(layout).join(' · ') || 'see --details'}`;
      return { layout: layout.layout, text };
    }),
  );
}

export function faultSummaryLines(layouts: readonly LayoutResult[]): string[] {
  const rows = layouts.flatMap((layout) =>
    layout.faults.map((fault) => {
      const recovery = fault.recovery?.firstSuccessAfterMs;
      const recovered =
        recovery === undefined
          ? ''
          : ` · recovered ${recovery === null ? 'never' : `after ${formatMs(recovery)}`}`;
      return { layout: layout.layout, text: `${fault.description}${recovered}` };
    }),
  );
  return rows.length > 0 ? labelledLines('faults', rows) : [];
}

/** With worker threads: how many, and the busiest one's loop (the summary's one line per layout). */
function workersPart(layout: LayoutResult): string {
  const workers = layout.workers ?? [];
  if (workers.length === 0) return '';
  const busiest = Math.max(...workers.map((w) => w.busyPercent));
  const p99 = Math.max(...workers.map((w) => w.eventLoopDelayMs.p99));
  return `, ${workers.length} workers (loop p99 ≤ ${formatMs(p99)}, busy ≤ ${formatCpuPercent(busiest)})`;
}

export function harnessSummaryLines(layouts: readonly LayoutResult[], paint: Paint): string[] {
  const parts = layouts.map(
    (layout) =>
      `${layout.layout} loop p99 ${formatMs(layout.health.eventLoopDelayMs.p99)}, CPU ${formatCpuPercent(layout.health.cpuPercent)}` +
      workersPart(layout),
  );
  const lines = [`harness: ${parts.join(' · ')} (of one core)`];
  // The same limits as the detailed report's harness lines (layout-section.ts).
  const busy = layouts.some(
    (layout) =>
      layout.health.eventLoopDelayMs.p99 >= BUSY_LOOP_P99_MS || layout.health.cpuPercent >= BUSY_CPU_PERCENT,
  );
  if (layouts.some((layout) => wasStarved(layout.health)))
    lines.push(...STARVED_LINES.map((line) => paint.yellow(line)));
  else if (busy)
    lines.push(
      paint.yellow(
        '  the tool itself was busy: latencies include its own queueing (lower the rate to check)',
      ),
    );
  return lines;
}
