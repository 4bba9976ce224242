// Finding 1 of the lifecycle issue: an operation is measured iff the arrival (open model) or iteration start
// (closed model) that began its journey lies in the measured window — so every step of a measured journey
// counts, even one that ends after the window, and no step of a warm-up journey does (docs/measurements.md).
import { beforeAll, describe, expect, it } from 'vitest';
import type { LayoutResult, Report } from '../../src/metrics/types.js';
import { runEmbedded, SMALL_DATA } from './run-embedded.js';

// Every shop journey is exactly: start-session, browse-category, view-product, add-to-cart × 3 (no search box).
const SHOP = `
journeys:
  mix: { shop: 1 }
  search: { share: 0 }
  cartItems: { min: 3, max: 3 }
  thinkTime: { min: 100ms, max: 200ms }
`;

const OPEN = `
name: window-open
seed: 7
${SMALL_DATA}
layouts: [polyglot]
warmup: 1s
load:
  model: open
  arrivals: uniform
  phases: [{ duration: 3s, arrivalRate: 60 }]
${SHOP}
`;

const CLOSED = `
name: window-closed
seed: 7
${SMALL_DATA}
layouts: [polyglot]
warmup: 1s
load:
  model: closed
  phases: [{ duration: 2s, users: 4 }]
${SHOP}
analysts: { every: 500ms, window: 1h, queries: [top-products] }
`;

const count = (layout: LayoutResult, name: string) =>
  layout.operations.find((op) => op.name === name)?.count ?? 0;

describe('the measured window (open model)', () => {
  let report: Report;
  beforeAll(async () => {
    report = (await runEmbedded(OPEN)).report;
  }, 120_000);

  it('counts every step of the journeys whose arrival lies in the window, and nothing else', () => {
    const layout = report.layouts[0]!;
    const arrivals = layout.schedule!.started;
    // 60/s for 3 s, uniform: 180 arrivals intended in the window, none dropped at this rate.
    expect(layout.schedule!.intended).toBe(180);
    expect(arrivals).toBe(180);
    expect(count(layout, 'start-session')).toBe(arrivals);
    expect(count(layout, 'browse-category')).toBe(arrivals);
    expect(count(layout, 'view-product')).toBe(arrivals);
    expect(count(layout, 'add-to-cart')).toBe(3 * arrivals);
  });

  it('computes ops/s over the window length, from the same count', () => {
    const layout = report.layouts[0]!;
    expect(layout.measuredSeconds).toBeCloseTo(3, 5);
    const timeline = layout.timeSeries.reduce((sum, second) => sum + second.ops, 0);
    const table = layout.operations.reduce((sum, op) => sum + op.count, 0);
    expect(timeline).toBe(table);
  });
});

describe('the measured window (closed model)', () => {
  let report: Report;
  beforeAll(async () => {
    report = (await runEmbedded(CLOSED)).report;
  }, 120_000);

  it('counts whole iterations: as many of each step as iterations began in the window', () => {
    const layout = report.layouts[0]!;
    const iterations = count(layout, 'start-session');
    expect(iterations).toBeGreaterThan(0);
    expect(count(layout, 'browse-category')).toBe(iterations);
    expect(count(layout, 'view-product')).toBe(iterations);
    expect(count(layout, 'add-to-cart')).toBe(3 * iterations);
  });

  it('times closed-model analysts from their actual start, never from their tick', () => {
    const layout = report.layouts[0]!;
    const analyst = layout.operations.find((op) => op.name === 'top-products')!;
    expect(analyst.response).toBeNull();
    // The per-second series holds service times in the closed model: no second's p99 can exceed the max.
    for (const second of layout.timeSeries) {
      const sample = second.operations['top-products'];
      if (sample) expect(sample.p99).toBeLessThanOrEqual(analyst.service.max);
    }
  });
});
