// The summary's one side-by-side table: every operation's p50 and p99 per layout, and each layout's p99 as a
// ratio of the first layout's. The figures are report.comparison's (src/metrics/comparison.ts).
import type { Report } from '../metrics/types.js';
import { formatDuration, formatRatio } from './format.js';
import { compactTable } from './summary-style.js';

export function operationsSideBySide(report: Report, color: boolean): string {
  const names = report.layouts.map((layout) => layout.layout);
  const first = names[0] ?? '';
  // Two-line headings keep each column as narrow as its numbers.
  const head = ['operation'];
  for (const name of names) head.push(`${name}\np50`, `${name}\np99`);
  for (const name of names.slice(1)) head.push(`${name} p99\n÷ ${first}`);
  const table = compactTable(head, color);
  for (const row of report.comparison) {
    const cells = [row.operation];
    names.forEach((_, i) => {
      const cell = row.cells[i] ?? null;
      // A layout that never completed the operation has a cell of count 0: nothing measured, not "0 µs".
      const measured = cell && cell.count > 0 ? cell : null;
      cells.push(formatDuration(measured?.p50), formatDuration(measured?.p99));
    });
    for (let i = 1; i < names.length; i += 1) cells.push(formatRatio(row.p99Ratio[i]));
    table.push(cells);
  }
  return table.toString();
}
