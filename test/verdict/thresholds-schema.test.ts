// The thresholds a user writes in a scenario: the k6-shaped syntax is accepted, and every mistake is one line
// naming file:line:column and the field, as the rest of the scenario's errors are.
import { describe, expect, it } from 'vitest';
import { UserError } from '../../src/errors.js';
import { parseScenario } from '../../src/scenario/index.js';

const BASE = 'name: t\nload:\n  phases:\n    - { duration: 2s, arrivalRate: 5 }\n';
const FILE = 'shop.yaml';

function errorOf(thresholds: string, extra = ''): string {
  try {
    parseScenario(`${BASE}${extra}thresholds:\n${thresholds}`, FILE);
  } catch (error) {
    if (error instanceof UserError) return error.message;
    throw error;
  }
  throw new Error('expected a UserError');
}

describe('scenario thresholds', () => {
  it("accepts the issue's example, layout blocks and k6's {layout:…} tag, in document order", () => {
    const scenario = parseScenario(
      `${BASE}thresholds:\n` +
        '  checkout: [p99 < 250ms, p50 < 20ms]\n' +
        '  also-bought: p95 < 100ms\n' +
        '  lag.graph: p99 < 1s\n' +
        '  lag.graph.visible: p99 < 2s\n' +
        '  visible.analytics: within(100ms) > 95%\n' +
        '  read-your-writes: missed < 1%\n' +
        '  errors: rate < 0.5%\n' +
        '  dropped: rate < 1%\n' +
        '  invariants: ok\n' +
        '  polyglot:\n' +
        '    checkout: p(99) <= 300ms\n' +
        '  "view-product{layout:baseline}": avg < 5ms\n',
      FILE,
    );
    const thresholds = scenario.thresholds ?? [];
    expect(thresholds.map((t) => [t.key, t.expression, t.layout])).toEqual([
      ['checkout', 'p99 < 250ms', null],
      ['checkout', 'p50 < 20ms', null],
      ['also-bought', 'p95 < 100ms', null],
      ['lag.graph', 'p99 < 1s', null],
      ['lag.graph.visible', 'p99 < 2s', null],
      ['visible.analytics', 'within(100ms) > 95%', null],
      ['read-your-writes', 'missed < 1%', null],
      ['errors', 'rate < 0.5%', null],
      ['dropped', 'rate < 1%', null],
      ['invariants', 'ok', null],
      ['checkout', 'p(99) <= 300ms', 'polyglot'],
      ['view-product', 'avg < 5ms', 'baseline'],
    ]);
    expect(thresholds[0]?.condition).toEqual({ kind: 'latency', stat: 'p99', comparator: '<', us: 250_000 });
    expect(thresholds[3]?.metric).toEqual({ kind: 'lag', role: 'graph', lag: 'apply' });
    expect(thresholds[5]?.condition).toEqual({
      kind: 'within',
      withinMs: 100,
      comparator: '>',
      fraction: 0.95,
    });
    expect(thresholds[10]?.condition).toMatchObject({ stat: 'p99', comparator: '<=' });
    expect(thresholds[11]?.condition).toMatchObject({ stat: 'mean' });
  });

  it('leaves a scenario without thresholds without the field', () => {
    expect(parseScenario(BASE, FILE).thresholds).toBeUndefined();
  });

  it.each([
    [
      '  checkot: p99 < 250ms\n',
      '6:12: thresholds.checkot: unknown threshold "checkot" (did you mean "checkout"?); expected an operation ' +
        'name, lag.<role>, lag.<role>.visible, visible.<role>, read-your-writes, errors, dropped, ' +
        'footprint.roundTrips.<operation> or invariants',
    ],
    [
      '  checkout: [p99 < 250ms, p99 < 250]\n',
      '6:27: thresholds.checkout[1]: expected a latency threshold like "p99 < 250ms" (min, mean, p50, p90, p95, ' +
        'p99, p99.9 or max; <, <=, > or >=; a duration with its unit), got "p99 < 250"',
    ],
    [
      '  lag.grph: p99 < 1s\n',
      '6:13: thresholds["lag.grph"]: unknown derived store "grph" in lag.grph (did you mean "graph"?); expected ' +
        'graph, analytics or search (the roles a checkout propagates to)',
    ],
    [
      '  visible.graph: within(50ms) > 95%\n',
      '6:18: thresholds["visible.graph"]: expected a threshold like "within(100ms) > 95%" (t one of 1ms, 10ms, ' +
        '100ms, 1s, 10s), got "within(50ms) > 95%"',
    ],
    [
      '  invariants: fine\n',
      '6:15: thresholds.invariants: expected "ok" (every invariant holds), got "fine"',
    ],
    [
      '  polyglott:\n    checkout: p99 < 1s\n',
      '7:5: thresholds.polyglott: unknown layout "polyglott" (did you mean "polyglot"?); this scenario runs ' +
        'baseline, polyglot',
    ],
    [
      '  top-products: p99 < 1s\n',
      "6:17: thresholds.top-products: the analysts' query top-products does not run in this scenario (analysts: off)",
    ],
  ])('%j is refused with line:column', (thresholds, expected) => {
    const message = errorOf(thresholds);
    expect(message).toBe(`${FILE}:${expected}`);
    expect(message).not.toContain('\n');
  });

  it('refuses dropped arrivals in the closed model', () => {
    const closed = 'name: t\nload:\n  model: closed\n  phases:\n    - { duration: 2s, users: 2 }\n';
    expect(() => parseScenario(`${closed}thresholds:\n  dropped: rate < 1%\n`, FILE)).toThrow(
      `${FILE}:7:12: thresholds.dropped: dropped arrivals exist only in the open model`,
    );
  });
});
