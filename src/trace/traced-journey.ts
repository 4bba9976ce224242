// The one journey a trace runs: planned from a stream seeded by the scenario's seed and the journey's name only,
// so every layout gets the same steps, the same shopper, the same cart.
import { Random, deriveSeed } from '../data/random.js';
import type { JourneyName, Scenario } from '../scenario/types.js';
import type { JourneyState, ShopCatalog } from '../workloads/context.js';
import { planJourney } from '../workloads/journeys.js';
import type { Step } from '../workloads/step.js';

export interface TracedJourney {
  steps: Step[];
  state: JourneyState;
  /** The order id its checkout would place (the write paths name it after the journey's key). */
  orderId: string;
}

/**
 * variant "trace" is the journey shown; "warm-up" is another shopper on the same journey, run first so the traced
 * one meets warm stores (query plans compiled, caches filled) as a run's journeys do.
 */
export type JourneyVariant = 'trace' | 'warm-up';

export function tracedJourney(
  scenario: Scenario,
  name: JourneyName,
  catalog: ShopCatalog,
  variant: JourneyVariant = 'trace',
): TracedJourney {
  const rng = new Random(deriveSeed(scenario.seed, variant, name));
  const steps = planJourney(name, scenario.journeys, rng);
  // A key no run's arrival ("a…") or virtual user ("v…") has, so a trace inside a run never collides.
  const key = `${variant}-${name}`;
  const state: JourneyState = {
    key,
    rng,
    userId: rng.int(1, catalog.userCount),
    sessionId: `s-${key}`,
    viewedProductId: null,
    cartProductIds: [],
    placedOrder: null,
    stepStartUs: 0,
  };
  return { steps, state, orderId: `o-${key}` };
}
