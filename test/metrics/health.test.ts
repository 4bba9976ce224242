import { describe, expect, it } from 'vitest';
import { delayMs, startHealthMonitor } from '../../src/metrics/health.js';

function busyWork(): number {
  let x = 0;
  for (let i = 0; i < 5_000_000; i += 1) x += Math.sqrt(i);
  return x;
}

describe('startHealthMonitor', () => {
  it('reports event-loop delay in ms and CPU as percent of one core, never NaN', () => {
    const monitor = startHealthMonitor();
    busyWork();
    const stats = monitor.stop();
    const values = [stats.eventLoopDelayMs.mean, stats.eventLoopDelayMs.p99, stats.eventLoopDelayMs.max];
    for (const value of [...values, stats.cpuPercent]) {
      expect(Number.isFinite(value)).toBe(true);
      expect(value).toBeGreaterThanOrEqual(0);
    }
    // Busy work on this thread is the tool's own CPU.
    expect(stats.cpuPercent).toBeGreaterThan(0);
    // ms, not ns: even a stalled loop in a test is nowhere near 10^6.
    expect(stats.eventLoopDelayMs.max).toBeLessThan(60_000);
  });

  it('returns the same figures when stopped twice', () => {
    const monitor = startHealthMonitor();
    const first = monitor.stop();
    busyWork();
    expect(monitor.stop()).toBe(first);
  });
});

describe('delayMs', () => {
  it('converts ns to ms and removes the 10 ms sampling interval each sample includes', () => {
    expect(delayMs(10_000_000)).toBe(0);
    expect(delayMs(12_500_000)).toBeCloseTo(2.5, 9);
    expect(delayMs(1_010_000_000)).toBeCloseTo(1000, 9);
  });

  it('never reports a negative or NaN delay', () => {
    expect(delayMs(9_900_000)).toBe(0);
    expect(delayMs(Number.NaN)).toBe(0);
  });
});
