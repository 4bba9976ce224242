// The micro result as one table: role operations down, stores across, "mean ± margin" in each cell, so the same
// operation on two engines (graph.alsoBought on kuzu and on pglite) sits side by side. Reads MicroResult only.
import { formatDuration, formatPercent, MISSING } from '../report/format.js';
import { newTable } from '../report/style.js';
import { ROLE_NAMES } from '../roles.js';
import type { MicroResult, MicroRow } from './types.js';

export interface RenderMicroOptions {
  color?: boolean;
}

/**
 * formatDuration rounds below 1 ms to whole µs, which hides the difference between in-process stores that
 * answer in 2 or 3 µs; below 10 µs this keeps three significant digits.
 */
function formatUnitCost(us: number): string {
  return us < 9.995 ? `${us.toFixed(2)} µs` : formatDuration(us);
}

function cell(row: MicroRow | undefined): string {
  if (!row) return MISSING;
  return `${formatUnitCost(row.meanUs)} ± ${formatPercent(row.marginPct / 100)}`;
}

const key = (row: { role: string; operation: string }) => `${row.role}.${row.operation}`;

/** Operations grouped by role in ROLE_NAMES order, each role's in the order they were measured. */
function operationKeys(rows: readonly MicroRow[]): string[] {
  const roleRank = (role: string) => ROLE_NAMES.indexOf(role as (typeof ROLE_NAMES)[number]);
  const seen = new Map<string, { rank: number; first: number }>();
  rows.forEach((row, index) => {
    if (!seen.has(key(row))) seen.set(key(row), { rank: roleRank(row.role), first: index });
  });
  return [...seen.entries()]
    .sort(([, a], [, b]) => a.rank - b.rank || a.first - b.first)
    .map(([name]) => name);
}

export function renderMicro(result: MicroResult, options: RenderMicroOptions = {}): string {
  const color = options.color ?? false;
  const byCell = new Map(result.rows.map((row) => [`${row.store}\u0000${key(row)}`, row]));
  const head = [
    'operation',
    ...result.stores.map((store) => `${store.name}\n${store.engine} ${store.version}`),
  ];
  const table = newTable(head, color);
  const keys = operationKeys(result.rows);
  for (const operation of keys) {
    table.push([
      operation,
      ...result.stores.map((store) => cell(byCell.get(`${store.name}\u0000${operation}`))),
    ]);
  }

  const lines: string[] = [];
  lines.push(keys.length > 0 ? table.toString() : '  no operation was measured');
  lines.push(
    `mean per call ± margin of error (95% confidence), one call at a time; ` +
      `${formatDuration(result.timeMs * 1000)} per operation after ${formatDuration(result.warmupMs * 1000)} ` +
      `of warm-up; ${MISSING} = not measured on that store.`,
  );
  for (const skip of result.skipped) {
    lines.push(`skipped ${skip.role}.${skip.operation} on ${skip.store}: ${skip.reason}`);
  }
  if (result.interrupted) lines.push('interrupted: operations and stores after the interruption are missing');
  return lines.join('\n');
}
