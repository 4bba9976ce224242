// Applies outbox rows to every derived store, for both relays (outbox polling, cdc): a purchase is applied, a
// retraction (a compensated checkout, docs/architecture.md "A compensated checkout") undoes it. Apply lag is
// measured here per purchase: derived write ack − source commit ack (docs/measurements.md, "Consistency lag").
import { nowUs } from '../metrics/clock.js';
import type { OutboxRow } from '../roles.js';
import type { CommitLedger } from './ledger.js';
import type { DerivedTarget } from './targets.js';

/**
 * Rows of one batch applied to a derived store at once. Orders are independent and every apply is
 * idempotent, so order within a batch does not matter; one at a time, a relay over networked stores fell
 * seconds behind at a few dozen checkouts per second.
 */
const APPLY_CONCURRENCY = 16;

/**
 * One per relay, which lives as long as the layout's (fresh) stores. Ordering is made safe here, not in the
 * stores: a retracted order's purchase is never applied again once its retraction has been seen. Delivery is
 * at-least-once, so a purchase can come again after its retraction (the cdc feed's catch-up after a reconnect
 * redelivers rows whose marking was lost), and the two can share a batch (whose rows are applied concurrently).
 * Batches never overlap (both relays apply one at a time), so an order's purchase and retraction never run at
 * once, and the stores' undo methods need only be idempotent.
 */
export class OutboxApplier {
  /** Orders whose retraction this relay has seen: their purchases are skipped from then on. */
  private readonly retracted = new Set<string>();

  constructor(
    private readonly targets: readonly DerivedTarget[],
    private readonly ledger: CommitLedger,
  ) {}

  /** Resolves once every row is applied everywhere; a failure is thrown after the whole chunk settled. */
  async apply(rows: readonly OutboxRow[]): Promise<void> {
    // Known before anything is applied: the retraction row is durable, so it is retried until it succeeds.
    for (const row of rows) if (row.kind === 'retraction') this.retracted.add(row.order.id);
    // A release that ran twice leaves two retractions: one is undo enough, and two would race each other.
    const undone = new Set<string>();
    const live = rows.filter((row) => {
      if (row.kind === 'purchase') return !this.retracted.has(row.order.id);
      if (undone.has(row.order.id)) return false;
      undone.add(row.order.id);
      return true;
    });
    for (let start = 0; start < live.length; start += APPLY_CONCURRENCY) {
      const chunk = live.slice(start, start + APPLY_CONCURRENCY);
      // Settle every apply before reporting a failure, so a retry never races an apply still in flight.
      const outcomes = await Promise.allSettled(
        chunk.flatMap((row) => this.targets.map((target) => this.applyRow(row, target))),
      );
      const failed = outcomes.find((outcome) => outcome.status === 'rejected');
      if (failed) throw failed.reason;
    }
  }

  private async applyRow(row: OutboxRow, target: DerivedTarget): Promise<void> {
    if (row.kind === 'retraction') {
      await target.retract(row.order);
      return;
    }
    await target.apply(row.order);
    const ackUs = nowUs();
    // The commit ack may not be known yet: the checkout hears it after the database has committed.
    this.ledger.withCommitAck(row.order.id, (commitUs) => target.lag.applied(row.order.id, commitUs, ackUs));
  }
}
