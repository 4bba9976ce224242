// The step-call table (what explain says each action touches) against what traced journeys actually call on
// embedded stores: every step's store calls, in order, for each propagation, and the relay's applies. If a step
// function changes what it calls, this fails until the table says the same.
import { beforeAll, describe, expect, it } from 'vitest';
import { generateDataset } from '../../src/data/generate.js';
import { initHistograms } from '../../src/metrics/histogram.js';
import type { JourneyTrace } from '../../src/metrics/types.js';
import { planStores } from '../../src/provision/plan.js';
import { parseScenario, type JourneyName, type Scenario } from '../../src/scenario/index.js';
import { traceLayout, type LayoutTrace } from '../../src/trace/trace-layout.js';
import { ShopCatalog } from '../../src/workloads/context.js';
import { engineOf } from '../../src/stores/engine-lookup.js';
import { DERIVED_APPLY_CALLS, oneStatementQueries, stepCalls } from '../../src/workloads/step-calls.js';

const SCENARIO = `
name: step-calls
seed: 7
data: { users: 40, products: 60, categories: 4, historicalOrders: 40, stockPerProduct: 50 }
layouts:
  - baseline
  - polyglot
  - { base: polyglot, propagation: dual-write }
load: { model: open, phases: [{ duration: 1s, arrivalRate: 1 }] }
journeys:
  mix: { browse: 1, shop: 1, buy: 1, social: 1 }
  search: { share: 1 }
propagation: { pollInterval: 2ms }
consistency: { probeInterval: 1ms, probeTimeout: 5s }
`;

let scenario: Scenario;
/** Store name → engine kind, of the layouts traced. */
const engineOfStore = new Map<string, string>();
async function trace(layoutName: string, journey: JourneyName): Promise<LayoutTrace> {
  const plan = planStores(scenario, 'embedded', {}, {});
  const layout = plan.layouts.find((l) => l.name === layoutName)!;
  for (const [store, spec] of Object.entries(plan.stores)) engineOfStore.set(store, spec.engine);
  const dataset = generateDataset(scenario.data, scenario.seed, Date.now());
  const catalog = new ShopCatalog(dataset, scenario.data.popularitySkew);
  return traceLayout({ scenario, layout, stores: plan.stores, dataset, catalog, journey, warmUp: false });
}

/** Per step (in order): "role.method" of each call it made. */
function callsPerStep(trace: JourneyTrace): string[][] {
  return trace.steps.map((step) =>
    trace.calls
      .filter(
        (c) =>
          c.source === 'operation' &&
          c.startUs >= step.startUs &&
          c.startUs <= step.startUs + step.durationUs,
      )
      .map((c) => `${c.role}.${c.method}`),
  );
}

function expectedPerStep(traced: LayoutTrace): string[][] {
  let afterCheckout = false;
  return traced.trace.steps.map((step) => {
    const calls = stepCalls(step.name, {
      propagation: traced.plan.propagation,
      cartClearedInTransaction: traced.roles.sessions.store === traced.roles.inventory.store,
      afterCheckout,
      crossStore: oneStatementQueries(
        Object.fromEntries(Object.entries(traced.roles).map(([role, b]) => [role, b.store])) as Record<
          keyof typeof traced.roles,
          string
        >,
        (store) => engineOf(engineOfStore.get(store) ?? store)?.capabilities.crossStore === true,
      ),
    });
    if (step.name === 'checkout') afterCheckout = true;
    return calls.map((c) => `${c.role}.${c.method}`);
  });
}

describe('the step-call table matches what traced journeys call', () => {
  beforeAll(async () => {
    await initHistograms();
    scenario = parseScenario(SCENARIO, 'step-calls.yaml');
  });

  for (const layout of ['baseline', 'polyglot', 'polyglot-dual-write']) {
    it(`buy on ${layout}: every step's calls, in order, and the write reaches every derived store`, async () => {
      const traced = await trace(layout, 'buy');
      expect(traced.trace.steps.every((s) => s.outcome === 'ok')).toBe(true);
      expect(callsPerStep(traced.trace)).toEqual(expectedPerStep(traced));
      expect(traced.trace.propagation.length).toBeGreaterThan(0);
      for (const target of traced.trace.propagation) {
        expect(target.appliedUs, target.target).not.toBeNull();
        expect(target.visibleUs, target.target).not.toBeNull();
      }
      if (traced.plan.relay) {
        const applies = traced.trace.calls.filter((c) => c.source === 'relay' && c.role !== 'inventory');
        const expected = traced.plan.targets.map((t) => `${t.role}.${DERIVED_APPLY_CALLS[t.role].method}`);
        expect(applies.map((c) => `${c.role}.${c.method}`).sort()).toEqual(expected.sort());
      }
    }, 60_000);
  }

  for (const journey of ['browse', 'shop', 'social'] as const) {
    it(`${journey} on polyglot: every step's calls, in order`, async () => {
      const traced = await trace('polyglot', journey);
      // search.share 1: browsing and shopping start from the search box, so its calls are checked too.
      if (journey !== 'social') expect(traced.trace.steps.map((s) => s.name)).toContain('search');
      expect(callsPerStep(traced.trace)).toEqual(expectedPerStep(traced));
      expect(traced.trace.propagation).toEqual([]);
    }, 60_000);
  }
});
