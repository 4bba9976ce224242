// The stores that derive from a checkout (DESIGN.md §4 step 5): purchase edges and analytics lines.
import type { Order } from '../domain.js';
import type { RoleImpls } from '../roles.js';
import type { LagRecorder } from './lag.js';

export interface DerivedTarget {
  role: 'graph' | 'analytics';
  /** Idempotent apply of one order (the relay may deliver it more than once). */
  apply(order: Order): Promise<void>;
  isVisible(orderId: string): Promise<boolean>;
  lag: LagRecorder;
}

export function derivedTargets(
  roles: Pick<RoleImpls, 'graph' | 'analytics'>,
  lagFor: (role: 'graph' | 'analytics') => LagRecorder,
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
