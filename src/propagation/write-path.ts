// How a checkout's writes reach the stores (DESIGN.md §4): the outbox path of the polyglot layout and the
// single-transaction path of a single-database layout. Both stop the user's clock at step 4; what happens
// after (the relay) is consistency lag, not latency.
import type { Order } from '../domain.js';
import { placedOrder } from '../domain.js';
import { nowUs } from '../metrics/clock.js';
import type { AtomicCheckout, ReserveLine, RoleImpls } from '../roles.js';

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

export interface WritePath {
  readonly mechanism: 'outbox' | 'single-transaction';
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

/** What propagation measurement hears from a checkout: its source commit ack, and a later compensation. */
export interface CommitHooks {
  committed(orderId: string, ackUs: number): void;
  /** The order write failed after the commit and the stock was (or was attempted to be) put back. */
  compensated(orderId: string): void;
}

export function outboxWritePath(
  roles: Pick<RoleImpls, 'sessions' | 'inventory' | 'orders'>,
  hooks: CommitHooks,
): WritePath {
  return {
    mechanism: 'outbox',
    async checkout(request) {
      const reservation = await roles.inventory.reserve({ ...request, writeOutbox: true });
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
      await roles.sessions.clearCart(request.sessionId);
      return { ok: true, order, commitAckUs };
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
      if (!clearsCartInTransaction) await sessions.clearCart(request.sessionId);
      return { ok: true, order: placedOrder(request, reservation.lines), commitAckUs };
    },
  };
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
