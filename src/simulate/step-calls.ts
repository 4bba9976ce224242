// Each operation's store calls for the model, read from the workloads' own step → calls table
// (src/workloads/step-calls.ts, which its test checks against real traced steps), with what each call means to
// the checkout's consistency beyond its service time. test/simulate/calibration.test.ts also checks the result
// against the calls a real embedded run makes per operation.
import { CROSS_STORE_ROLES, type CrossStoreQueries } from '../roles.js';
import type { DerivedRole } from '../propagation/targets.js';
import type { Mechanism } from '../propagation/write-path.js';
import type { RoleName } from '../roles.js';
import { ANALYST_QUERIES, type AnalystQuery } from '../scenario/types.js';
import {
  DERIVED_APPLY_CALLS,
  stepCalls as workloadStepCalls,
  type RoleCall,
  analystCalls,
} from '../workloads/step-calls.js';

/** What a call means to the checkout beyond its service time. */
export type CallEffect =
  /** The source commit: its end is the commit ack; a checkout may be rejected here (out of stock). */
  | 'commit'
  /** The order document (outbox, cdc, dual-write): if it fails, stock is released (compensation). */
  | 'place'
  /** Dual write: the request itself applies the order to the derived store `derived`. */
  | 'apply'
  /** A read right after the shopper's own checkout that may miss it (read-your-writes). */
  | 'ryw';

export interface CallSpec {
  role: RoleName;
  method: string;
  effect?: CallEffect;
  derived?: DerivedRole;
  /** Made only when the journey placed an order before this step (also-bought starts from it). */
  afterCheckoutOnly?: boolean;
}

export interface StepCallOptions {
  mechanism: Mechanism;
  /** Single transaction: the atomic store clears the cart inside it (it serves sessions too). */
  atomicClearsCart: boolean;
  /** The cross-store queries the layout answered in one statement (the others are joined in the application). */
  crossStore?: ReadonlyArray<keyof CrossStoreQueries>;
}

/** The cross-store queries a run answered in one statement: their one-statement calls appear in its calls. */
export function oneStatementQueriesOf(
  storeCalls: ReadonlyArray<{ method: string }>,
): Array<keyof CrossStoreQueries> {
  return (Object.keys(CROSS_STORE_ROLES) as Array<keyof CrossStoreQueries>).filter((query) =>
    storeCalls.some((call) => call.method === query),
  );
}

const DERIVED = Object.keys(DERIVED_APPLY_CALLS) as DerivedRole[];
/** The reads that check read-your-writes, as the workloads make them (buying.ts, browsing.ts). */
const RYW_READS: Record<string, { operation: string; derived: DerivedRole | null }> = {
  'orders.ordersOfUser': { operation: 'my-orders', derived: null },
  'graph.recentPurchases': { operation: 'also-bought', derived: 'graph' },
};

export function rywOf(spec: CallSpec): { operation: string; derived: DerivedRole | null } | undefined {
  return spec.effect === 'ryw' ? RYW_READS[`${spec.role}.${spec.method}`] : undefined;
}

function withEffect(call: RoleCall, mechanism: Mechanism, inCheckout: boolean): CallSpec {
  const spec: CallSpec = { role: call.role, method: call.method };
  const name = `${call.role}.${call.method}`;
  if (inCheckout && (name === 'inventory.reserve' || name === 'inventory.checkoutAtomic'))
    spec.effect = 'commit';
  else if (inCheckout && name === 'orders.insertOrder') spec.effect = 'place';
  else if (inCheckout && mechanism === 'dual-write') {
    const derived = DERIVED.find(
      (role) => DERIVED_APPLY_CALLS[role].method === call.method && role === call.role,
    );
    if (derived) {
      spec.effect = 'apply';
      spec.derived = derived;
    }
  } else if (RYW_READS[name]) spec.effect = 'ryw';
  return spec;
}

/** The calls of one operation (a journey step or an analyst query), in the order they are made. */
export function stepCalls(operation: string, options: StepCallOptions): CallSpec[] {
  if ((ANALYST_QUERIES as readonly string[]).includes(operation)) {
    const oneStatement = options.crossStore?.includes('revenueByFollowerBand') ?? false;
    return analystCalls(operation as AnalystQuery, oneStatement).map((call) => ({
      role: call.role,
      method: call.method,
    }));
  }
  const context = {
    propagation: options.mechanism,
    cartClearedInTransaction: options.atomicClearsCart,
    crossStore: options.crossStore,
  };
  const before = workloadStepCalls(operation, { ...context, afterCheckout: false });
  const after = workloadStepCalls(operation, { ...context, afterCheckout: true });
  const inCheckout = operation === 'checkout';
  // Calls made only after a checkout in this journey (also-bought's recentPurchases) are marked as such.
  let next = 0;
  return after.map((call) => {
    const spec = withEffect(call, options.mechanism, inCheckout);
    const shared = before[next];
    if (shared && shared.role === call.role && shared.method === call.method) next++;
    else spec.afterCheckoutOnly = true;
    return spec;
  });
}

/** The relay's poll and mark (outbox-relay.ts); its applies are DERIVED_APPLY_CALLS. */
export const RELAY_CALLS = {
  poll: { role: 'inventory', method: 'pendingOutbox' },
  mark: { role: 'inventory', method: 'markOutboxApplied' },
} as const satisfies Record<string, CallSpec>;

export function applyCall(role: DerivedRole): CallSpec {
  return { role, method: DERIVED_APPLY_CALLS[role].method };
}

/** The probes' batched read per derived store (targets.ts: visibleOrders). */
export function probeCall(role: DerivedRole): CallSpec {
  return { role, method: 'visibleOrders' };
}

/** Compensation after a failed order write (write-path.ts). */
export const RELEASE_CALL: CallSpec = { role: 'inventory', method: 'release' };
