// How a checkout's writes reach the stores (docs/architecture.md, "A checkout's data flow"): the outbox path of the polyglot layout (also the
// source of cdc, which tails the same outbox rows from the WAL), the dual-write path that writes every store in
// the request, and the single-transaction path of a single-database layout. Each stops the user's clock at
// step 4; what happens after (a relay) is consistency lag, not latency.
import type { Order } from '../domain.js';
import { placedOrder } from '../domain.js';
import { nowUs } from '../metrics/clock.js';
import type { AtomicCheckout, ReserveLine, Reservation, RoleImpls } from '../roles.js';
import { lateOutcomeOf, UnresolvedWrites } from '../late-outcome.js';
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
  /**
   * Waits (to deadlineMs) for the writes whose call timed out to show what they did: a reservation or an order
   * that committed after its deadline is completed (placed) or compensated, as if it had answered in time.
   * Returns how many are still unknown. Called before the relay drains and the run is reconciled.
   */
  settle?(deadlineMs: number): Promise<number>;
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
  unresolved: UnresolvedWrites,
): Promise<CheckoutResult> {
  let reservation: Reservation;
  try {
    reservation = await roles.inventory.reserve({ ...request, writeOutbox });
  } catch (error) {
    // A reservation past its deadline may still commit (stock taken, outbox row written): once it does, the
    // checkout goes on as if it had answered late, so the order is placed or its stock put back.
    const late = lateOutcomeOf(error);
    if (late) {
      unresolved.track(
        late.then(async (outcome) => {
          if (!outcome.ok || !(outcome.value as Reservation).ok) return;
          await placeReserved(roles, request, outcome.value as Reservation & { ok: true }, hooks, unresolved);
        }),
      );
    }
    throw error;
  }
  if (!reservation.ok) return reservation;
  return placeReserved(roles, request, reservation, hooks, unresolved);
}

/** Step 3 after a committed reservation: the order document, or compensation when it certainly failed. */
async function placeReserved(
  roles: CheckoutRoles,
  request: CheckoutRequest,
  reservation: Reservation & { ok: true },
  hooks: CommitHooks,
  unresolved: UnresolvedWrites,
): Promise<CheckoutResult & { ok: true }> {
  const commitAckUs = nowUs();
  hooks.committed(request.orderId, commitAckUs);
  const order = placedOrder(request, reservation.lines);
  try {
    await roles.orders.insertOrder(order);
  } catch (error) {
    const late = lateOutcomeOf(error);
    if (late) {
      // The order document may still be written: releasing the stock now could leave a placed order with its
      // stock back. It is placed if the write lands, compensated if it fails.
      unresolved.track(
        late.then(async (outcome) => {
          if (outcome.ok) hooks.placed(order);
          else await compensate(roles, order, hooks, unresolved);
        }),
      );
      throw new CheckoutFailed(
        `order write gave no answer (placed if it lands, else stock released): ${messageOf(error)}`,
        false,
        { cause: error },
      );
    }
    const compensated = await compensate(roles, order, hooks, unresolved);
    const what = compensated ? 'stock released' : 'stock release FAILED too';
    throw new CheckoutFailed(`order write failed (${what}): ${messageOf(error)}`, compensated, {
      cause: error,
    });
  }
  hooks.placed(order);
  return { ok: true, order, commitAckUs };
}

/** Puts the order's stock back; true when that certainly or (a release past its deadline) probably happened. */
async function compensate(
  roles: CheckoutRoles,
  order: Order,
  hooks: CommitHooks,
  unresolved: UnresolvedWrites,
): Promise<boolean> {
  let compensated = true;
  await roles.inventory.release(order.id, order.lines).catch((error: unknown) => {
    const late = lateOutcomeOf(error);
    // A release past its deadline is still running: reconciliation waits for it.
    if (late) unresolved.track(late.then(() => undefined));
    else compensated = false;
  });
  hooks.compensated(order.id);
  return compensated;
}

/** Outbox (polled by the relay) and cdc (the same rows tailed from the WAL) share the shopper's path. */
export function outboxWritePath(
  roles: CheckoutRoles,
  hooks: CommitHooks,
  mechanism: 'outbox' | 'cdc' = 'outbox',
): WritePath {
  const unresolved = new UnresolvedWrites();
  return {
    mechanism,
    settle: (deadlineMs) => unresolved.settle(deadlineMs),
    async checkout(request) {
      const result = await reserveAndPlace(roles, request, true, hooks, unresolved);
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
  const unresolved = new UnresolvedWrites();
  return {
    mechanism: 'dual-write',
    settle: (deadlineMs) => unresolved.settle(deadlineMs),
    async checkout(request) {
      const result = await reserveAndPlace(roles, request, false, hooks, unresolved);
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
  const unresolved = new UnresolvedWrites();
  // The one transaction commits the stock and the order together: placed once it is acknowledged, late or not.
  const placeCommitted = (request: CheckoutRequest, reservation: Reservation & { ok: true }) => {
    const commitAckUs = nowUs();
    hooks.committed(request.orderId, commitAckUs);
    const order = placedOrder(request, reservation.lines);
    hooks.placed(order);
    return { order, commitAckUs };
  };
  return {
    mechanism: 'single-transaction',
    settle: (deadlineMs) => unresolved.settle(deadlineMs),
    async checkout(request) {
      let reservation: Reservation;
      try {
        reservation = await atomic.checkoutAtomic({
          ...request,
          writeOutbox: false,
          sessionId: clearsCartInTransaction ? request.sessionId : null,
        });
      } catch (error) {
        const late = lateOutcomeOf(error);
        if (late) {
          unresolved.track(
            late.then((outcome) => {
              const value = outcome.ok ? (outcome.value as Reservation) : null;
              if (value?.ok) placeCommitted(request, value);
            }),
          );
        }
        throw error;
      }
      if (!reservation.ok) return reservation;
      const { order, commitAckUs } = placeCommitted(request, reservation);
      if (!clearsCartInTransaction) await sessions.clearCart(request.sessionId);
      return { ok: true, order, commitAckUs };
    },
  };
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
