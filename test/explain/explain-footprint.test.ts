// `explain` lists each layout's footprint from the plan, before any load: engines, server processes, the copies of
// each order, round trips per action from the step-call table, and which cross-store queries one store answers.
import { describe, expect, it } from 'vitest';
import { explainScenario } from '../../src/explain/explain-scenario.js';
import { renderExplainText } from '../../src/explain/render-explain-text.js';
import { parseScenario } from '../../src/scenario/index.js';

const scenario = parseScenario(
  `name: explain-footprint
layouts: [baseline, polyglot]
load: { model: open, phases: [{ duration: 1s, arrivalRate: 1 }] }
journeys: { mix: { buy: 1, social: 1 } }
analysts: { every: 1s }
`,
  'explain-footprint.yaml',
);

describe('explain: the planned footprint', () => {
  const flows = explainScenario(scenario, 'embedded');
  const footprint = (name: string) => flows.find((f) => f.layout === name)!.footprint!;

  it('baseline: one engine, four copies of each order in one store, cross-store queries in one statement', () => {
    const f = footprint('baseline');
    expect(f.engines).toHaveLength(1);
    expect(f.serverProcesses).toBe(0);
    expect(f.copiesPerOrder).toBe(4);
    expect(f.orderStores).toHaveLength(1);
    expect(f.oneStatement.sort()).toEqual(['friendsBought', 'orderDetails', 'revenueByFollowerBand']);
    expect(f.roundTrips).toMatchObject({
      checkout: 2,
      'order-details': 1,
      'friends-bought': 1,
      'revenue-by-follower-band': 1,
    });
  });

  it('polyglot: a store per job, the copies spread over four stores, the cross-store queries joined', () => {
    const f = footprint('polyglot');
    expect(f.engines.length).toBeGreaterThan(1);
    expect(f.orderStores).toHaveLength(4);
    expect(f.oneStatement).toEqual([]);
    expect(f.roundTrips).toMatchObject({
      checkout: 4,
      'order-details': 3,
      'friends-bought': 3,
      'revenue-by-follower-band': 2,
    });
  });

  it('prints it per layout', () => {
    const text = renderExplainText(flows);
    expect(text).toMatch(/footprint \(from the plan/);
    expect(text).toMatch(/each order in 4 copies over 4 stores/);
  });
});
