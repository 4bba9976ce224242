// What the shoppers were told: every acknowledged order and when its source commit was acknowledged.
// Ground truth for lag (commit ack times) and for reconciliation (which orders must exist where).
import type { Order } from '../domain.js';

export class CommitLedger {
  /** Source commit ack, µs on the run clock, for every order that committed (acknowledged or not yet). */
  private readonly commitAck = new Map<string, number>();
  private readonly acknowledgedOrders = new Map<string, Order>();

  committed(orderId: string, ackUs: number): void {
    this.commitAck.set(orderId, ackUs);
  }

  commitAckUs(orderId: string): number | undefined {
    return this.commitAck.get(orderId);
  }

  /** The shopper was told the order succeeded. */
  acknowledge(order: Order): void {
    this.acknowledgedOrders.set(order.id, order);
  }

  acknowledged(): ReadonlyMap<string, Order> {
    return this.acknowledgedOrders;
  }
}
