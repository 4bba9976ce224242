// How a checkout's writes reach the stores (docs/architecture.md, "A checkout's data flow"): the outbox path of the polyglot layout (also the
// source of cdc, which tails the same outbox rows from the WAL), the dual-write path that writes every store in
// the request, and the single-transaction path of a single-database layout. Each stops the user's clock at
// step 4; what happens after (a relay) is consistency lag, not latency.
import type { Order } from '../domain.js';
import { placedOrder } from '../domain.js';
import { nowUs } from '../metrics/clock.js';
import type { AtomicCheckout, ReserveLine, RoleImpls } from '../roles.js';
import type { DerivedTarget } from './targets.js';

export interface CheckoutRequest {
  orderId: string;
  userId: number;
  sessionId: string;
  createdAt: number;
  lines: ReserveLine[];
}

export type CheckoutResult =
  | { ok: true; order: Order; commitAckUs: number }
  | { ok: false; reason: 'out-of-stock' | 'unknown-product'; productId: number };

export type Mechanism = 'outbox' | 'cdc' | 'dual-write' | 'single-transaction';

export interface WritePath {
  readonly mechanism: Mechanism;
  checkout(request: CheckoutRequest): Promise<CheckoutResult>;
}

/** Thrown when the order write failed after stock was reserved; compensation already ran (or failed too). */
export class CheckoutFailed extends Error {
  constructor(
    message: string,
    readonly compensated: boolean,
    options?: { cause: unknown },
  ) {
    super(message, options);
    this.name = 'CheckoutFailed';
  }
}

/** A dual-write request failed after the order was placed: the derived stores it did not reach diverge. */
export class DualWriteFailed extends Error {
  constructor(message: string, options?: { cause: unknown }) {
    super(message, options);
    this.name = 'DualWriteFailed';
  }
}

/** What propagation measurement hears from a checkout. */
export interface CommitHooks {
  /** The source commit (stock reserved) was acknowledged at ackUs. */
  committed(orderId: string, ackUs: number): void;
  /**
   * The order is durable where it is placed (inventory and orders): whatever the shopper is told next (a
   * later step may still fail), every store that derives from orders must end up holding it.
   */
  placed(order: Order): void;
  /** The order write failed after the commit and the stock was (or was attempted to be) put back. */
  compensated(orderId: string): void;
}

type CheckoutRoles = Pick<RoleImpls, 'sessions' | 'inventory' | 'orders'>;

/** docs/architecture.md, "A checkout's data flow" steps 2–3: reserve (with or without the outbox row), then the order document or compensation. */
async function reserveAndPlace(
  roles: CheckoutRoles,
  request: CheckoutRequest,
  writeOutbox: boolean,
  hooks: CommitHooks,
): Promise<CheckoutResult> {
  const reservation = await roles.inventory.reserve({ ...request, writeOutbox });
  if (!reservation.ok) return reservation;
  const commitAckUs = nowUs();
  hooks.committed(request.orderId, commitAckUs);
  const order = placedOrder(request, reservation.lines);
  try {
    await roles.orders.insertOrder(order);
  } catch (error) {
    let compensated = true;
    await roles.inventory.release(order.id, order.lines).catch(() => {
      compensated = false;
    });
    hooks.compensated(order.id);
    const what = compensated ? 'stock released' : 'stock release FAILED too';
    throw new CheckoutFailed(`order write failed (${what}): ${messageOf(error)}`, compensated, {
      cause: error,
    });
  }
  hooks.placed(order);
  return { ok: true, order, commitAckUs };
}

/** Outbox (polled by the relay) and cdc (the same rows tailed from the WAL) share the shopper's path. */
export function outboxWritePath(
  roles: CheckoutRoles,
  hooks: CommitHooks,
  mechanism: 'outbox' | 'cdc' = 'outbox',
): WritePath {
  return {
    mechanism,
    async checkout(request) {
      const result = await reserveAndPlace(roles, request, true, hooks);
      if (result.ok) await roles.sessions.clearCart(request.sessionId);
      return result;
    },
  };
}

/**
 * Dual write: after the order is placed the request itself writes each derived store in turn, then clears the
 * cart. The shopper waits for all of it (that is its cost); apply lag is measured inline. A derived write that
 * fails is not retried or undone, as in the naive pattern: the shopper gets an error, the order stays placed,
 * and reconciliation counts the stores it never reached.
 */
export function dualWritePath(
  roles: CheckoutRoles,
  targets: readonly DerivedTarget[],
  hooks: CommitHooks,
): WritePath {
  return {
    mechanism: 'dual-write',
    async checkout(request) {
      const result = await reserveAndPlace(roles, request, false, hooks);
      if (!result.ok) return result;
      for (const target of targets) {
        try {
          await target.apply(result.order);
        } catch (error) {
          throw new DualWriteFailed(
            `${target.role} write failed after the order was placed (left divergent): ${messageOf(error)}`,
            { cause: error },
          );
        }
        target.lag.applied(result.order.id, result.commitAckUs, nowUs());
      }
      await roles.sessions.clearCart(request.sessionId);
      return result;
    },
  };
}

export function singleTransactionWritePath(
  atomic: AtomicCheckout,
  sessions: RoleImpls['sessions'],
  clearsCartInTransaction: boolean,
  hooks: CommitHooks,
): WritePath {
  return {
    mechanism: 'single-transaction',
    async checkout(request) {
      const reservation = await atomic.checkoutAtomic({
        ...request,
        writeOutbox: false,
        sessionId: clearsCartInTransaction ? request.sessionId : null,
      });
      if (!reservation.ok) return reservation;
      const commitAckUs = nowUs();
      hooks.committed(request.orderId, commitAckUs);
      const order = placedOrder(request, reservation.lines);
      hooks.placed(order);
      if (!clearsCartInTransaction) await sessions.clearCart(request.sessionId);
      return { ok: true, order, commitAckUs };
    },
  };
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
