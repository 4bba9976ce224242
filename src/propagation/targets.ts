// The stores that derive from a checkout (docs/architecture.md, "A checkout's data flow" step 5): purchase
// edges, analytics lines and the search index's stock.
import type { Order } from '../domain.js';
import type { RoleImpls } from '../roles.js';

/**
 * A probed write's outcome in one derived store: seen at seenUs (gapUs after the read before it: the sample's
 * own resolution), or not seen (seenUs null) by censoredAtUs, the last read that still missed it — its
 * visibility after that is unknown (docs/measurements.md, "Consistency lag").
 */
export interface ProbeOutcome {
  orderId: string;
  commitUs: number;
  seenUs: number | null;
  gapUs: number | null;
  censoredAtUs: number | null;
}

/** Where a target's lag facts go: the run's event stream (or, in unit tests, a LagRecorder directly). */
export interface LagSink {
  applied(orderId: string, commitUs: number, ackUs: number): void;
  probed(outcome: ProbeOutcome): void;
}

export type DerivedRole = 'graph' | 'analytics' | 'search';

export interface DerivedTarget {
  role: DerivedRole;
  /** Idempotent apply of one order (the relay may deliver it more than once). */
  apply(order: Order): Promise<void>;
  /** Idempotent undo of one order's apply, a no-op where it was never applied: a compensated checkout. */
  retract(order: Order): Promise<void>;
  /** The probes' read: of these orders, the ones a read of the store finds now (roles.ts, VisibleOrders). */
  visibleOrders(orderIds: readonly string[]): Promise<Set<string>>;
  lag: LagSink;
}

export function derivedTargets(
  roles: Pick<RoleImpls, DerivedRole>,
  lagFor: (role: DerivedRole) => LagSink,
): DerivedTarget[] {
  return [
    {
      role: 'graph',
      apply: (order) => roles.graph.recordPurchase(order),
      retract: (order) => roles.graph.removePurchase(order),
      visibleOrders: (orderIds) => roles.graph.visibleOrders(orderIds),
      lag: lagFor('graph'),
    },
    {
      role: 'analytics',
      apply: (order) => roles.analytics.recordOrder(order),
      retract: (order) => roles.analytics.removeOrder(order),
      visibleOrders: (orderIds) => roles.analytics.visibleOrders(orderIds),
      lag: lagFor('analytics'),
    },
    {
      role: 'search',
      apply: (order) => roles.search.applyOrder(order),
      retract: (order) => roles.search.revertOrder(order),
      visibleOrders: (orderIds) => roles.search.visibleOrders(orderIds),
      lag: lagFor('search'),
    },
  ];
}
