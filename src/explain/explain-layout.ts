// One layout's data flow, derived from what the run itself uses: the resolved role → store mapping, the engines'
// descriptors, planPropagation (with what the engines promise before any store opens), planJourney and the
// table of the store calls each step makes.
import { UserError } from '../errors.js';
import type { ResolvedLayout } from '../layouts/resolve.js';
import { capabilitiesBeforeOpening, planPropagation, type PropagationPlan } from '../propagation/plan.js';
import { ROLE_NAMES } from '../roles.js';
import { JOURNEY_NAMES, type AnalystQuery, type Scenario } from '../scenario/types.js';
import { engineOf } from '../stores/engine-lookup.js';
import { SHOPPER_OPERATIONS } from '../workloads/journeys.js';
import {
  analystCalls,
  oneStatementQueries,
  stepCalls,
  type RoleCall,
  type StepCallContext,
} from '../workloads/step-calls.js';
import { journeyShape } from './journey-shape.js';
import type {
  ExplainedAction,
  ExplainedCall,
  LayoutFlow,
  PlannedFootprint,
  RoleServing,
} from './layout-flow.js';
import { propagatedWrites, staleTargets } from './stale-reads.js';

const AFTER_CHECKOUT = "right after the shopper's own checkout";

export function explainLayout(layout: ResolvedLayout, scenario: Scenario, notes: string[] = []): LayoutFlow {
  const kindOf = (store: string) => scenario.stores[store]?.engine ?? store;
  const roles: RoleServing[] = ROLE_NAMES.map((role) => {
    const store = layout.roles[role];
    const descriptor = engineOf(kindOf(store));
    return {
      role,
      store,
      kind: kindOf(store),
      engine: descriptor?.engine ?? kindOf(store),
      embedded: descriptor?.embedded ?? false,
    };
  });
  const { plan, planNotes } = planned(layout, scenario);
  const context: StepCallContext = {
    propagation: plan.propagation,
    // As open-layout.ts decides it: the one transaction clears the cart when sessions share its store.
    cartClearedInTransaction: layout.roles.sessions === layout.roles.inventory,
    afterCheckout: false,
    crossStore: oneStatementQueries(
      layout.roles,
      (store) => engineOf(kindOf(store))?.capabilities.crossStore === true,
    ),
  };
  const journeys = JOURNEY_NAMES.filter((name) => scenario.journeys.mix[name] > 0).map((name) =>
    journeyShape(name, scenario.journeys),
  );
  const afterCheckout = new Set<string>();
  for (const journey of journeys) {
    const checkoutAt = journey.steps.findIndex((step) => step.operations.includes('checkout'));
    if (checkoutAt < 0) continue;
    for (const step of journey.steps.slice(checkoutAt + 1))
      step.operations.forEach((o) => afterCheckout.add(o));
  }
  const used = new Set(journeys.flatMap((journey) => journey.steps.flatMap((step) => step.operations)));
  const at = (call: RoleCall): ExplainedCall => ({ ...call, store: layout.roles[call.role] });
  const actions: ExplainedAction[] = SHOPPER_OPERATIONS.filter((operation) => used.has(operation)).map(
    (operation) => ({ operation, calls: actionCalls(operation, context, afterCheckout.has(operation), at) }),
  );
  const analysts = scenario.analysts
    ? {
        everyMs: scenario.analysts.everyMs,
        queries: scenario.analysts.queries.map((query) => ({
          query,
          // The first call leads; a joined query's note names the rest.
          call: at(analystCalls(query, context.crossStore?.includes('revenueByFollowerBand') ?? false)[0]!),
        })),
      }
    : null;
  const writes = propagatedWrites(plan, layout.roles);
  return {
    layout: layout.name,
    roles,
    plan,
    why: WHY[plan.reason],
    relay: relayText(plan, scenario),
    actions,
    journeys,
    analysts,
    writes,
    stale: staleTargets(plan, writes, actions, analysts, afterCheckout),
    footprint: plannedFootprint(roles, plan, actions, analysts, context),
    notes: [...notes, ...planNotes],
  };
}

/**
 * The calls of one action; where it makes some only after the shopper's own checkout (also-bought), both cases
 * are merged and those calls say so.
 */
function actionCalls(
  operation: string,
  context: StepCallContext,
  reachedAfterCheckout: boolean,
  at: (call: RoleCall) => ExplainedCall,
): ExplainedCall[] {
  const plain = stepCalls(operation, context).map(at);
  if (!reachedAfterCheckout) return plain;
  const after = stepCalls(operation, { ...context, afterCheckout: true }).map(at);
  const same = (a: RoleCall, b: RoleCall) => a.role === b.role && a.method === b.method;
  return after.map((call) => (plain.some((p) => same(p, call)) ? call : { ...call, when: AFTER_CHECKOUT }));
}

const WHY: Record<PropagationPlan['reason'], string> = {
  layout: 'the layout names its own propagation',
  'one-transaction':
    'one store holds every role a checkout writes and commits the checkout in one transaction',
  'no-transactions':
    "one store holds every role a checkout writes but cannot commit them at once: the scenario's strategy",
  scenario: "a checkout's writes span several stores: the scenario's strategy (propagation.strategy)",
};

function relayText(plan: PropagationPlan, scenario: Scenario): string | null {
  if (plan.propagation === 'outbox') {
    const { pollIntervalMs, batchSize } = scenario.propagation;
    return `a relay polls the outbox in ${plan.source} every ${pollIntervalMs} ms, up to ${batchSize} rows at a time`;
  }
  if (plan.propagation === 'cdc')
    return `a relay tails ${plan.source}'s change log (logical decoding) for outbox rows`;
  return null;
}

/**
 * The plan as `validate` and the pre-load checks see it. Where the engines already rule the plan out (cdc on a
 * non-PostgreSQL source), explain still shows the layout, and says why `run` would refuse it.
 */
function planned(layout: ResolvedLayout, scenario: Scenario): { plan: PropagationPlan; planNotes: string[] } {
  const capabilities = capabilitiesBeforeOpening(layout, scenario.stores);
  try {
    return { plan: planPropagation(layout, scenario, capabilities), planNotes: [] };
  } catch (error) {
    if (!(error instanceof UserError)) throw error;
    const plan = planPropagation(layout, scenario, { ...capabilities, sourceEngine: null });
    return { plan, planNotes: [`run would refuse this: ${error.message}`] };
  }
}

function plannedFootprint(
  roles: readonly RoleServing[],
  plan: PropagationPlan,
  actions: readonly ExplainedAction[],
  analysts: LayoutFlow['analysts'],
  context: StepCallContext,
): PlannedFootprint {
  const stores: PlannedFootprint['stores'] = [];
  for (const r of roles) {
    const known = stores.find((s) => s.store === r.store);
    if (known) known.roles.push(r.role);
    else stores.push({ store: r.store, engine: r.engine, embedded: r.embedded, roles: [r.role] });
  }
  const roundTrips: Record<string, number> = {};
  for (const action of actions) roundTrips[action.operation] = action.calls.length;
  const oneStatement = context.crossStore ?? [];
  for (const { query } of analysts?.queries ?? [])
    roundTrips[query] = analystCalls(
      query as AnalystQuery,
      oneStatement.includes('revenueByFollowerBand'),
    ).length;
  const ordersStore = roles.find((r) => r.role === 'orders')!.store;
  return {
    engines: [...new Set(stores.map((s) => s.engine))],
    serverProcesses: stores.filter((s) => !s.embedded).length,
    stores,
    roundTrips,
    copiesPerOrder: 1 + plan.targets.length,
    orderStores: [...new Set([ordersStore, ...plan.targets.map((t) => t.store)])],
    oneStatement: [...oneStatement],
  };
}
