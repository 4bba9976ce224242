// `trace` outside a run: one layout prepared the way a run prepares it (fresh stores, the scenario's data, the
// propagation plan, the run's wiring, write path and relay), then one journey traced on it, then everything
// closed in reverse order. No load, no measured window: the journey is alone on the stores.
import type { Dataset } from '../domain.js';
import { FaultInjector } from '../faults/injector.js';
import { loadDataset } from '../layouts/load-dataset.js';
import { openLayout } from '../layouts/open-layout.js';
import type { ResolvedLayout } from '../layouts/resolve.js';
import { nowUs } from '../metrics/clock.js';
import { MeasuredWindow } from '../metrics/measured-window.js';
import type { JourneyTrace, RoleBinding } from '../metrics/types.js';
import { planPropagation, type PropagationPlan } from '../propagation/plan.js';
import type { RoleName } from '../roles.js';
import { RELAY_CONTEXT, withCallContext } from '../runner/call-context.js';
import { wireLayout } from '../runner/layout-wiring.js';
import { capabilitiesOfOpened, openChangeFeed, setUpPropagation } from '../runner/propagation-setup.js';
import { ResourceStack } from '../runner/resource-stack.js';
import type { JourneyName, Scenario, StoreSpec } from '../scenario/types.js';
import type { ShopCatalog, ShopContext } from '../workloads/context.js';
import { traceJourney } from './trace-journey.js';
import { tracedJourney } from './traced-journey.js';

export interface TraceLayoutOptions {
  scenario: Scenario;
  layout: ResolvedLayout;
  stores: Record<string, StoreSpec>;
  dataset: Dataset;
  catalog: ShopCatalog;
  journey: JourneyName;
  keepThinkTime?: boolean;
  /** Run the same journey once (another shopper) before the traced one; default true. */
  warmUp?: boolean;
}

/** A traced journey with what a reader needs to make sense of it. */
export interface LayoutTrace {
  layout: string;
  plan: PropagationPlan;
  roles: Record<RoleName, RoleBinding>;
  trace: JourneyTrace;
  /** The shopper the seeded journey drew. */
  userId: number;
}

export async function traceLayout(options: TraceLayoutOptions): Promise<LayoutTrace> {
  const { scenario, layout } = options;
  const stack = new ResourceStack();
  try {
    // No faults: the injector is still what hands the stores their addresses and what the wiring expects.
    const faults = stack.defer('faults', await FaultInjector.prepare([], layout, options.stores), (f) =>
      f.close(),
    );
    const opened = stack.defer('stores', await openLayout(layout, faults.stores), (o) => o.close());
    await loadDataset(opened.roles, opened.storeOf, options.dataset);
    const plan = planPropagation(layout, scenario, capabilitiesOfOpened(opened));
    const feed = await openChangeFeed(plan.propagation, layout, opened, faults.stores);
    // An empty window: nothing the trace does is measured (the recorders are not read anyway).
    const originUs = nowUs();
    const window = new MeasuredWindow(originUs, originUs);
    const wiring = wireLayout({
      scenario,
      opened,
      faults,
      window,
      propagation: plan.propagation,
      initialStock: options.catalog.initialStock,
    });
    stack.defer('recorders', wiring, (w) => w.destroy());
    const { writePath, relay } = setUpPropagation({
      mechanism: plan.propagation,
      layout,
      opened,
      roles: wiring.roles,
      atomic: wiring.atomic,
      targets: wiring.targets,
      ledger: wiring.ledger,
      hooks: wiring.hooks,
      scenario,
      feed,
    });
    if (relay) {
      stack.defer('relay', relay, (r) => r.stop());
      withCallContext(RELAY_CONTEXT, () => relay.start());
    } else if (feed) {
      stack.defer('change feed', feed, (f) => f.stop());
    }
    const ctx: ShopContext = {
      roles: wiring.roles,
      catalog: options.catalog,
      journeys: scenario.journeys,
      sessionTtlSeconds: scenario.sessions.ttlSeconds,
      writePath,
      readYourWrites: wiring.readYourWrites,
      crossStore: wiring.crossStore,
      searchListed: wiring.searchListed,
    };
    const input = {
      scenario,
      journey: options.journey,
      events: wiring.events,
      ctx,
      targets: wiring.targets,
      storeOf: opened.storeOf,
      propagation: plan.propagation,
      keepThinkTime: options.keepThinkTime,
    };
    // Fresh stores compile their first queries and fill their caches on first use: a run's journeys never see
    // that, so neither should the traced one.
    if (options.warmUp !== false) await traceJourney({ ...input, variant: 'warm-up' });
    const trace = await traceJourney(input);
    // The same seeded stream drawn again: the shopper is not part of the report's trace shape.
    const { userId } = tracedJourney(scenario, options.journey, options.catalog).state;
    return { layout: layout.name, plan, roles: opened.bindings, trace, userId };
  } finally {
    await stack.close();
  }
}
