// Service-level objectives for capacity: "checkout p99 < 250ms" (several joined by commas, all must hold), judged
// on a layout's figures with the two conditions a sustained rate also needs: no arrival dropped at the in-flight
// cap, and no backlog left growing — the relay drained within a second of the journeys ending, and no journey
// abandoned at the deadline.
import { UserError } from '../errors.js';
import type { LatencySummary, LayoutResult } from '../metrics/types.js';
import { durationToMs } from '../scenario/duration.js';

type Percentile = 'p50' | 'p90' | 'p95' | 'p99' | 'p999' | 'max';

export interface Objective {
  operation: string;
  percentile: Percentile;
  limitUs: number;
  text: string;
}

/** A relay still busy this long after the journeys ended was falling behind. */
export const MAX_DRAIN_MS = 1000;

export function parseSlo(text: string): Objective[] {
  return text.split(',').map((part) => {
    const match = /^\s*([a-z-]+)\s+(p50|p90|p95|p99|p999|max)\s*<\s*(\S+)\s*$/.exec(part);
    const ms = match ? durationToMs(match[3]!) : null;
    if (!match || ms === null || ms <= 0)
      throw new UserError(
        `--slo "${part.trim()}": expected "<operation> <p50|p90|p95|p99|p999|max> < <duration>", e.g. "checkout p99 < 250ms"`,
      );
    return {
      operation: match[1]!,
      percentile: match[2] as Percentile,
      limitUs: ms * 1000,
      text: part.trim(),
    };
  });
}

export interface Judgement {
  pass: boolean;
  /** Why not, or the figure that passed: "checkout p99 212 ms". */
  reason: string;
  /** The first objective's figure (µs), for the tables. */
  figureUs: number | null;
}

function figure(summary: LatencySummary | null, percentile: Percentile): number | null {
  return summary ? summary[percentile] : null;
}

export function judge(layout: LayoutResult, objectives: readonly Objective[]): Judgement {
  let first: number | null = null;
  for (const objective of objectives) {
    const op = layout.operations.find((o) => o.name === objective.operation);
    if (!op || op.count === 0)
      return { pass: false, reason: `no ${objective.operation} measured`, figureUs: null };
    const value = figure(op.response ?? op.service, objective.percentile);
    first ??= value;
    if (value === null || value >= objective.limitUs)
      return {
        pass: false,
        reason: `${objective.operation} ${objective.percentile} ${((value ?? 0) / 1000).toFixed(1)} ms`,
        figureUs: first,
      };
  }
  const dropped = layout.schedule?.dropped ?? 0;
  if (dropped > 0) return { pass: false, reason: `${dropped} arrivals dropped`, figureUs: first };
  if (layout.abandonedJourneys > 0)
    return { pass: false, reason: `${layout.abandonedJourneys} journeys abandoned`, figureUs: first };
  if (!layout.invariants.drained || layout.invariants.drainMs > MAX_DRAIN_MS)
    return {
      pass: false,
      reason: `backlog: relay drained in ${(layout.invariants.drainMs / 1000).toFixed(1)} s`,
      figureUs: first,
    };
  return { pass: true, reason: 'within the SLO', figureUs: first };
}
