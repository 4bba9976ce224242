// Was the harness itself a bottleneck? Per layout side by side: the window, event-loop delay, CPU (and whose),
// the arrival schedule (intended, started, dropped at the in-flight cap, start lag), abandoned journeys; then
// error samples and values outside the histograms' range.
import type { LayoutResult, Report } from '../../metrics/types.js';
import { formatCount, formatCpuPercent, formatDuration, formatMs, MISSING } from '../format.js';
import { outOfRangeLines } from '../out-of-range-section.js';
import { painter } from '../style.js';
import { escapeHtml } from './escape.js';
import { htmlTable, type Cell, type CellInput } from './table.js';

type Row = [label: string, cell: (layout: LayoutResult) => CellInput];

const num = (text: string, bad = false): Cell => ({
  text,
  numeric: true,
  className: bad ? 'bad' : undefined,
});

const ROWS: Row[] = [
  [
    'measured window',
    (l) => num(`${l.measuredSeconds.toFixed(1)} s${l.interrupted ? ' (interrupted)' : ''}`, l.interrupted),
  ],
  ['warm-up · data load', (l) => num(`${l.warmupSeconds} s · ${l.loadSeconds.toFixed(1)} s`)],
  ['event-loop delay mean', (l) => num(formatMs(l.health.eventLoopDelayMs.mean))],
  ['event-loop delay p99', (l) => num(formatMs(l.health.eventLoopDelayMs.p99))],
  ['event-loop delay max', (l) => num(formatMs(l.health.eventLoopDelayMs.max))],
  [
    'CPU (% of one core)',
    (l) => ({ ...num(formatCpuPercent(l.health.cpuPercent)), title: l.health.cpuIncludes }),
  ],
  ['whose CPU', (l) => l.health.cpuIncludes],
  [
    'worker threads (loop p99 · busy)',
    (l) => ({
      ...num(
        l.workers && l.workers.length > 0
          ? l.workers
              .map(
                (w) =>
                  `#${w.worker} ${formatMs(w.eventLoopDelayMs.p99)} · ${formatCpuPercent(w.busyPercent)}`,
              )
              .join(', ')
          : 'none (one thread)',
      ),
      data: { layout: l.layout, metric: 'workers' },
    }),
  ],
  ['arrivals intended', (l) => num(l.schedule ? formatCount(l.schedule.intended) : MISSING)],
  ['arrivals started', (l) => num(l.schedule ? formatCount(l.schedule.started) : MISSING)],
  [
    'arrivals dropped (in-flight cap)',
    (l) => ({
      ...num(l.schedule ? formatCount(l.schedule.dropped) : MISSING, (l.schedule?.dropped ?? 0) > 0),
      data: { layout: l.layout, metric: 'dropped' },
    }),
  ],
  [
    'start lag p99 · max',
    (l) =>
      num(
        l.schedule?.lag
          ? `${formatDuration(l.schedule.lag.p99)} · ${formatDuration(l.schedule.lag.max)}`
          : MISSING,
      ),
  ],
  [
    'journeys abandoned at the deadline',
    (l) => num(formatCount(l.abandonedJourneys), l.abandonedJourneys > 0),
  ],
];

function errorList(report: Report): string {
  const items = report.layouts.flatMap((layout) =>
    layout.errors.map(
      (e) =>
        `<li><strong>${escapeHtml(layout.layout)}</strong> ${escapeHtml(e.operation)} ×${escapeHtml(formatCount(e.count))}: ` +
        `<code>${escapeHtml(e.message.split('\n', 1)[0] ?? '')}</code></li>`,
    ),
  );
  return items.length ? `<h3>Errors</h3><ul class="errors">${items.join('')}</ul>` : '';
}

function outOfRange(report: Report): string {
  const plain = painter(false);
  const items = report.layouts.flatMap((layout) =>
    outOfRangeLines(layout, plain)
      .slice(1)
      .map((line) => `<li>${escapeHtml(`${layout.layout}: ${line.trim()}`)}</li>`),
  );
  return items.length
    ? `<h3>Values outside the histograms’ 1 µs – 1 h range</h3><ul class="warn">${items.join('')}</ul>`
    : '';
}

export function healthSection(report: Report): string {
  const rows = ROWS.map(([label, cell]): CellInput[] => [label, ...report.layouts.map(cell)]);
  return (
    '<section id="health"><h2>Harness health</h2>' +
    htmlTable([['', ...report.layouts.map((l) => l.layout)]], rows) +
    errorList(report) +
    outOfRange(report) +
    '</section>'
  );
}
