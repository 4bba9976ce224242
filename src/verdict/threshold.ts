// The threshold language of a scenario's `thresholds:` section (k6's thresholds, Artillery's `ensure`), parsed:
// which figure of the report a threshold reads (the metric) and what it must satisfy (the condition). Every
// figure is defined in docs/measurements.md; a threshold only names one of them.
import type { DerivedRole } from '../propagation/targets.js';

// A Record, so a derived role added to DerivedRole (src/propagation/targets.ts) fails to compile until it is here.
const DERIVED: Record<DerivedRole, true> = { graph: true, analytics: true, search: true };
export const DERIVED_ROLES = Object.keys(DERIVED) as DerivedRole[];

export const COMPARATORS = ['<=', '>=', '<', '>'] as const;
export type Comparator = (typeof COMPARATORS)[number];

/** The latency figures a report keeps for every operation and lag (HdrHistogram's, docs/measurements.md). */
export const LATENCY_STATS = ['min', 'mean', 'p50', 'p90', 'p95', 'p99', 'p999', 'max'] as const;
export type LatencyStat = (typeof LATENCY_STATS)[number];

export type ThresholdMetric =
  /** An operation's latency, in the layout's basis: response time (open model) or service time (closed). */
  | { kind: 'operation'; operation: string }
  /** Apply or visible lag from the source store to a derived store. */
  | { kind: 'lag'; role: DerivedRole; lag: 'apply' | 'visible' }
  /** t-visibility: the share of probed writes visible within t. */
  | { kind: 'visibility'; role: DerivedRole }
  /** Reads right after the shopper's own checkout that missed it: all such reads, or one operation's. */
  | { kind: 'read-your-writes'; operation: string | null }
  /** Failed operations: over every operation, or one. */
  | { kind: 'errors'; operation: string | null }
  /** Arrivals dropped at the in-flight cap (open model). */
  | { kind: 'dropped' }
  /** Store calls per execution of an operation: the footprint's round trips per user action. */
  | { kind: 'round-trips'; operation: string }
  | { kind: 'invariants' };

export type ThresholdCondition =
  | { kind: 'latency'; stat: LatencyStat; comparator: Comparator; us: number }
  | { kind: 'within'; withinMs: number; comparator: Comparator; fraction: number }
  /** A share of a count (errors of operations, dropped of intended arrivals, missed of checked reads). */
  | { kind: 'rate'; comparator: Comparator; fraction: number }
  | { kind: 'count'; comparator: Comparator; count: number }
  /** Round trips per execution: "mean < 6", "p99 <= 8". */
  | { kind: 'calls'; stat: 'mean' | 'p50' | 'p99' | 'max'; comparator: Comparator; count: number }
  | { kind: 'ok' };

export interface Threshold {
  /** The key as written: "checkout", "lag.graph", "visible.analytics", "errors". */
  key: string;
  /** The expression as written: "p99 < 250ms". */
  expression: string;
  /** The one layout it applies to, or null for every layout. */
  layout: string | null;
  metric: ThresholdMetric;
  condition: ThresholdCondition;
  /** Where it is written in the scenario file: ['thresholds', 'checkout', 0]. */
  path: Array<string | number>;
}

export function compare(value: number, comparator: Comparator, limit: number): boolean {
  switch (comparator) {
    case '<':
      return value < limit;
    case '<=':
      return value <= limit;
    case '>':
      return value > limit;
    case '>=':
      return value >= limit;
  }
}

/** "checkout{layout:polyglot}" for a layout-scoped threshold, the key alone otherwise. */
export function thresholdName(threshold: Pick<Threshold, 'key' | 'layout'>): string {
  return threshold.layout === null ? threshold.key : `${threshold.key}{layout:${threshold.layout}}`;
}
