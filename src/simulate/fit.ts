// Calibration fit. A measured store call's latency already holds the wait in its lane (PGlite's one-at-a-time
// queue, a pool's wait for a connection), and the model adds that wait itself; so on each lane with a finite
// number of servers every sampled service time is scaled by one factor, chosen so that the re-simulated
// calibration run's mean call latency on the lane (wait + service) equals the measured mean. Calls that run
// inline (no wait in their measured latency) keep their service times. Then the schedule lag (the wait for the
// tool's thread) the lanes do not explain is given to stalls of that thread, whose rate is fitted so the mean
// schedule lag equals the measured one. Each factor is bisected in log space. (Fitting the tool's time per job to
// the measured process CPU as well was tried: on the PGlite baseline it fights the lane's own factor, both
// acting on one lane, and diverges.)
import type { LayoutResult, StoreCallStats } from '../metrics/types.js';
import type { Scenario } from '../scenario/types.js';
import type { KindSpec, LayoutSpec } from './model.js';
import { simulateLayout, type SimulatedLayout } from './simulate-layout.js';

const ROUNDS = 14;
const CLOSE_ENOUGH = 0.02;

export interface LaneFit {
  /** A lane id, or "host stalls" (scale = stalls per second). */
  lane: string;
  servers: number;
  scale: number;
  measuredMeanUs: number;
  simulatedMeanUs: number;
}

interface Knob {
  name: string;
  servers: number;
  target: number;
  /** log-space bracket and current value. */
  low: number;
  high: number;
  value: number;
  set(value: number): void;
  simulated(run: SimulatedLayout): number;
}

function measuredStats(layout: LayoutResult, kind: KindSpec): StoreCallStats | undefined {
  const same = (c: StoreCallStats) =>
    c.store === kind.store && c.role === kind.role && c.method === kind.method;
  if (kind.source === 'operation') return layout.storeCalls.find(same);
  return layout.backgroundCalls.find((c) => same(c) && c.source === kind.source && c.phase === 'window');
}

function laneKnob(spec: LayoutSpec, lane: number): Knob | null {
  const kinds = spec.kinds.flatMap((kind, k) => {
    const stats = kind.lane === lane && !kind.inline ? measuredStats(spec.calibration, kind) : undefined;
    return stats ? [{ kind, k, stats }] : [];
  });
  const count = kinds.reduce((sum, { stats }) => sum + stats.count, 0);
  if (count === 0) return null;
  const target = kinds.reduce((sum, { stats }) => sum + stats.latency.mean * stats.count, 0) / count;
  return {
    name: spec.lanes[lane]!.id,
    servers: spec.lanes[lane]!.servers,
    target,
    low: Math.log(0.01),
    high: 0,
    value: 1,
    set(value) {
      for (const { kind } of kinds) kind.dist.scale = value;
    },
    simulated(run) {
      let sum = 0;
      let n = 0;
      for (const { k } of kinds) {
        if (!(run.kindCounts[k]! > 0)) continue;
        sum += run.kindMeanUs[k]! * run.kindCounts[k]!;
        n += run.kindCounts[k]!;
      }
      return n > 0 ? sum / n : NaN;
    },
  };
}

/**
 * Stall length from the schedule lag the model does not explain: a Poisson observer of exponential stalls with
 * busy share ρ and mean m waits ρ·m on average and past m·ln(100ρ) one time in a hundred; with the residual mean
 * and the measured p99 that gives m (bisected) and ρ.
 */
function stallLength(residualMeanUs: number, p99Us: number): number | null {
  if (!(residualMeanUs > 0) || !(p99Us > residualMeanUs)) return null;
  let low = residualMeanUs * 1.0001;
  let high = p99Us;
  const f = (m: number) => m * Math.log((100 * residualMeanUs) / m) - p99Us;
  if (f(low) > 0 || f(high) < 0) {
    // p99 beyond what exponential stalls give: take the longest stalls consistent with the mean.
    return Math.min(high, Math.max(low, p99Us / Math.log(100)));
  }
  for (let i = 0; i < 50; i++) {
    const mid = (low + high) / 2;
    if (f(mid) < 0) low = mid;
    else high = mid;
  }
  return (low + high) / 2;
}

function stallKnob(spec: LayoutSpec, run: SimulatedLayout): Knob | null {
  const measured = spec.calibration.schedule?.lag;
  if (!measured) return null;
  const meanUs = stallLength(measured.mean - run.scheduleLagMeanUs, measured.p99);
  if (meanUs === null) return null;
  const rho = Math.min(0.9, (measured.mean - run.scheduleLagMeanUs) / meanUs);
  spec.hostStalls = { ratePerS: (rho / meanUs) * 1e6, meanUs };
  return {
    name: 'host stalls',
    servers: 1,
    target: measured.mean,
    low: Math.log(spec.hostStalls.ratePerS / 20),
    high: Math.log(spec.hostStalls.ratePerS * 5),
    value: spec.hostStalls.ratePerS,
    set(value) {
      spec.hostStalls.ratePerS = value;
    },
    simulated: (sim) => sim.scheduleLagMeanUs,
  };
}

/** Fits spec's factors in place on its calibration run; returns the last re-simulation and the fits. */
export function fitLayout(spec: LayoutSpec, scenario: Scenario): { run: SimulatedLayout; fits: LaneFit[] } {
  const knobs: Knob[] = [];
  spec.lanes.forEach((lane, index) => {
    const knob = Number.isFinite(lane.servers) ? laneKnob(spec, index) : null;
    if (knob) knobs.push(knob);
  });
  let run = simulateLayout(spec, scenario);
  let stalls: Knob | null = null;
  for (let round = 0; round < ROUNDS; round++) {
    // Once the lanes are fitted, what schedule lag is left unexplained is the thread's stalls.
    if (round === ROUNDS / 2 && !stalls) {
      stalls = stallKnob(spec, run);
      if (stalls) {
        knobs.push(stalls);
        run = simulateLayout(spec, scenario);
      }
    }
    let moved = false;
    for (const knob of knobs) {
      const simulated = knob.simulated(run);
      if (!(knob.target > 0) || !(simulated > 0) || Math.abs(simulated / knob.target - 1) < CLOSE_ENOUGH)
        continue;
      const log = Math.log(knob.value);
      // A lane at scale 1 still faster than measured cannot be helped (its wait is elsewhere): leave it.
      if (simulated < knob.target && log >= knob.high) continue;
      if (simulated > knob.target) knob.high = log;
      else knob.low = log;
      knob.value = Math.exp((knob.low + knob.high) / 2);
      knob.set(knob.value);
      moved = true;
    }
    if (!moved) {
      if (stalls || round >= ROUNDS / 2) break;
      round = ROUNDS / 2 - 1;
      continue;
    }
    run = simulateLayout(spec, scenario);
  }
  return {
    run,
    fits: knobs.map((knob) => ({
      lane: knob.name,
      servers: knob.servers,
      scale: knob.value,
      measuredMeanUs: knob.target,
      simulatedMeanUs: knob.simulated(run),
    })),
  };
}
