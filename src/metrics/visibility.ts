// t-visibility (DESIGN.md §5, after PBS): the fraction of probed writes a reader of the derived store could
// see within t of the source commit being acknowledged.
import type { TVisibility } from './types.js';

export const T_VISIBILITY_THRESHOLDS_MS: readonly number[] = [1, 10, 100, 1000, 10000];

/**
 * visibleLagsUs: visible lag of each probed write that was seen; sampled: all probed writes, including those
 * never seen before the probe timeout — they count as not visible at any t, so the fraction is over sampled,
 * never over the seen ones only. A lag equal to t counts as within t; a negative lag (seen before the commit
 * ack reached the writer) counts as within every t. Returns [] when nothing was sampled: no fraction exists.
 */
export function tVisibility(
  visibleLagsUs: readonly number[],
  sampled: number,
  thresholdsMs: readonly number[] = T_VISIBILITY_THRESHOLDS_MS,
): TVisibility[] {
  if (visibleLagsUs.length > sampled) {
    throw new RangeError(`${visibleLagsUs.length} writes seen but only ${sampled} sampled`);
  }
  if (sampled === 0) return [];
  return thresholdsMs.map((withinMs) => {
    const limitUs = withinMs * 1000;
    let within = 0;
    for (const lag of visibleLagsUs) if (lag <= limitUs) within += 1;
    return { withinMs, fraction: within / sampled };
  });
}
