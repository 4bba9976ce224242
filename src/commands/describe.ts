// One line saying what a scenario will run, for `validate` and the start of `run`.
import { resolveLayout } from '../layouts/resolve.js';
import { BUILTIN_LAYOUT_MAPPINGS } from '../layouts/builtin.js';
import { capabilitiesBeforeOpening, planPropagation, type PropagationPlan } from '../propagation/plan.js';
import { hasStoreAdapter } from '../stores/registry.js';
import { measuredDurationMs, type LayoutRef, type Scenario } from '../scenario/types.js';

export function describeScenario(scenario: Scenario): string {
  const load = scenario.load;
  const seconds = measuredDurationMs(load) / 1000;
  const model =
    load.model === 'open'
      ? `open model, ${load.phases.length} phase(s), max ${load.maxInFlight} in flight`
      : `closed model, up to ${Math.max(...load.phases.map((p) => p.users))} virtual users`;
  const layouts = scenario.layouts.map((ref) => describeLayout(plannedPropagation(ref, scenario))).join(', ');
  const faults = scenario.faults.length > 0 ? `; ${scenario.faults.length} fault(s) on the timeline` : '';
  return (
    `${scenario.name}: ${model}; ${seconds} s measured after ${scenario.warmupMs / 1000} s warm-up; ` +
    `layouts ${layouts}; propagation ${scenario.propagation.strategy}${faults}; seed ${scenario.seed}`
  );
}

/**
 * The line states the rule (one store commits a checkout at once, several use the scenario's strategy), so a
 * layout is annotated only where it departs from it: it names its own, or its one store has no transactions.
 */
function describeLayout(plan: PropagationPlan): string {
  if (plan.reason === 'layout') return `${plan.layout} (${plan.propagation})`;
  if (plan.reason === 'no-transactions') return `${plan.layout} (${plan.propagation}: no transactions)`;
  return plan.layout;
}

/**
 * Planned as `validate` can know it, without --stores: the built-in layouts on their embedded engines (on servers
 * where they have no embedded form). One store or several, and whether it commits at once, are the same on either;
 * the source engine is left unknown, so cdc is refused by `run`, which knows where inventory lives.
 */
function plannedPropagation(ref: LayoutRef, scenario: Scenario): PropagationPlan {
  const servers = 'builtin' in ref && BUILTIN_LAYOUT_MAPPINGS[ref.builtin] === undefined;
  const { layout } = resolveLayout(ref, { servers, hasAdapter: hasStoreAdapter });
  const { atomicCheckout } = capabilitiesBeforeOpening(layout, scenario.stores);
  return planPropagation(layout, scenario, { atomicCheckout, sourceEngine: null });
}
