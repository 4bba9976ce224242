// `trace` outside a run: one layout prepared the way a run prepares it (fresh stores, the scenario's data, the
// propagation plan, the run's wiring, write path and relay), then one journey traced on it, then everything
// closed in reverse order. No load, no measured window: the journey is alone on the stores.
import type { Dataset } from '../domain.js';
import type { ResolvedLayout } from '../layouts/resolve.js';
import type { JourneyTrace, RoleBinding } from '../metrics/types.js';
import type { PropagationPlan } from '../propagation/plan.js';
import type { RoleName } from '../roles.js';
import { prepareLayout } from '../runner/prepare-layout.js';
import { ResourceStack } from '../runner/resource-stack.js';
import type { JourneyName, Scenario, StoreSpec } from '../scenario/types.js';
import type { ShopCatalog } from '../workloads/context.js';
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
    // Prepared exactly as a run prepares it, without the fault timeline: the journey is alone on healthy stores.
    // Its window is never read: nothing the trace does is measured.
    const prepared = await prepareLayout(
      {
        scenario: { ...scenario, faults: [] },
        layout,
        stores: options.stores,
        dataset: options.dataset,
        catalog: options.catalog,
        signal: new AbortController().signal,
      },
      stack,
    );
    const input = {
      scenario,
      journey: options.journey,
      events: prepared.wiring.events,
      ctx: prepared.ctx,
      targets: prepared.wiring.targets,
      storeOf: prepared.opened.storeOf,
      propagation: prepared.plan.propagation,
      keepThinkTime: options.keepThinkTime,
    };
    // Fresh stores compile their first queries and fill their caches on first use: a run's journeys never see
    // that, so neither should the traced one.
    if (options.warmUp !== false) await traceJourney({ ...input, variant: 'warm-up' });
    const trace = await traceJourney(input);
    // The same seeded stream drawn again: the shopper is not part of the report's trace shape.
    const { userId } = tracedJourney(scenario, options.journey, options.catalog).state;
    return { layout: layout.name, plan: prepared.plan, roles: prepared.opened.bindings, trace, userId };
  } finally {
    await stack.close();
  }
}
