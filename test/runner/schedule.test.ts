import { describe, expect, it } from 'vitest';
import { nowUs } from '../../src/metrics/clock.js';
import { sleepUntilUs } from '../../src/propagation/sleep.js';
import { buildOpenSchedule } from '../../src/runner/schedule.js';
import type { OpenLoad } from '../../src/scenario/types.js';

const load = (phases: OpenLoad['phases'], arrivals: OpenLoad['arrivals'] = 'uniform'): OpenLoad => ({
  model: 'open',
  phases,
  maxInFlight: 100,
  arrivals,
});

describe('open-model arrival schedule', () => {
  it('spaces a constant rate evenly and counts warm-up separately', () => {
    const s = buildOpenSchedule(
      load([{ name: null, durationMs: 2000, arrivalRate: 10, rampTo: 10 }]),
      1000,
      1,
    );
    expect(s.measureStartUs).toBe(1_000_000);
    expect(s.endUs).toBe(3_000_000);
    const warm = [...s.intendedUs].filter((t) => t < s.measureStartUs);
    const measured = [...s.intendedUs].filter((t) => t >= s.measureStartUs);
    expect(warm).toHaveLength(10);
    expect(measured).toHaveLength(20);
    expect(measured[1]! - measured[0]!).toBeCloseTo(100_000, 3);
  });

  it('ramps linearly: a 0→20/s ramp over 10 s has 100 arrivals, sparse early and dense late', () => {
    const s = buildOpenSchedule(
      load([{ name: 'ramp', durationMs: 10_000, arrivalRate: 0, rampTo: 20 }]),
      0,
      1,
    );
    const times = [...s.intendedUs];
    expect(times).toHaveLength(100);
    const firstHalf = times.filter((t) => t < 5_000_000).length;
    expect(firstHalf).toBe(25); // ∫0..5 of 2t dt = 25
    expect(times.every((t, i) => i === 0 || t >= times[i - 1]!)).toBe(true);
  });

  it('is the same for the same seed and differs for another (poisson)', () => {
    const phases = [{ name: null, durationMs: 5000, arrivalRate: 50, rampTo: 50 }];
    const a = buildOpenSchedule(load(phases, 'poisson'), 0, 7);
    const b = buildOpenSchedule(load(phases, 'poisson'), 0, 7);
    const c = buildOpenSchedule(load(phases, 'poisson'), 0, 8);
    expect([...a.intendedUs]).toEqual([...b.intendedUs]);
    expect([...a.intendedUs]).not.toEqual([...c.intendedUs]);
    // 250 expected; a Poisson count stays well within ±25% at this size.
    expect(a.intendedUs.length).toBeGreaterThan(185);
    expect(a.intendedUs.length).toBeLessThan(315);
  });
});

describe('sleepUntilUs', () => {
  it('never resolves before its target on the monotonic clock', async () => {
    for (let i = 0; i < 50; i++) {
      const target = nowUs() + (i % 7) * 700 + 300;
      await sleepUntilUs(target);
      expect(nowUs()).toBeGreaterThanOrEqual(target);
    }
  });
});
