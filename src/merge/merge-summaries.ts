// Latency summaries merged the only exact way: their HdrHistograms decoded, added and summarised again, so the
// merged percentiles are the union's own at the histograms' precision (docs/measurements.md, "Shards and merge").
import { LatencyHistogram, summarize } from '../metrics/histogram.js';
import type { LatencySummary } from '../metrics/types.js';

/** Adds latency summaries through their histograms; null when none had values. */
export function mergeSummaries(
  summaries: ReadonlyArray<LatencySummary | null | undefined>,
): LatencySummary | null {
  const present = summaries.filter((s): s is LatencySummary => !!s && s.count > 0);
  if (present.length === 0) return null;
  const total = LatencyHistogram.decode(present[0]!.hdr);
  try {
    for (const summary of present.slice(1)) {
      const part = LatencyHistogram.decode(summary.hdr);
      try {
        total.merge(part);
      } finally {
        part.destroy();
      }
    }
    const merged = summarize(total);
    if (!merged) return null;
    // The out-of-range counts travel beside the histogram, not in it: add them from the summaries.
    const outOfRange = { belowMin: 0, aboveMax: 0, invalid: 0 };
    for (const summary of present) {
      outOfRange.belowMin += summary.outOfRange?.belowMin ?? 0;
      outOfRange.aboveMax += summary.outOfRange?.aboveMax ?? 0;
      outOfRange.invalid += summary.outOfRange?.invalid ?? 0;
    }
    delete merged.outOfRange;
    if (outOfRange.belowMin + outOfRange.aboveMax + outOfRange.invalid > 0) merged.outOfRange = outOfRange;
    return merged;
  } finally {
    total.destroy();
  }
}
