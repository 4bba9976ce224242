// How a checkout's writes reach the stores that derive from it, and who can read them before they do. A derived
// store is behind from the commit until the relay applies the write (outbox, cdc); a dual write is applied before
// the shopper is answered but is never retried, so a failed one leaves the store behind for good; one
// transaction is never behind. The readers come from the step-call table, so they are the calls the run makes.
import type { PropagationPlan } from '../propagation/plan.js';
import type { RoleName } from '../roles.js';
import { DERIVED_APPLY_CALLS } from '../workloads/step-calls.js';
import type {
  ExplainedAction,
  ExplainedCall,
  LayoutFlow,
  PropagatedWrite,
  StaleTarget,
} from './layout-flow.js';

export function propagatedWrites(
  plan: PropagationPlan,
  storeOf: Readonly<Record<RoleName, string>>,
): PropagatedWrite[] {
  return plan.targets.map((target) => {
    const base = { target: `${target.role}@${target.store}`, role: target.role, store: storeOf[target.role] };
    switch (plan.propagation) {
      case 'single-transaction':
        return {
          ...base,
          by: 'in the commit' as const,
          call: { role: 'inventory' as const, method: 'checkoutAtomic', access: 'write' as const },
        };
      case 'dual-write':
        return { ...base, by: 'by the request' as const, call: DERIVED_APPLY_CALLS[target.role] };
      case 'outbox':
      case 'cdc':
        return { ...base, by: 'by the relay' as const, call: DERIVED_APPLY_CALLS[target.role] };
    }
  });
}

const WINDOW: Record<PropagatedWrite['by'], string | null> = {
  'in the commit': null,
  'by the request':
    'only where the request fails to write it: a dual write is not retried, so that store stays behind',
  'by the relay': "from the checkout's commit until the relay applies it",
};

export function staleTargets(
  plan: PropagationPlan,
  writes: readonly PropagatedWrite[],
  actions: readonly ExplainedAction[],
  analysts: LayoutFlow['analysts'],
  afterCheckout: ReadonlySet<string>,
): StaleTarget[] {
  const relayed = plan.relay;
  const readsOf = (role: RoleName) => (call: ExplainedCall) =>
    call.role === role && call.access === 'read' && call.seesCheckouts === true;
  return writes.map((write) => {
    const readers = actions.flatMap((action) =>
      action.calls.filter(readsOf(write.role)).map((call) => ({
        operation: action.operation,
        call,
        // The read the run checks: made only right after the shopper's own checkout, it misses it while behind.
        readYourWritesRisk: relayed && afterCheckout.has(action.operation) && call.when !== undefined,
      })),
    );
    for (const { query, call } of analysts?.queries ?? []) {
      if (readsOf(write.role)(call)) readers.push({ operation: query, call, readYourWritesRisk: false });
    }
    return { target: write.target, window: WINDOW[write.by], readers };
  });
}
