// The summary's look: compact tables (a rule above and below, none between rows, cli-table3's `chars`) and
// "label  layout  text" lines, laid out for a 100-column terminal.
import type Table from 'cli-table3';
import { newTable, type Align } from './style.js';

/** The summary fits terminals this wide (docs and readable at 100 columns). */
export const SUMMARY_WIDTH = 100;

const NO_ROW_RULES = { mid: '', 'left-mid': '', 'mid-mid': '', 'right-mid': '' };

/** A table without rules between rows; columns after the first are right-aligned unless told otherwise. */
export function compactTable(head: string[], color: boolean, aligns?: Align[]): Table.Table {
  return newTable(head, color, aligns, NO_ROW_RULES);
}

const LABEL_CHARS = 18;

/**
 * One line per layout under a label: the label on the first line only, so a block reads as
 * "invariants        baseline  OK" / "                  polyglot  FAILED …".
 */
export function labelledLines(label: string, rows: Array<{ layout: string; text: string }>): string[] {
  const layoutChars = Math.max(0, ...rows.map((row) => row.layout.length));
  return rows.map(
    (row, index) =>
      `${(index === 0 ? label : '').padEnd(LABEL_CHARS)}${row.layout.padEnd(layoutChars)}  ${row.text}`,
  );
}
