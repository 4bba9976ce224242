// Is a difference between two runs larger than the runs' own noise? (docs/measurements.md, "Comparing runs".)
// Each run's per-second series gives one p50 and one p99 per second of the window; a seeded bootstrap over those
// seconds estimates how much the run's typical second varies. The difference is beyond noise when the 95%
// interval of (median second of B − median second of A) excludes 0 and agrees in sign with the whole-run delta.
import { Random } from '../data/random.js';

export const BOOTSTRAP_RESAMPLES = 2000;
/** Fewer seconds than this in either run and no judgement is made (the interval would be meaningless). */
export const MIN_SECONDS = 5;
const BOOTSTRAP_SEED = 20_241_124;

export const NOISE_METHOD =
  `beyond noise = a bootstrap over seconds (${BOOTSTRAP_RESAMPLES} seeded resamples of each run's per-second ` +
  `p50/p99) puts the 95% interval of the difference of their medians wholly on the side of the delta; ` +
  `needs ≥ ${MIN_SECONDS} seconds with completions in both runs`;

function median(sorted: readonly number[]): number {
  const mid = sorted.length / 2;
  return Number.isInteger(mid)
    ? ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2
    : (sorted[Math.floor(mid)] ?? 0);
}

function resampledMedian(values: readonly number[], random: Random): number {
  const sample = Array.from({ length: values.length }, () => values[random.int(0, values.length - 1)] ?? 0);
  return median(sample.sort((a, b) => a - b));
}

function quantile(sorted: readonly number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.round(q * (sorted.length - 1))))] ?? 0;
}

/** The 95% bootstrap interval of median(b) − median(a), or null when either has too few seconds. */
export function differenceInterval(
  a: readonly number[],
  b: readonly number[],
): { low: number; high: number } | null {
  if (a.length < MIN_SECONDS || b.length < MIN_SECONDS) return null;
  // One fixed seed: the same two reports always get the same answer.
  const random = new Random(BOOTSTRAP_SEED);
  const differences: number[] = [];
  for (let i = 0; i < BOOTSTRAP_RESAMPLES; i += 1)
    differences.push(resampledMedian(b, random) - resampledMedian(a, random));
  differences.sort((x, y) => x - y);
  return { low: quantile(differences, 0.025), high: quantile(differences, 0.975) };
}

/** true/false: beyond noise or not; null: not enough seconds to tell. */
export function beyondNoise(
  a: readonly number[],
  b: readonly number[],
  delta: number | null,
): boolean | null {
  const interval = differenceInterval(a, b);
  if (interval === null || delta === null) return null;
  if (delta > 0) return interval.low > 0;
  if (delta < 0) return interval.high < 0;
  return false;
}
