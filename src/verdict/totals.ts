// A layout's whole-run counts that thresholds and the summary both read: operations and errors, arrivals
// dropped, reads checked for read-your-writes and missed (docs/measurements.md). Computed once, here, so the
// renderers only format them.
import type { LayoutResult } from '../metrics/types.js';

export interface ErrorTotals {
  operations: number;
  errors: number;
  /** Errors per operation name, for the operations that had any, in report order. */
  byOperation: Array<{ operation: string; errors: number }>;
}

export function errorTotals(layout: LayoutResult, operation: string | null = null): ErrorTotals {
  const ops = layout.operations.filter((op) => operation === null || op.name === operation);
  return {
    operations: ops.reduce((sum, op) => sum + op.count, 0),
    errors: ops.reduce((sum, op) => sum + op.errors, 0),
    byOperation: ops.filter((op) => op.errors > 0).map((op) => ({ operation: op.name, errors: op.errors })),
  };
}

export interface ReadYourWritesTotals {
  checks: number;
  missed: number;
}

export function readYourWritesTotals(
  layout: LayoutResult,
  operation: string | null = null,
): ReadYourWritesTotals {
  const ryw = layout.readYourWrites;
  if (operation !== null)
    return { checks: ryw.checksByOperation[operation] ?? 0, missed: ryw.violations[operation] ?? 0 };
  return { checks: ryw.checks, missed: Object.values(ryw.violations).reduce((sum, n) => sum + n, 0) };
}
