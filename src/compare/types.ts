// What `compare` computes from several reports, as plain data for its renderers (terminal and Markdown).

export interface RunInfo {
  /** "A", "B", … in the order given. */
  label: string;
  file: string;
  scenario: string;
  seed: number;
  createdAt: string;
}

/** One figure in each run (null where a run lacks it), and per later run its change against the first. */
export interface ComparedFigure {
  values: Array<number | null>;
  /** (run − first) ÷ first, per run after the first; null where either is missing or the first is 0. */
  deltas: Array<number | null>;
  /** Per run after the first: beyond the runs' noise (true), within it (false), or not judged (null). */
  beyondNoise: Array<boolean | null>;
}

export interface OperationComparison {
  layout: string;
  operation: string;
  p50: ComparedFigure;
  p99: ComparedFigure;
}

export interface LagComparison {
  layout: string;
  /** The derived role, e.g. "graph" (engines may differ between runs). */
  role: string;
  applyP99: ComparedFigure;
  visibleP99: ComparedFigure;
}

export interface RunsComparison {
  runs: RunInfo[];
  /** One line each: what differs between the runs (scenario, seed, settings, machine, tool). */
  warnings: string[];
  operations: OperationComparison[];
  lag: LagComparison[];
  /** How "beyond noise" was decided (src/compare/noise.ts). */
  noiseMethod: string;
}
