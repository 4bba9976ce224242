// What a known stall does to response time, worked out by hand (docs/measurements.md, "Load models"). Every
// period T the process stops for D (a synchronous pause: nothing runs, timers included). An arrival intended
// at u ∈ [0, D) into the pause can only start when it ends, so its response time is D − u (plus its tiny
// service time); every other arrival is unaffected. Arrivals are evenly spaced, so a share D/T of them is
// delayed, uniformly between 0 and D: the response-time quantile q, for q above 1 − D/T, is D − (1 − q)·T.
// Service time (from the actual start) sees the pause only in the one call that makes it.
export interface StallPattern {
  /** How long each pause lasts, µs. */
  pauseUs: number;
  /** One pause every this long, µs. */
  everyUs: number;
}

/** The expected response-time percentile p (0–100) under the pattern; null where it is only the service time. */
export function expectedResponseUs(pattern: StallPattern, p: number): number | null {
  const q = p / 100;
  const value = pattern.pauseUs - (1 - q) * pattern.everyUs;
  // Below a microsecond the quantile is the service time, not the pause (and floating point leaves dust).
  return value >= 1 ? value : null;
}

/**
 * The percentiles a selftest checks: those the pause decides, well above the service time. Not p99.9: there the
 * expected value is within 0.1 % of a period of the pause's own length, so the few milliseconds the process needs
 * to wake up after any pause (timers, the scheduler on a shared machine) are all that is measured.
 */
export function checkedPercentiles(pattern: StallPattern): number[] {
  return [90, 95, 99].filter((p) => (expectedResponseUs(pattern, p) ?? 0) >= pattern.pauseUs / 4);
}
