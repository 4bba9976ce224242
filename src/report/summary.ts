// The default terminal output of a run (and of `report`): one screen — the header, one side-by-side table of
// every operation, a lag row per derived store per layout, errors, read-your-writes, invariants, the thresholds
// verdict and the report files. `--details` prints every table instead (terminal.ts). It only reads the Report.
import type { LayoutResult, Report } from '../metrics/types.js';
import {
  errorSummaryLines,
  faultSummaryLines,
  harnessSummaryLines,
  invariantSummaryLines,
  lagSummaryTable,
  mechanismLine,
  readYourWritesSummaryLines,
  staleInStockSummaryLines,
} from './summary-consistency.js';
import { operationsSideBySide } from './summary-operations.js';
import { footprintSummaryLines } from './summary-footprint.js';
import { verdictLines, type VerdictEffect } from './summary-verdict.js';
import { painter, title, type Paint } from './style.js';

export interface SummaryOptions {
  color?: boolean;
  /** Paths of the report files written, printed last. */
  files?: string[];
  /** What the verdict does to the exit code (default: it fails the run). */
  verdictEffect?: VerdictEffect;
}

const INTERRUPTED_BANNER =
  'INTERRUPTED — partial results: the run was stopped early; figures cover only what was measured.';

/** docs/measurements.md, "Load models": what the latency columns are. */
const BASIS_WORDS = {
  response: 'response time = end − intended start (open model)',
  service: 'service time only (closed model: no schedule)',
} as const;

function measuredWords(layouts: readonly LayoutResult[]): string {
  const first = layouts[0];
  if (!first) return 'no layout finished';
  const same = layouts.every((layout) => layout.measuredSeconds === first.measuredSeconds);
  const measured = same
    ? `${first.measuredSeconds.toFixed(1)} s`
    : layouts.map((layout) => `${layout.layout} ${layout.measuredSeconds.toFixed(1)} s`).join(', ');
  return `${measured} measured after ${first.warmupSeconds} s warm-up`;
}

function header(report: Report, paint: Paint): string[] {
  const env = report.environment;
  const bases = [...new Set(report.layouts.map((layout) => layout.latencyBasis))];
  const lines = [
    paint.bold(
      `${report.tool.name} ${report.tool.version} · ${report.scenario.name} (${report.scenario.file}) · ` +
        `seed ${report.scenario.seed} · ${report.createdAt.replace(/\.\d+Z$/, 'Z')}`,
    ),
    `machine: ${env.cpus} CPUs ${env.cpuModel} · node ${env.node} ${env.platform}/${env.arch}`,
  ];
  // The full note is in --details and the JSON; one line here says what matters for reading the numbers.
  if (report.embeddedNote)
    lines.push(
      paint.yellow(
        'note: embedded engines run in-process, not as servers: compare the layouts with each other',
      ),
    );
  lines.push(
    `latency: ${bases.map((basis) => BASIS_WORDS[basis]).join('; ')} · ${measuredWords(report.layouts)}`,
  );
  return lines;
}

export function renderSummary(report: Report, options: SummaryOptions = {}): string {
  const color = options.color ?? false;
  const paint = painter(color);
  const banner = paint.red(paint.bold(INTERRUPTED_BANNER));
  const lines: string[] = [];
  if (report.interrupted) lines.push(banner);
  lines.push(...header(report, paint));
  const { layouts } = report;
  if (layouts.length === 0) {
    lines.push('', 'no layout produced results');
  } else {
    lines.push('', operationsSideBySide(report, color));
    const lag = lagSummaryTable(layouts, color, paint);
    if (lag) lines.push('', title(`consistency lag · ${mechanismLine(layouts)}`, paint), lag);
    lines.push('');
    lines.push(...errorSummaryLines(layouts, paint));
    lines.push(...readYourWritesSummaryLines(layouts, paint));
    lines.push(...staleInStockSummaryLines(layouts, paint));
    lines.push(...invariantSummaryLines(layouts, paint));
    lines.push(...faultSummaryLines(layouts));
    lines.push(...harnessSummaryLines(layouts, paint));
    lines.push(...footprintSummaryLines(layouts));
  }
  if (report.verdict) {
    lines.push('', ...verdictLines(report.verdict, options.verdictEffect ?? 'enforced', color, paint));
  }
  lines.push(
    '',
    paint.dim('every table, store calls and notes: --details (or polyglot-bench report <file> --details)'),
  );
  for (const file of options.files ?? []) lines.push(`report: ${file}`);
  if (report.interrupted) lines.push(banner);
  return `${lines.join('\n')}\n`;
}
