// Consistency lag merged across shards: apply and visible lag through their histograms, t-visibility from the
// shards' counts, the probe-gap p99 as an upper bound (docs/measurements.md, "Shards and merge").
import type { LagStats, LayoutResult, TVisibility } from '../metrics/types.js';
import { groups, sum } from './group-sum.js';
import { mergeSummaries } from './merge-summaries.js';

/**
 * t-visibility over all shards' probed writes: a share known in every shard is k/sampled there, so the union's
 * is Σk / Σsampled, exact; where some shard only bounds it, the union is bounded too and stays unknown.
 */
function mergeTVisibility(parts: readonly LagStats[]): TVisibility[] {
  const sampled = sum(parts, (p) => p.sampled);
  const thresholds = parts[0]!.tVisibility.map((t) => t.withinMs);
  return thresholds.map((withinMs) => {
    const rows = parts.map((p) => ({
      sampled: p.sampled,
      row: p.tVisibility.find((t) => t.withinMs === withinMs),
    }));
    if (sampled === 0 || rows.some((r) => !r.row)) return { withinMs, fraction: null };
    const exact = rows.every((r) => r.row!.fraction !== null);
    const count = (value: (t: TVisibility) => number | undefined) =>
      sum(rows, (r) => Math.round((value(r.row!) ?? 0) * r.sampled));
    if (exact) return { withinMs, fraction: count((t) => t.fraction ?? undefined) / sampled };
    return {
      withinMs,
      fraction: null,
      atLeast: count((t) => t.fraction ?? t.atLeast) / sampled,
      atMost: count((t) => t.fraction ?? t.atMost) / sampled,
    };
  });
}

function mergeLagOf(parts: readonly LagStats[]): LagStats {
  const first = parts[0]!;
  const gaps = parts.map((p) => p.probeGapP99Us).filter((g): g is number => g !== null);
  return {
    ...first,
    apply: mergeSummaries(parts.map((p) => p.apply)),
    appliedBeforeCommitAck: sum(parts, (p) => p.appliedBeforeCommitAck),
    visible: mergeSummaries(parts.map((p) => p.visible)),
    // The p99 of a union lies between its parts' p99s: the largest is an upper bound.
    probeGapP99Us: gaps.length > 0 ? Math.max(...gaps) : null,
    sampled: sum(parts, (p) => p.sampled),
    neverVisible: sum(parts, (p) => p.neverVisible),
    tVisibility: mergeTVisibility(parts),
  };
}

/** One lag entry per (source, target, mechanism) any shard measured. */
export function mergeLag(present: readonly LayoutResult[]): LagStats[] {
  return groups(
    present.flatMap((p) => p.lag),
    (l) => `${l.source}\u0000${l.target}\u0000${l.mechanism}`,
  ).map(mergeLagOf);
}
