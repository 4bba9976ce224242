// Zipf's law over ranks: rank k (0-based) is drawn with probability proportional to 1 / (k + 1)^exponent.
// Real shops look like this — a few products, users and buyers take most of the traffic — and the skew is what
// makes hot rows contend. The CDF is computed once so each sample is one uniform draw plus a binary search
// (about 20 comparisons for a million ranks).
import type { Random } from './random.js';

export class Zipf {
  readonly n: number;
  readonly exponent: number;
  /** cumulative[k] = P(rank <= k); null when the exponent is 0 (uniform: no table needed). */
  private readonly cumulative: Float64Array | null;
  /** Sum of the unnormalised weights: the generalised harmonic number H(n, exponent). */
  private readonly harmonic: number;

  constructor(n: number, exponent: number) {
    if (!Number.isInteger(n) || n < 1) throw new RangeError(`Zipf: n must be an integer >= 1, got ${n}`);
    if (!Number.isFinite(exponent) || exponent < 0) {
      throw new RangeError(`Zipf: exponent must be a finite number >= 0, got ${exponent}`);
    }
    this.n = n;
    this.exponent = exponent;
    if (exponent === 0) {
      this.cumulative = null;
      this.harmonic = n;
      return;
    }
    const cumulative = new Float64Array(n);
    let sum = 0;
    for (let k = 0; k < n; k++) {
      sum += (k + 1) ** -exponent;
      cumulative[k] = sum;
    }
    for (let k = 0; k < n; k++) cumulative[k] = cumulative[k]! / sum;
    // Exactly 1 at the top, so a uniform draw below 1 always lands on a rank despite rounding.
    cumulative[n - 1] = 1;
    this.cumulative = cumulative;
    this.harmonic = sum;
  }

  /** A rank in 0..n-1, 0 being the most popular. Consumes exactly one number from rng. */
  sample(rng: Random): number {
    const u = rng.next();
    const cumulative = this.cumulative;
    if (cumulative === null) return Math.floor(u * this.n);
    // The first rank whose cumulative probability exceeds u.
    let low = 0;
    let high = this.n - 1;
    while (low < high) {
      const mid = (low + high) >>> 1;
      if (u < cumulative[mid]!) high = mid;
      else low = mid + 1;
    }
    return low;
  }

  /** The theoretical probability of a rank (for tests and reports). */
  probability(rank: number): number {
    if (!Number.isInteger(rank) || rank < 0 || rank >= this.n) return 0;
    return (rank + 1) ** -this.exponent / this.harmonic;
  }
}
