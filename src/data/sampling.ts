// Sampling helpers shared by the generators: a seeded ranking of ids, and drawing several distinct items from a
// skewed distribution (a user's likes, an order's lines, whom a user follows) at a bounded cost.
import type { Random } from './random.js';

/** Fresh draws tried on a collision before falling back to probing; enough to keep the skew's shape. */
const REDRAWS = 8;

/**
 * `count` distinct values in 0..n-1 (never `excluded`), each from `draw`. On a collision it redraws a few times,
 * then walks upward from the last draw (wrapping) to the next free value: with Zipf ranks that is the next one down
 * the popularity list, and it keeps the cost bounded even when count approaches n or the skew is extreme.
 * `count` is clamped to the values available.
 */
export function drawDistinct(
  count: number,
  n: number,
  draw: () => number,
  excluded: number | null = null,
): number[] {
  const available = n - (excluded !== null && excluded >= 0 && excluded < n ? 1 : 0);
  const wanted = Math.max(0, Math.min(count, available));
  const taken = new Set<number>();
  if (excluded !== null) taken.add(excluded);
  const values: number[] = [];
  while (values.length < wanted) {
    let value = draw();
    for (let retry = 0; taken.has(value) && retry < REDRAWS; retry++) value = draw();
    while (taken.has(value)) value = value + 1 === n ? 0 : value + 1;
    taken.add(value);
    values.push(value);
  }
  return values;
}

/** Ids 1..count in a seeded order, so rank 0 (the most famous user, the most frequent buyer) is not simply id 1. */
export function shuffledIds(count: number, rng: Random): number[] {
  return rng.shuffle(Array.from({ length: count }, (_, index) => index + 1));
}
