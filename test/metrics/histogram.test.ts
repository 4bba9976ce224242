import { beforeAll, describe, expect, it } from 'vitest';
import {
  HIGHEST_US,
  HistogramSet,
  initHistograms,
  LatencyHistogram,
  summarize,
} from '../../src/metrics/histogram.js';

/** HdrHistogram with 3 significant digits keeps every value within 0.1% of itself. */
const PRECISION = 0.001;

function expectClose(actual: number, expected: number): void {
  expect(Math.abs(actual - expected)).toBeLessThanOrEqual(expected * PRECISION);
}

function withHistograms(count: number, body: (...h: LatencyHistogram[]) => void): void {
  const set = new HistogramSet();
  try {
    body(...Array.from({ length: count }, (_, i) => set.get(String(i))));
  } finally {
    set.destroy();
  }
}

beforeAll(async () => {
  await initHistograms();
});

describe('initHistograms', () => {
  it('loads once: later calls return the same promise', () => {
    expect(initHistograms()).toBe(initHistograms());
  });
});

describe('LatencyHistogram', () => {
  it('reports percentiles of a known distribution within 3 significant digits', () => {
    withHistograms(1, (h) => {
      // 1..100,000 µs once each: the p-th percentile is p × 1,000 µs.
      for (let us = 1; us <= 100_000; us += 1) h.record(us);
      const s = h.summary();
      expect(s.count).toBe(100_000);
      expect(s.min).toBe(1);
      expectClose(s.max, 100_000);
      expectClose(s.mean, 50_000.5);
      expectClose(s.p50, 50_000);
      expectClose(s.p90, 90_000);
      expectClose(s.p95, 95_000);
      expectClose(s.p99, 99_000);
      expectClose(s.p999, 99_900);
    });
  });

  it('reports a skewed distribution: the tail, not the mean', () => {
    withHistograms(1, (h) => {
      for (let i = 0; i < 990; i += 1) h.record(1_000);
      for (let i = 0; i < 10; i += 1) h.record(250_000);
      const s = h.summary();
      expectClose(s.p50, 1_000);
      expectClose(s.p99, 1_000);
      expectClose(s.p999, 250_000);
      expectClose(s.max, 250_000);
    });
  });

  it('round-trips through the compressed base64 in the report', () => {
    withHistograms(1, (h) => {
      for (const us of [3, 17, 17, 250, 4_000, 4_100, 90_000, 1_200_000]) h.record(us);
      const original = h.summary();
      const decoded = LatencyHistogram.decode(original.hdr);
      try {
        expect(decoded.summary()).toEqual(original);
      } finally {
        decoded.destroy();
      }
    });
  });

  it('merges: two halves merged equal one histogram that recorded everything', () => {
    withHistograms(3, (odd, even, all) => {
      for (let us = 1; us <= 20_000; us += 1) {
        (us % 2 === 1 ? odd : even).record(us * 7);
        all.record(us * 7);
      }
      odd.merge(even);
      expect(odd.summary()).toEqual(all.summary());
      expect(even.count).toBe(10_000);
    });
  });

  it('merges a decoded histogram (how reports of several runs combine)', () => {
    withHistograms(2, (a, b) => {
      a.record(100);
      b.record(200_000);
      const decoded = LatencyHistogram.decode(b.summary().hdr);
      try {
        a.merge(decoded);
      } finally {
        decoded.destroy();
      }
      expect(a.count).toBe(2);
      expectClose(a.summary().max, 200_000);
    });
  });

  it('rounds to the nearest microsecond', () => {
    withHistograms(1, (h) => {
      h.record(1.7);
      h.record(2.2);
      const s = h.summary();
      expect(s.min).toBe(2);
      expect(s.max).toBe(2);
    });
  });

  it('clamps out-of-range values instead of throwing, and counts them', () => {
    withHistograms(1, (h) => {
      h.record(0);
      h.record(-5);
      h.record(0.4);
      h.record(5_000_000_000);
      h.record(Number.POSITIVE_INFINITY);
      h.record(Number.NaN);
      expect(h.clampedLow).toBe(3);
      expect(h.clampedHigh).toBe(2);
      expect(h.invalid).toBe(1);
      expect(h.count).toBe(5);
      const s = h.summary();
      expect(s.min).toBe(1);
      expectClose(s.max, HIGHEST_US);
    });
  });

  it('carries clamp counts through a merge', () => {
    withHistograms(2, (a, b) => {
      b.record(0);
      b.record(Number.NaN);
      a.merge(b);
      expect(a.clampedLow).toBe(1);
      expect(a.invalid).toBe(1);
    });
  });

  it('has no summary when empty: summarize gives null, summary() refuses', () => {
    withHistograms(1, (h) => {
      expect(summarize(h)).toBeNull();
      expect(() => h.summary()).toThrow(/empty/);
      h.record(10);
      expect(summarize(h)?.count).toBe(1);
    });
  });

  it('refuses text that is not an encoded histogram', () => {
    expect(() => LatencyHistogram.decode('bm90IGEgaGlzdG9ncmFt')).toThrow();
  });

  it('frees its memory once; any use afterwards throws', () => {
    const h = new LatencyHistogram();
    h.record(5);
    h.destroy();
    h.destroy();
    expect(h.destroyed).toBe(true);
    expect(() => h.record(5)).toThrow(/after destroy/);
    expect(() => h.count).toThrow(/after destroy/);
  });
});

describe('HistogramSet', () => {
  it('hands out one histogram per key and destroys them all together', () => {
    const set = new HistogramSet();
    const a = set.get('checkout');
    expect(set.get('checkout')).toBe(a);
    const b = set.get('view-product');
    const adopted = set.adopt('decoded', new LatencyHistogram());
    expect(set.size).toBe(3);
    set.destroy();
    expect([a.destroyed, b.destroyed, adopted.destroyed]).toEqual([true, true, true]);
    expect(() => set.get('checkout')).toThrow(/after destroy/);
  });

  it('frees the histogram an adopt() replaces', () => {
    const set = new HistogramSet();
    const first = set.get('k');
    set.adopt('k', new LatencyHistogram());
    expect(first.destroyed).toBe(true);
    set.destroy();
  });
});
