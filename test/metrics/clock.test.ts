import { describe, expect, it } from 'vitest';
import { nowUs } from '../../src/metrics/clock.js';

describe('nowUs', () => {
  it('reads process.hrtime in microseconds', () => {
    const beforeNs = process.hrtime.bigint();
    const us = nowUs();
    const afterNs = process.hrtime.bigint();
    // Same clock, so the reading lies between two hrtime readings (1 ns slack for float rounding).
    expect(us * 1000).toBeGreaterThanOrEqual(Number(beforeNs) - 1);
    expect(us * 1000).toBeLessThanOrEqual(Number(afterNs) + 1);
  });

  it('never goes backwards', () => {
    let previous = nowUs();
    for (let i = 0; i < 10_000; i += 1) {
      const current = nowUs();
      expect(current).toBeGreaterThanOrEqual(previous);
      previous = current;
    }
  });
});
