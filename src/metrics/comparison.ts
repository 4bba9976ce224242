// The side-by-side rows: each operation's figures per layout and p99 ratios against the first layout.
// Computed here so renderers only format.
import type { ComparisonRow, LayoutResult } from './types.js';

export function compareLayouts(layouts: readonly LayoutResult[]): ComparisonRow[] {
  const names: string[] = [];
  for (const layout of layouts) {
    for (const op of layout.operations) if (!names.includes(op.name)) names.push(op.name);
  }
  return names.map((operation) => {
    const cells = layouts.map((layout) => {
      const op = layout.operations.find((o) => o.name === operation);
      if (!op) return null;
      const latency = op.response ?? op.service;
      return {
        layout: layout.layout,
        count: op.count,
        p50: latency.p50,
        p99: latency.p99,
        errors: op.errors,
      };
    });
    const base = cells[0];
    const p99Ratio = cells.map((cell) => (cell && base && base.p99 > 0 ? cell.p99 / base.p99 : null));
    return { operation, cells, p99Ratio };
  });
}
