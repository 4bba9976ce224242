// The verdict a run's report carries: every threshold judged per layout. Plain data, like the rest of the Report
// (src/metrics/types.ts); renderers only format it.

/**
 * What the report says about the figure a threshold reads. An exact figure has atLeast === atMost; a figure only
 * bounded (t-visibility beyond a censored write, docs/measurements.md "Consistency lag"; visible-lag percentiles
 * over seen writes while some were never seen) has atLeast < atMost (atMost may be null: no upper bound).
 */
export interface ObservedFigure {
  unit: 'us' | 'fraction' | 'count' | 'ok';
  atLeast: number;
  atMost: number | null;
  /** For a share: the counts it is made of (errors of operations, missed of reads, dropped of arrivals). */
  parts?: { count: number; of: number };
  /** Why the figure is only bounded, or what it stands for ("one transaction: no apply lag"). */
  note?: string;
}

export interface ThresholdOutcome {
  /** The key and expression as written in the scenario: "checkout", "p99 < 250ms". */
  key: string;
  expression: string;
  /** The layout judged. */
  layout: string;
  /** The threshold applied to this layout only (a layout block or {layout:…}), not to every layout. */
  scoped: boolean;
  /**
   * pass: the figure meets the threshold; fail: it does not; unknown: the report cannot tell (no data for it, or
   * bounds on both sides of the limit). Unknown fails the run: a threshold never passes without evidence.
   */
  status: 'pass' | 'fail' | 'unknown';
  /** null when the report has no figure at all (then `why` says what is missing). */
  observed: ObservedFigure | null;
  why?: string;
  /** Added by the tool, not written in the scenario: failed invariants fail a run (issue 14; k6, pgbench). */
  implicit?: boolean;
}

export interface Verdict {
  /** Every outcome passed. */
  ok: boolean;
  outcomes: ThresholdOutcome[];
  /** Outcomes that did not pass (fail or unknown). */
  failed: number;
  /** The scenario set no invariants threshold, so the tool judged `invariants: ok` on its own. */
  implicitInvariants: boolean;
  /** The scenario set no thresholds at all. */
  scenarioThresholds: number;
}
