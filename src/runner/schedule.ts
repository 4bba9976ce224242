// The open model's arrival schedule as data (wrk2): every arrival's intended start, computed from the
// scenario and seed alone, so every layout receives exactly the same arrivals at the same offsets.
import { Random, deriveSeed } from '../data/random.js';
import type { OpenLoad, OpenPhase } from '../scenario/types.js';

export interface ArrivalSchedule {
  /** Intended start of each arrival, µs from the run's start, ascending. */
  intendedUs: Float64Array;
  /** Arrivals before this offset belong to the warm-up and are not measured. */
  measureStartUs: number;
  /** End of the last phase, µs from the run's start. */
  endUs: number;
  /** Phase boundaries, for progress display: [name, startUs]. */
  phases: Array<{ name: string; startUs: number }>;
}

/**
 * Arrivals of one phase whose rate ramps linearly from r0 to r1 over T seconds. The cumulative count is
 * N(t) = r0·t + (r1 − r0)·t² / 2T; an arrival whose cumulative target is k starts at N⁻¹(k). Uniform
 * arrivals use targets 0, 1, 2, … (evenly spaced at constant rate); Poisson arrivals use a running sum of
 * unit exponentials (time-rescaling of a non-homogeneous Poisson process).
 */
function* phaseArrivals(phase: OpenPhase, rng: Random | null, offsetUs: number): Generator<number> {
  const seconds = phase.durationMs / 1000;
  const r0 = phase.arrivalRate;
  const r1 = phase.rampTo;
  const total = ((r0 + r1) / 2) * seconds;
  const slope = (r1 - r0) / seconds;
  let target = rng ? rng.exponential(1) : 0;
  while (target < total) {
    yield offsetUs + inverseCumulative(target, r0, slope) * 1e6;
    target += rng ? rng.exponential(1) : 1;
  }
}

/** Solves r0·t + slope·t²/2 = k for t ≥ 0. */
function inverseCumulative(k: number, r0: number, slope: number): number {
  if (k <= 0) return 0;
  if (Math.abs(slope) < 1e-12) return k / r0;
  // Numerically stable root of (slope/2)t² + r0·t − k = 0.
  return (2 * k) / (r0 + Math.sqrt(r0 * r0 + 2 * slope * k));
}

/** The schedule without its arrivals held: they are generated one at a time, in order, on each iteration. */
export interface LazyArrivalSchedule extends Omit<ArrivalSchedule, 'intendedUs'> {
  /** Every arrival's intended start, ascending, identical on every call (a fresh stream from the seed). */
  arrivals(): Iterable<number>;
}

/**
 * The open model's schedule as a stream (flat memory however long the run: an hour at 10,000/s is 36 M starts).
 * The same draws in the same order as buildOpenSchedule, so the same arrivals.
 */
export function openSchedule(load: OpenLoad, warmupMs: number, seed: number): LazyArrivalSchedule {
  const phases: ArrivalSchedule['phases'] = [];
  const first = load.phases[0];
  const warmup = first && warmupMs > 0 ? first : null;
  let offsetUs = 0;
  if (warmup) {
    phases.push({ name: 'warm-up', startUs: 0 });
    offsetUs = warmupMs * 1000;
  }
  const measureStartUs = offsetUs;
  const starts: number[] = [];
  load.phases.forEach((phase, index) => {
    phases.push({ name: phase.name ?? `phase ${index + 1}`, startUs: offsetUs });
    starts.push(offsetUs);
    offsetUs += phase.durationMs * 1000;
  });
  function* arrivals(): Generator<number> {
    const rng = load.arrivals === 'poisson' ? new Random(deriveSeed(seed, 'arrivals')) : null;
    if (warmup) {
      const rate = warmup.arrivalRate;
      yield* phaseArrivals(
        { name: 'warm-up', durationMs: warmupMs, arrivalRate: rate, rampTo: rate },
        rng,
        0,
      );
    }
    for (const [index, phase] of load.phases.entries()) {
      if (phase.arrivalRate > 0 || phase.rampTo > 0) yield* phaseArrivals(phase, rng, starts[index]!);
    }
  }
  return { arrivals, measureStartUs, endUs: offsetUs, phases };
}

/** The whole schedule in one array (simulate, selftest, tests): the lazy schedule's arrivals, collected. */
export function buildOpenSchedule(load: OpenLoad, warmupMs: number, seed: number): ArrivalSchedule {
  const { arrivals, ...shape } = openSchedule(load, warmupMs, seed);
  return { intendedUs: Float64Array.from(arrivals()), ...shape };
}

/** Analysts query on a fixed cadence from the start of measurement, independent of shopper load. */
export function buildCadence(everyMs: number, startUs: number, endUs: number): Float64Array {
  const times: number[] = [];
  for (let t = startUs; t < endUs; t += everyMs * 1000) times.push(t);
  return Float64Array.from(times);
}
