// Fault isolation per layout: when each fault was actually on, every operation before, during and after it, the
// time until the store answered again, and the lag spike and catch-up. The windows are also shaded in the
// over-time charts.
import type { FaultResult, FaultWindowStats, LayoutResult, Report } from '../../metrics/types.js';
import { formatCount, formatDuration, formatMs, MISSING } from '../format.js';
import { escapeHtml } from './escape.js';
import { htmlTable, type CellInput } from './table.js';

function windowCell(stats: FaultWindowStats): CellInput {
  if (stats.count === 0) return { text: MISSING, numeric: true };
  return {
    html:
      `${escapeHtml(formatCount(stats.count))} ops · ` +
      `<span class="${stats.errors > 0 ? 'bad' : ''}">${escapeHtml(formatCount(stats.errors))} err</span><br>` +
      `p50 ${escapeHtml(formatDuration(stats.p50))} · p99 ${escapeHtml(formatDuration(stats.p99))}`,
    numeric: true,
  };
}

function windowText(fault: FaultResult): string {
  if (fault.startedAtS === null) return 'never switched on (the run ended first)';
  const end = fault.endedAtS === null ? '?' : `${fault.endedAtS.toFixed(2)} s`;
  return `on at ${fault.startedAtS.toFixed(2)} s, off at ${end} (since measure start), via ${fault.via}`;
}

function recoveryText(fault: FaultResult): string | null {
  const recovery = fault.recovery;
  if (!recovery || fault.store === null) return null;
  const first =
    recovery.firstSuccessAfterMs === null
      ? `no call to ${fault.store} succeeded after the fault ended`
      : `first successful call to ${fault.store} ended ${formatMs(recovery.firstSuccessAfterMs)} after the fault`;
  const failed =
    recovery.failedAfterEnd > 0
      ? `${formatCount(recovery.failedAfterEnd)} calls started after it still failed`
      : 'no call started after it failed';
  return `recovery: ${first}; ${failed}`;
}

function lagText(lag: FaultResult['lag'][number]): string {
  const catchUp =
    lag.catchUpMs === null
      ? 'some writes committed before the end were never applied'
      : lag.catchUpMs === 0
        ? 'nothing was left waiting at the end'
        : `backlog applied ${formatMs(lag.catchUpMs)} after the end`;
  return (
    `lag → ${lag.target}: apply p99 before ${formatDuration(lag.beforeP99Us)}, ` +
    `worst during ${formatDuration(lag.duringMaxUs)}; ${catchUp}`
  );
}

function faultBlock(layout: LayoutResult, fault: FaultResult): string {
  const parts = [
    `<h4>${escapeHtml(layout.layout)}: ${escapeHtml(fault.description)}</h4>`,
    `<p data-layout="${escapeHtml(layout.layout)}" data-fault-window>${escapeHtml(windowText(fault))}</p>`,
  ];
  if (fault.startedAtS === null) return parts.join('');
  parts.push(
    htmlTable(
      [['operation', 'before', 'during', 'after']],
      fault.operations.map((row) => [
        row.operation,
        windowCell(row.before),
        windowCell(row.during),
        windowCell(row.after),
      ]),
    ),
  );
  const lines = [recoveryText(fault), ...fault.lag.map(lagText)].filter((line) => line !== null);
  if (lines.length) parts.push(`<ul>${lines.map((line) => `<li>${escapeHtml(line)}</li>`).join('')}</ul>`);
  return parts.join('');
}

export function faultsSection(report: Report): string {
  const blocks = report.layouts.flatMap((layout) => layout.faults.map((fault) => faultBlock(layout, fault)));
  if (blocks.length === 0) return '';
  return (
    '<section id="faults"><h2>Faults</h2>' +
    `<div class="grid wide">${blocks.map((b) => `<div>${b}</div>`).join('')}</div>` +
    '</section>'
  );
}
