// The stores that derive from a checkout (docs/architecture.md, "A checkout's data flow" step 5): purchase
// edges and analytics lines.
import type { Order } from '../domain.js';
import type { RoleImpls } from '../roles.js';

/** Where a target's lag facts go: the run's event stream (or, in unit tests, a LagRecorder directly). */
export interface LagSink {
  applied(orderId: string, commitUs: number, ackUs: number): void;
  probed(
    orderId: string,
    commitUs: number,
    seenUs: number | null,
    gapUs: number | null,
    censoredAtUs: number | null,
  ): void;
}

export type DerivedRole = 'graph' | 'analytics';

export interface DerivedTarget {
  role: DerivedRole;
  /** Idempotent apply of one order (the relay may deliver it more than once). */
  apply(order: Order): Promise<void>;
  isVisible(orderId: string): Promise<boolean>;
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
      isVisible: (orderId) => roles.graph.hasOrder(orderId),
      lag: lagFor('graph'),
    },
    {
      role: 'analytics',
      apply: (order) => roles.analytics.recordOrder(order),
      isVisible: (orderId) => roles.analytics.hasOrder(orderId),
      lag: lagFor('analytics'),
    },
  ];
}
