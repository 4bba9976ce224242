// What the run committed: when each order's source commit was acknowledged, and which orders were placed
// (durable in inventory and orders, whatever the shopper was told next). Ground truth for lag (commit ack
// times) and for reconciliation (every placed order must exist everywhere, acknowledged or not).
import type { Order } from '../domain.js';

export class CommitLedger {
  /** Source commit ack, µs on the run clock, for every order that committed (acknowledged or not yet). */
  private readonly commitAck = new Map<string, number>();
  private readonly placedOrders = new Map<string, Order>();
  /** Orders committed by measured journeys: only their lag counts (docs/measurements.md). */
  private readonly measuredOrders = new Set<string>();
  /** Applies that came before the checkout heard its commit ack (a log-tailing relay can be that fast). */
  private readonly awaitingAck = new Map<string, Array<(commitUs: number) => void>>();

  committed(orderId: string, ackUs: number, measured = true): void {
    this.commitAck.set(orderId, ackUs);
    if (measured) this.measuredOrders.add(orderId);
    const waiting = this.awaitingAck.get(orderId);
    if (!waiting) return;
    this.awaitingAck.delete(orderId);
    for (const callback of waiting) callback(ackUs);
  }

  /** Calls back with the order's source commit ack: now if known, else as soon as the checkout hears it. */
  withCommitAck(orderId: string, callback: (commitUs: number) => void): void {
    const known = this.commitAck.get(orderId);
    if (known !== undefined) {
      callback(known);
      return;
    }
    const waiting = this.awaitingAck.get(orderId);
    if (waiting) waiting.push(callback);
    else this.awaitingAck.set(orderId, [callback]);
  }

  /** Whether the journey that committed orderId is measured. */
  isMeasured(orderId: string): boolean {
    return this.measuredOrders.has(orderId);
  }

  commitAckUs(orderId: string): number | undefined {
    return this.commitAck.get(orderId);
  }

  /** Durable in inventory and orders; a later step (cart, a dual write) may still fail the request. */
  placed(order: Order): void {
    this.placedOrders.set(order.id, order);
  }

  /** Orders the stores must hold: placed ones (every acknowledged order was placed first). */
  placedOrdersById(): ReadonlyMap<string, Order> {
    return this.placedOrders;
  }
}
