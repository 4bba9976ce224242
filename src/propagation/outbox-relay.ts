// The outbox relay (DESIGN.md §4 step 5): polls the inventory store's outbox, applies each order to every
// derived store idempotently (at-least-once delivery), then marks the rows applied. Apply lag is measured
// here: derived write ack − source commit ack.
import { nowUs } from '../metrics/clock.js';
import type { InventoryRole } from '../roles.js';
import type { CommitLedger } from './ledger.js';
import { sleep } from './sleep.js';
import type { DerivedTarget } from './targets.js';

export interface RelayOptions {
  pollIntervalMs: number;
  batchSize: number;
  /** Extra delay before applying each batch: a slowed relay (tests, fault injection). */
  applyDelayMs?: number;
}

export class OutboxRelay {
  private running: Promise<void> | null = null;
  private readonly stopController = new AbortController();
  /** Failed polls or applies; the rows stay pending and are retried on the next poll. */
  errors = 0;
  lastError: unknown = null;

  constructor(
    private readonly inventory: InventoryRole,
    private readonly targets: readonly DerivedTarget[],
    private readonly ledger: CommitLedger,
    private readonly options: RelayOptions,
  ) {}

  start(): void {
    this.running ??= this.loop();
  }

  /** Waits until the outbox is empty or the deadline passes; the relay keeps running meanwhile. */
  async drain(deadlineMs: number): Promise<{ drained: boolean; ms: number }> {
    const started = performance.now();
    for (;;) {
      const pending = await this.inventory.pendingOutbox(1).catch(() => null);
      const ms = performance.now() - started;
      if (pending !== null && pending.length === 0) return { drained: true, ms };
      if (ms >= deadlineMs) return { drained: false, ms };
      await sleep(Math.min(this.options.pollIntervalMs, 50));
    }
  }

  async stop(): Promise<void> {
    this.stopController.abort();
    await this.running;
  }

  private async loop(): Promise<void> {
    const signal = this.stopController.signal;
    while (!signal.aborted) {
      let applied = 0;
      try {
        applied = await this.pollOnce();
      } catch (error) {
        this.errors += 1;
        this.lastError = error;
      }
      // A full batch means a backlog: poll again at once instead of waiting.
      if (applied < this.options.batchSize) await sleep(this.options.pollIntervalMs, signal);
    }
  }

  private async pollOnce(): Promise<number> {
    const rows = await this.inventory.pendingOutbox(this.options.batchSize);
    if (rows.length === 0) return 0;
    if (this.options.applyDelayMs) await sleep(this.options.applyDelayMs);
    for (const row of rows) {
      const commitUs = this.ledger.commitAckUs(row.order.id);
      await Promise.all(
        this.targets.map(async (target) => {
          await target.apply(row.order);
          if (commitUs !== undefined) target.lag.applied(row.order.id, commitUs, nowUs());
        }),
      );
    }
    await this.inventory.markOutboxApplied(rows.map((row) => row.seq));
    return rows.length;
  }
}
