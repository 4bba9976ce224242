// `thresholds:` — targets a run must meet, in the shape k6 and Artillery users know:
//
//   thresholds:
//     checkout: [p99 < 250ms, p50 < 20ms]        # an operation: min, mean/avg, p50/med, p90, p95, p99, p99.9, max
//     lag.graph: p99 < 1s                        # apply lag; lag.graph.visible for visible lag
//     visible.analytics: within(100ms) > 95%     # t-visibility, t one of 1ms, 10ms, 100ms, 1s, 10s
//     read-your-writes: missed < 1%              # or read-your-writes.also-bought; a percent or a count
//     errors: rate < 0.5%                        # or errors.checkout; rate (percent or fraction) or count
//     dropped: rate < 1%                         # open model: arrivals dropped at maxInFlight
//     invariants: ok
//     polyglot:                                  # a layout's name: these apply to that layout only
//       checkout: p99 < 300ms
//     "also-bought{layout:baseline}": p95 < 50ms # the same, k6's tag syntax
//
// Without a layout a threshold applies to every layout, each judged on its own. The syntax is checked here (an
// unknown operation, store or metric, a malformed expression); what needs the rest of the scenario (a layout's
// name, analysts being on, the open model) is checked by thresholdProblems once every section is parsed.
import { z } from 'zod';
import { parseThresholdExpression, parseThresholdKey } from '../verdict/parse-threshold.js';
import type { Threshold } from '../verdict/threshold.js';
import { SHOPPER_OPERATIONS } from '../workloads/journeys.js';
import { expecting } from './fields.js';
import { expectedMessage, suggestion } from './messages.js';
import type { PathSegment, Problem } from './problem.js';
import { ANALYST_QUERIES, layoutName, type Scenario } from './types.js';

const OPERATIONS: readonly string[] = [...SHOPPER_OPERATIONS, ...ANALYST_QUERIES];
const LAYOUT_QUALIFIER = /^(.+?)\{\s*layout\s*:\s*([^{}]+?)\s*\}$/;

interface Context {
  issues: z.core.$ZodRawIssue[];
}

function addIssue(ctx: Context, path: PathSegment[], input: unknown, message: string): void {
  ctx.issues.push({ code: 'custom', input, path, message });
}

function isMapping(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** One `key: expression` or `key: [expressions]` entry, scoped to layout (null: every layout). */
function parseEntry(
  key: string,
  value: unknown,
  layout: string | null,
  path: PathSegment[],
  ctx: Context,
): Threshold[] {
  const metric = parseThresholdKey(key, OPERATIONS);
  if (!metric.ok) {
    addIssue(ctx, path, value, metric.message);
    return [];
  }
  const list = Array.isArray(value);
  const expressions: unknown[] = list ? value : [value];
  if (expressions.length === 0) addIssue(ctx, path, value, 'expected at least one threshold expression');
  const thresholds: Threshold[] = [];
  expressions.forEach((expression, index) => {
    const at = list ? [...path, index] : path;
    if (typeof expression !== 'string') {
      addIssue(ctx, at, expression, expectedMessage('a threshold expression like "p99 < 250ms"', expression));
      return;
    }
    const condition = parseThresholdExpression(metric.value, expression);
    if (!condition.ok) addIssue(ctx, at, expression, condition.message);
    else
      thresholds.push({
        key,
        expression: expression.trim(),
        layout,
        metric: metric.value,
        condition: condition.value,
        path: ['thresholds', ...at],
      });
  });
  return thresholds;
}

export const thresholdsSchema = z
  .record(z.string(), z.unknown(), {
    error: expecting('a mapping of thresholds, e.g. checkout: p99 < 250ms'),
  })
  .transform((entries, ctx): Threshold[] => {
    const thresholds: Threshold[] = [];
    for (const [key, value] of Object.entries(entries)) {
      if (isMapping(value)) {
        // A layout's own block: `polyglot: { checkout: p99 < 250ms }`.
        for (const [inner, innerValue] of Object.entries(value)) {
          if (isMapping(innerValue)) {
            addIssue(
              ctx,
              [key, inner],
              innerValue,
              'expected a threshold expression or a list of them, got a mapping',
            );
            continue;
          }
          thresholds.push(...parseEntry(inner, innerValue, key, [key, inner], ctx));
        }
        continue;
      }
      const qualified = LAYOUT_QUALIFIER.exec(key);
      const [name, layout] = qualified ? [qualified[1] ?? '', qualified[2] ?? ''] : [key, null];
      thresholds.push(...parseEntry(name, value, layout, [key], ctx));
    }
    return thresholds;
  })
  .optional();

/** Checks that need the other sections: the layout named exists, analysts run, the load model drops arrivals. */
export function thresholdProblems(scenario: Scenario): Problem[] {
  const layouts = scenario.layouts.map(layoutName);
  const queries: readonly string[] = scenario.analysts?.queries ?? [];
  const problems: Problem[] = [];
  for (const threshold of scenario.thresholds ?? []) {
    const { layout, metric, path } = threshold;
    if (layout !== null && !layouts.includes(layout)) {
      // Point at the layout's block key (or the qualified key), where the name is written.
      const where = path.slice(0, 2);
      problems.push({
        path: where,
        message: `unknown layout "${layout}"${suggestion(layout, layouts)}; this scenario runs ${layouts.join(', ')}`,
      });
      continue;
    }
    const operation = metric.kind === 'operation' || metric.kind === 'errors' ? metric.operation : null;
    if (
      operation &&
      (ANALYST_QUERIES as readonly string[]).includes(operation) &&
      !queries.includes(operation)
    ) {
      problems.push({
        path,
        message: `the analysts' query ${operation} does not run in this scenario (analysts: ${queries.length > 0 ? queries.join(', ') : 'off'})`,
      });
    }
    if (metric.kind === 'dropped' && scenario.load.model !== 'open') {
      problems.push({
        path,
        message:
          'dropped arrivals exist only in the open model (load.model: open); a closed model drops none',
      });
    }
  }
  return problems;
}
