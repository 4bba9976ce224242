// Fault isolation, per fault of the timeline that hit a layout: every operation before, during and after the
// fault (count, errors, p50, p99), the time until the store answered again, and the lag spike and catch-up.
import type { FaultResult, FaultWindowStats, LayoutResult } from '../metrics/types.js';
import { formatCount, formatDuration, formatMs, MISSING } from './format.js';
import { newTable, REPORT_WIDTH, wrapText, type Paint } from './style.js';

function windowCell(stats: FaultWindowStats, paint: Paint): string {
  if (stats.count === 0) return MISSING;
  const errors = `${formatCount(stats.errors)} err`;
  return [
    `${formatCount(stats.count)} ops · ${stats.errors > 0 ? paint.red(errors) : errors}`,
    `p50 ${formatDuration(stats.p50)} · p99 ${formatDuration(stats.p99)}`,
  ].join('\n');
}

function windowText(fault: FaultResult): string {
  if (fault.startedAtS === null) return 'never switched on (the run ended first)';
  const end = fault.endedAtS === null ? '?' : `${fault.endedAtS.toFixed(2)} s`;
  return `on at ${fault.startedAtS.toFixed(2)} s, off at ${end} (measured time), via ${fault.via}`;
}

function recoveryLine(fault: FaultResult, paint: Paint): string | null {
  const recovery = fault.recovery;
  if (!recovery || fault.store === null) return null;
  const first =
    recovery.firstSuccessAfterMs === null
      ? paint.red(`no call to ${fault.store} succeeded after the fault ended`)
      : `first successful call to ${fault.store} ended ${formatMs(recovery.firstSuccessAfterMs)} after the fault`;
  const failed =
    recovery.failedAfterEnd > 0
      ? paint.red(`${formatCount(recovery.failedAfterEnd)} calls started after it still failed`)
      : 'no call started after it failed';
  return `  recovery: ${first}; ${failed}`;
}

function lagLines(fault: FaultResult, paint: Paint): string[] {
  return fault.lag.map((lag) => {
    const catchUp =
      lag.catchUpMs === null
        ? paint.red('some writes committed before the end were never applied')
        : lag.catchUpMs === 0
          ? 'nothing was left waiting at the end'
          : `backlog applied ${formatMs(lag.catchUpMs)} after the end`;
    return (
      `  lag → ${lag.target}: apply p99 before ${formatDuration(lag.beforeP99Us)}, ` +
      `worst during ${formatDuration(lag.duringMaxUs)}; ${catchUp}`
    );
  });
}

export function faultLines(layout: LayoutResult, color: boolean, paint: Paint): string[] {
  const lines: string[] = [];
  for (const fault of layout.faults) {
    lines.push(`fault: ${fault.description}`, `  ${windowText(fault)}`);
    if (fault.startedAtS === null) continue;
    const table = newTable(['operation', 'before', 'during', 'after'], color, [
      'left',
      'left',
      'left',
      'left',
    ]);
    for (const row of fault.operations) {
      table.push([
        row.operation,
        windowCell(row.before, paint),
        windowCell(row.during, paint),
        windowCell(row.after, paint),
      ]);
    }
    lines.push(table.toString());
    const recovery = recoveryLine(fault, paint);
    // Long lines wrap under their own indent rather than past the report's width.
    for (const line of [...(recovery ? [recovery] : []), ...lagLines(fault, paint)]) {
      lines.push(...wrapText(line, REPORT_WIDTH, '    '));
    }
  }
  return lines;
}
