// The footprint against what the run did (issue 15), on the embedded engines: round trips per user action are the
// store calls each execution made (the store-call table divided by the executions), the cross-store operations
// are one statement on the baseline and a call per store on the polyglot layout, the stores named are the ones
// that ran, and each order's copies are the propagation plan's.
import { beforeAll, describe, expect, it } from 'vitest';
import type { LayoutResult, Report } from '../../src/metrics/types.js';
import { renderSummary } from '../../src/report/summary.js';
import { parseScenario } from '../../src/scenario/index.js';
import { evaluateVerdict } from '../../src/verdict/evaluate.js';
import { runEmbedded, SMALL_DATA } from './run-embedded.js';

const SCENARIO = `
name: footprint
seed: 13
${SMALL_DATA}
layouts: [baseline, polyglot]
warmup: 300ms
load:
  model: open
  phases: [{ duration: 1500ms, arrivalRate: 20 }]
journeys: { mix: { buy: 2, social: 1 }, thinkTime: { min: 0ms, max: 5ms } }
analysts: { every: 200ms }
`;

/** Store calls of these methods in the measured operations' table, per execution of the operation. */
function callsPerExecution(layout: LayoutResult, operation: string, methods: string[]): number {
  const op = layout.operations.find((o) => o.name === operation)!;
  const calls = layout.storeCalls
    .filter((call) => methods.includes(`${call.role}.${call.method}`))
    .reduce((sum, call) => sum + call.count, 0);
  return calls / op.count;
}

describe('operational footprint of a run', () => {
  let report: Report;
  const layout = (name: string) => report.layouts.find((l) => l.layout === name)!;
  beforeAll(async () => {
    report = (await runEmbedded(SCENARIO)).report;
  }, 180_000);

  it('round trips per checkout equal the store calls the checkouts made', () => {
    const baseline = layout('baseline').footprint!;
    const polyglot = layout('polyglot').footprint!;
    expect(baseline.roundTrips['checkout']!.mean).toBe(
      callsPerExecution(layout('baseline'), 'checkout', ['sessions.getCart', 'inventory.checkoutAtomic']),
    );
    expect(baseline.roundTrips['checkout']!.mean).toBe(2);
    expect(polyglot.roundTrips['checkout']!.mean).toBe(
      callsPerExecution(layout('polyglot'), 'checkout', [
        'sessions.getCart',
        'inventory.reserve',
        'orders.insertOrder',
        'sessions.clearCart',
      ]),
    );
    expect(polyglot.roundTrips['checkout']!.mean).toBe(4);
  });

  it('the cross-store operations: one statement on the baseline, one call per store joined on polyglot', () => {
    for (const [op, polyglotCalls] of [
      ['order-details', 3],
      ['friends-bought', 3],
      ['revenue-by-follower-band', 2],
    ] as const) {
      expect(layout('baseline').footprint!.roundTrips[op]?.mean, op).toBe(1);
      expect(layout('polyglot').footprint!.roundTrips[op]?.mean, op).toBe(polyglotCalls);
      for (const l of report.layouts) {
        const stats = l.operations.find((o) => o.name === op)!;
        expect(stats.count, `${l.layout} ${op}`).toBeGreaterThan(0);
        expect(stats.errors, `${l.layout} ${op}`).toBe(0);
      }
    }
    expect(callsPerExecution(layout('baseline'), 'order-details', ['orders.orderDetails'])).toBe(1);
  });

  it('names the stores that ran, what each reported, and the copies of each order', () => {
    const baseline = layout('baseline').footprint!;
    const polyglot = layout('polyglot').footprint!;
    expect(baseline.stores.map((s) => s.store)).toEqual([
      ...new Set(Object.values(layout('baseline').roles).map((b) => b.store)),
    ]);
    expect(baseline.serverProcesses).toBe(0);
    expect(polyglot.serverProcesses).toBe(0);
    expect(polyglot.engines.length).toBeGreaterThan(baseline.engines.length);
    // PGlite reports its schema's size; the other embedded engines report none, and say so.
    const pglite = baseline.stores[0]!;
    expect(pglite.dataBytes).toBeGreaterThan(0);
    expect(pglite.dataSource).toMatch(/pg_total_relation_size/);
    expect(polyglot.stores.filter((s) => s.dataBytes === null).every((s) => s.dataSource.length > 0)).toBe(
      true,
    );
    // Orders, purchase edges, order lines and search stock: four copies, in one store or in four.
    expect(baseline.duplication).toMatchObject({ copies: 4, stores: [pglite.store] });
    // The baseline's three extra copies (purchase edges, sales lines, search's applied orders) are its tables'
    // size; Kuzu reports none, so the polyglot layout's copies are unknown rather than guessed.
    expect(baseline.duplication.copyBytes).toBeGreaterThan(0);
    expect(baseline.duplication.copyBytes).toBeLessThan(pglite.dataBytes!);
    expect(polyglot.duplication.copyBytes).toBeNull();
    expect(polyglot.duplication.copies).toBe(4);
    expect(polyglot.duplication.stores).toHaveLength(4);
  });

  it('thresholds can name round trips per user action', () => {
    const { thresholds } = parseScenario(
      `${SCENARIO}thresholds:\n  footprint.roundTrips.checkout: mean < 3\n  footprint.roundTrips.order-details: max <= 1\n`,
      'footprint.yaml',
    );
    const verdict = evaluateVerdict(report, thresholds ?? []);
    const status = (key: string, layout: string) =>
      verdict.outcomes.find((o) => o.key === key && o.layout === layout)?.status;
    expect(status('footprint.roundTrips.checkout', 'baseline')).toBe('pass');
    expect(status('footprint.roundTrips.checkout', 'polyglot')).toBe('fail');
    expect(status('footprint.roundTrips.order-details', 'baseline')).toBe('pass');
    expect(status('footprint.roundTrips.order-details', 'polyglot')).toBe('fail');
  });

  it('prints one footprint line per layout in the summary', () => {
    const text = renderSummary(report);
    expect(text).toMatch(
      /^footprint +baseline +1 engine, 0 servers · checkout 2\.0 round trips · each order in 1 store/m,
    );
    expect(text).toMatch(
      /^ +polyglot +\d+ engines, 0 servers · checkout 4\.0 round trips · each order in 4 stores/m,
    );
    for (const line of text.split('\n')) expect(line.length, line).toBeLessThanOrEqual(100);
  });
});
