// One layout's user-facing figures: what each operation cost, the arrival schedule, store calls, harness
// health and error samples. Reads LayoutResult only; every number is formatted, none computed.
import type {
  BackgroundCallStats,
  HealthStats,
  LatencySummary,
  LayoutResult,
  OperationStats,
  StoreCallStats,
} from '../metrics/types.js';
import { formatCount, formatCpuPercent, formatDuration, formatMs, formatThroughput } from './format.js';
import { newTable, type Paint } from './style.js';

/** Above these the harness itself is likely adding latency (the loop could not run timers on time). */
export const BUSY_LOOP_P99_MS = 20;
export const BUSY_CPU_PERCENT = 90;
/**
 * An event loop this late while the tool used this little CPU: it was not busy but waiting for a CPU that other
 * processes held (an overloaded machine). Latencies, and calls timing out, then measure the machine.
 */
export const STARVED_LOOP_P99_MS = 100;
export const STARVED_CPU_PERCENT = 50;

export function wasStarved(health: HealthStats): boolean {
  return health.eventLoopDelayMs.p99 >= STARVED_LOOP_P99_MS && health.cpuPercent < STARVED_CPU_PERCENT;
}

/** The two lines that say so, each within the summary's 100 columns. */
export const STARVED_LINES = [
  '  the machine was overloaded: the event loop was late while the tool used little CPU (other',
  '  processes held it); latencies and timeouts measure the machine, not the stores (rerun quieter)',
];
const MAX_ERROR_LINES = 5;
const MAX_MESSAGE_CHARS = 90;

/** A summary of nothing (count 0) has only placeholder zeros: show it as missing, never as "0 µs". */
function measured(summary: LatencySummary | null): LatencySummary | null {
  return summary && summary.count > 0 ? summary : null;
}

/** The latency the layout reports in its main columns: response time (open) or service time (closed). */
function shown(op: OperationStats, layout: LayoutResult): LatencySummary | null {
  return measured(layout.latencyBasis === 'response' ? op.response : op.service);
}

function errorCell(n: number, paint: Paint): string {
  return n > 0 ? paint.red(formatCount(n)) : formatCount(n);
}

export function operationsTable(layout: LayoutResult, color: boolean, paint: Paint): string {
  const open = layout.latencyBasis === 'response';
  const head = ['operation', 'count', 'err', 'rejected', 'p50', 'p95', 'p99', 'max'];
  if (open) head.push('service p99');
  head.push('ops/s');
  const table = newTable(head, color);
  for (const op of layout.operations) {
    const latency = shown(op, layout);
    const row = [
      op.name,
      formatCount(op.count),
      errorCell(op.errors, paint),
      formatCount(op.rejected),
      formatDuration(latency?.p50),
      formatDuration(latency?.p95),
      formatDuration(latency?.p99),
      formatDuration(latency?.max),
    ];
    // Service time beside response time: the gap between them is the queueing the schedule exposed.
    if (open) row.push(formatDuration(measured(op.service)?.p99));
    row.push(formatThroughput(op.count, layout.measuredSeconds));
    table.push(row);
  }
  if (layout.operations.length === 0) return '  no operation completed in the measured window';
  return table.toString();
}

export function scheduleLine(layout: LayoutResult): string | null {
  const s = layout.schedule;
  if (!s) return null;
  return (
    `schedule: ${formatCount(s.intended)} arrivals intended · ${formatCount(s.started)} started · ` +
    `${formatCount(s.dropped)} dropped (in-flight cap) · start lag p99 ${formatDuration(s.lag?.p99)}` +
    `, max ${formatDuration(s.lag?.max)}`
  );
}

export function storeCallsTable(layout: LayoutResult, color: boolean, paint: Paint): string {
  if (layout.storeCalls.length === 0) return '  no store calls by measured operations';
  return callsTable(layout.storeCalls, [], color, paint);
}

/** The relay's, the probes' and reconciliation's calls, by source and phase (while measuring, or after). */
export function backgroundCallsTable(layout: LayoutResult, color: boolean, paint: Paint): string | null {
  if (layout.backgroundCalls.length === 0) return null;
  const sorted = [...layout.backgroundCalls].sort(
    (a, b) => a.source.localeCompare(b.source) || b.phase.localeCompare(a.phase),
  );
  return callsTable(sorted, ['by', 'when'], color, paint, (call) => [
    (call as BackgroundCallStats).source,
    (call as BackgroundCallStats).phase === 'window' ? 'measuring' : 'after',
  ]);
}

function callsTable(
  calls: readonly StoreCallStats[],
  leading: string[],
  color: boolean,
  paint: Paint,
  lead: (call: StoreCallStats) => string[] = () => [],
): string {
  const table = newTable([...leading, 'store', 'role.method', 'count', 'err', 'p50', 'p99'], color, [
    ...leading.map(() => 'left' as const),
    'left',
    'left',
    'right',
    'right',
    'right',
    'right',
  ]);
  for (const call of calls) {
    const latency = measured(call.latency);
    table.push([
      ...lead(call),
      call.store,
      `${call.role}.${call.method}`,
      formatCount(call.count),
      errorCell(call.errors, paint),
      formatDuration(latency?.p50),
      formatDuration(latency?.p99),
    ]);
  }
  return table.toString();
}

export function healthLines(health: HealthStats, paint: Paint): string[] {
  const loop = health.eventLoopDelayMs;
  const lines = [
    `harness: event-loop delay mean ${formatMs(loop.mean)} · p99 ${formatMs(loop.p99)} · max ${formatMs(loop.max)}` +
      ` · CPU ${formatCpuPercent(health.cpuPercent)} of one core`,
    `  over the ${health.windowSeconds.toFixed(1)} s measured window; the CPU is ${health.cpuIncludes}`,
  ];
  if (wasStarved(health)) {
    lines.push(...STARVED_LINES.map((line) => paint.yellow(line)));
  } else if (loop.p99 >= BUSY_LOOP_P99_MS || health.cpuPercent >= BUSY_CPU_PERCENT) {
    lines.push(
      paint.yellow(
        '  the tool itself was busy: measured latencies include its own queueing (lower the rate to check)',
      ),
    );
  }
  return lines;
}

/** `run --workers N`: one line per worker thread, its own loop delay and how busy its loop was. */
export function workerLines(layout: Pick<LayoutResult, 'workers'>): string[] {
  if (!layout.workers || layout.workers.length === 0) return [];
  return [
    `worker threads: ${layout.workers.length} (the figures above are this process's main thread; CPU is every thread's)`,
    ...layout.workers.map(
      (w) =>
        `  worker ${w.worker}: ${formatCount(w.operations)} operations · event-loop delay p99 ` +
        `${formatMs(w.eventLoopDelayMs.p99)} · max ${formatMs(w.eventLoopDelayMs.max)} · busy ${formatCpuPercent(w.busyPercent)}`,
    ),
  ];
}

/** A driver message can span lines and pages: keep its first line, cut to fit the report width. */
function oneLine(message: string): string {
  const first = message.split('\n', 1)[0] ?? '';
  return first.length > MAX_MESSAGE_CHARS ? `${first.slice(0, MAX_MESSAGE_CHARS - 1)}…` : first;
}

export function errorLines(layout: LayoutResult, paint: Paint): string[] {
  if (layout.errors.length === 0) return [];
  const shownErrors = layout.errors.slice(0, MAX_ERROR_LINES);
  const lines = [paint.red(`errors (${layout.errors.length} kinds):`)];
  for (const e of shownErrors) lines.push(`  ${e.operation} ×${formatCount(e.count)}: ${oneLine(e.message)}`);
  if (layout.errors.length > shownErrors.length) lines.push('  … the rest are in the JSON report');
  return lines;
}
