// The terminal report: header, engines, one section per layout, then the side-by-side comparison. It only
// reads the Report (metrics/types.ts); every figure comes from the measurer and is merely formatted here.
import { ROLE_NAMES } from '../roles.js';
import type { LayoutResult, Report } from '../metrics/types.js';
import {
  invariantLines,
  LAG_LEGEND,
  lagTable,
  readYourWritesLines,
  staleInStockLines,
} from './consistency-section.js';
import { formatDuration, formatRatio, MISSING } from './format.js';
import { faultLines } from './fault-section.js';
import { propagationTable } from './propagation-section.js';
import {
  backgroundCallsTable,
  errorLines,
  healthLines,
  workerLines,
  operationsTable,
  scheduleLine,
  storeCallsTable,
} from './layout-section.js';
import { outOfRangeLines } from './out-of-range-section.js';
import { newTable, painter, REPORT_WIDTH, title, wrapText, type Paint } from './style.js';

export interface TerminalOptions {
  /** ANSI colour; default off so piped output and logs stay plain. */
  color?: boolean;
}

export const LATENCY_MEANING = {
  response: 'latency = response time = end − intended start (open model); service p99 = end − actual start',
  service:
    'latency = service time only (closed model: no schedule, so queueing before a request is not seen)',
} as const;

/** docs/measurements.md, "Measured window": what every count and rate of the report covers. */
export const WINDOW_MEANING =
  'measured = every step of each journey whose arrival (open) or iteration start (closed) lies in the window ' +
  'after warm-up; ops/s = measured count ÷ window length';

const INTERRUPTED_BANNER =
  'INTERRUPTED — partial results: the run was stopped early; figures cover only what was measured.';

function header(report: Report, paint: Paint): string[] {
  const env = report.environment;
  const sim = report.simulation;
  const lines = [
    paint.bold(
      `${sim ? 'SIMULATED · ' : ''}${report.tool.name} ${report.tool.version} · scenario ${report.scenario.name} (${report.scenario.file})` +
        ` · seed ${report.scenario.seed}`,
    ),
    `${report.createdAt} · node ${env.node} ${env.platform}/${env.arch} · ${env.cpus} CPUs (${env.cpuModel})`,
  ];
  const bases = [...new Set(report.layouts.map((layout) => layout.latencyBasis))];
  if (bases.length === 0) lines.push('latency: no layout finished');
  for (const basis of bases) lines.push(LATENCY_MEANING[basis]);
  lines.push(...wrapText(WINDOW_MEANING, REPORT_WIDTH));
  if (sim) {
    // A simulated report says so before any figure, with what it was calibrated on and how wrong it was there.
    const errors = sim.validation.flatMap((row) =>
      row.relativeError === null ? [] : [Math.abs(row.relativeError)],
    );
    const worst = errors.length > 0 ? `${(Math.max(...errors) * 100).toFixed(0)} %` : 'not validated';
    const text =
      `SIMULATED — not measured: a queueing model calibrated on ${sim.calibration}` +
      `${sim.whatIfs.length > 0 ? `, what-ifs ${sim.whatIfs.join(', ')}` : ''}; ` +
      `its largest error re-simulating that run: ${worst}`;
    lines.push(...wrapText(text, REPORT_WIDTH).map((line) => paint.yellow(paint.bold(line))));
  }
  return lines;
}

function engineCell(layout: LayoutResult, role: (typeof ROLE_NAMES)[number]): string {
  const binding = layout.roles[role];
  if (!binding) return MISSING;
  return `${binding.store} — ${binding.engine} ${binding.version}${binding.embedded ? ' (embedded)' : ''}`;
}

function enginesTable(report: Report, color: boolean): string {
  const table = newTable(['role', ...report.layouts.map((layout) => layout.layout)], color, [
    'left',
    ...report.layouts.map(() => 'left' as const),
  ]);
  for (const role of ROLE_NAMES)
    table.push([role, ...report.layouts.map((layout) => engineCell(layout, role))]);
  return table.toString();
}

function layoutSection(layout: LayoutResult, color: boolean, paint: Paint): string[] {
  const how = layout.model === 'open' ? 'open model' : 'closed model';
  const lines = [
    '',
    title(
      `━━ ${layout.layout} · ${layout.propagation} · ${how} · ${layout.measuredSeconds.toFixed(1)} s measured` +
        ` after ${layout.warmupSeconds} s warm-up · data loaded in ${layout.loadSeconds.toFixed(1)} s`,
      paint,
    ),
  ];
  if (layout.interrupted) lines.push(paint.red(paint.bold('INTERRUPTED — this layout stopped early')));
  for (const note of layout.notes) lines.push(`note: ${note}`);
  const schedule = scheduleLine(layout);
  if (schedule) lines.push(schedule);
  lines.push(operationsTable(layout, color, paint));
  lines.push(
    'store calls (service time of each call the measured operations made):',
    storeCallsTable(layout, color, paint),
  );
  const background = backgroundCallsTable(layout, color, paint);
  if (background) lines.push('background store calls (relay, probes, reconciliation):', background);
  lines.push('consistency lag:', lagTable(layout, color, paint));
  lines.push(...readYourWritesLines(layout.readYourWrites, paint));
  lines.push(...staleInStockLines(layout.staleInStock, paint));
  lines.push(...invariantLines(layout.invariants, layout.propagation, color, paint));
  lines.push(...faultLines(layout, color, paint));
  lines.push(...outOfRangeLines(layout, paint));
  lines.push(...healthLines(layout.health, paint), ...workerLines(layout));
  lines.push(...errorLines(layout, paint));
  return lines;
}

function comparisonTable(report: Report, color: boolean): string {
  const names = report.layouts.map((layout) => layout.layout);
  const first = names[0] ?? '';
  const head = ['operation'];
  for (const name of names) head.push(`${name} p50`, `${name} p99`);
  for (const name of names.slice(1)) head.push(`${name} p99 vs ${first}`);
  const table = newTable(head, color);
  for (const row of report.comparison) {
    const cells = [row.operation];
    for (let i = 0; i < names.length; i += 1) {
      const cell = row.cells[i] ?? null;
      cells.push(formatDuration(cell?.p50), formatDuration(cell?.p99));
    }
    for (let i = 1; i < names.length; i += 1) cells.push(formatRatio(row.p99Ratio[i]));
    table.push(cells);
  }
  return table.toString();
}

export function renderTerminal(report: Report, options: TerminalOptions = {}): string {
  const color = options.color ?? false;
  const paint = painter(color);
  const banner = paint.red(paint.bold(INTERRUPTED_BANNER));
  const lines: string[] = [];
  if (report.interrupted) lines.push(banner, '');
  lines.push(...header(report, paint));
  if (report.embeddedNote) {
    lines.push(
      '',
      ...wrapText(`NOTE: ${report.embeddedNote}`, REPORT_WIDTH).map((line) => paint.yellow(line)),
    );
  }
  if (report.layouts.length === 0) {
    lines.push('', 'no layout produced results');
  } else {
    lines.push('', title('engines serving each role', paint), enginesTable(report, color));
    for (const layout of report.layouts) lines.push(...layoutSection(layout, color, paint));
    lines.push('', paint.dim(wrapText(LAG_LEGEND, REPORT_WIDTH).join('\n')));
    if (report.layouts.length > 1 && report.comparison.length > 0) {
      const basis = report.layouts[0]?.latencyBasis === 'response' ? 'response time' : 'service time';
      lines.push('', title(`side by side (${basis})`, paint), comparisonTable(report, color));
      lines.push(
        '',
        title('propagation side by side: what the shopper waits for, what it leaves behind', paint),
        propagationTable(report.layouts, color, paint),
      );
    }
  }
  if (report.interrupted) lines.push('', banner);
  return `${lines.join('\n')}\n`;
}
