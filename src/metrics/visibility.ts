// t-visibility (docs/measurements.md, after PBS): the fraction of probed writes a reader of the derived store
// could see within t of the source commit being acknowledged. A write a probe never saw is censored where
// probing stopped (the probe timeout, or Ctrl-C): it was not visible up to that instant, and what came after was
// never observed. So for t beyond a censoring point the fraction is unknown — bounded, never a guessed number.
import type { TVisibility } from './types.js';

export const T_VISIBILITY_THRESHOLDS_MS: readonly number[] = [1, 10, 100, 1000, 10000];

/**
 * visibleLagsUs: visible lag of each probed write that was seen; censoredLagsUs: for each probed write never
 * seen, how long after its commit ack the last read still missed it. A lag equal to t counts as within t; a
 * negative lag (seen before the commit ack reached the writer) counts as within every t. A censored write is
 * "not visible within t" for t up to its censoring point and unknown beyond it. Returns [] when nothing was
 * sampled: no fraction exists.
 */
export function tVisibility(
  visibleLagsUs: readonly number[],
  censoredLagsUs: readonly number[],
  thresholdsMs: readonly number[] = T_VISIBILITY_THRESHOLDS_MS,
): TVisibility[] {
  const sampled = visibleLagsUs.length + censoredLagsUs.length;
  if (sampled === 0) return [];
  return thresholdsMs.map((withinMs) => {
    const limitUs = withinMs * 1000;
    let within = 0;
    for (const lag of visibleLagsUs) if (lag <= limitUs) within += 1;
    let unknown = 0;
    for (const censoredUs of censoredLagsUs) if (censoredUs < limitUs) unknown += 1;
    if (unknown === 0) return { withinMs, fraction: within / sampled };
    return {
      withinMs,
      fraction: null,
      atLeast: within / sampled,
      atMost: (within + unknown) / sampled,
    };
  });
}
