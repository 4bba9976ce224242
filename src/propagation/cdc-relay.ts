// The cdc strategy's relay: the same outbox rows as the polling relay, but read from PostgreSQL's change log
// (logical decoding) as they commit, with no poll interval. Applied idempotently to every derived store (a
// retraction undoes a compensated checkout's purchase), then marked applied, so the end-of-run drain and
// reconciliation are the outbox's own.
import { nowUs } from '../metrics/clock.js';
import type { InventoryRole } from '../roles.js';
import type { ChangeFeed, OutboxChange } from './cdc/postgres-change-feed.js';
import type { CommitLedger } from './ledger.js';
import { OutboxApplier } from './outbox-applier.js';
import { drainOutbox, type Relay } from './outbox-relay.js';
import { sleepUntilUs } from './sleep.js';
import type { DerivedTarget } from './targets.js';

/** How often drain() looks at the outbox; the feed itself is pushed, not polled. */
const DRAIN_CHECK_MS = 10;
/** Rows drain() reads per look, to re-mark the ones the relay already applied. */
const DRAIN_BATCH = 100;

export class CdcRelay implements Relay {
  private applyDelayMs = 0;
  /**
   * Rows applied by this relay. The WAL can deliver a commit a moment before other sessions see its rows, so
   * marking such a row applied right away can update nothing and leave it pending although it was applied
   * (seen here in about one run of six). drain() marks those again, by which time the row is visible.
   */
  private readonly appliedSeqs = new Set<number>();
  private readonly applier: OutboxApplier;

  constructor(
    private readonly feed: ChangeFeed,
    private readonly inventory: InventoryRole,
    targets: readonly DerivedTarget[],
    ledger: CommitLedger,
  ) {
    this.applier = new OutboxApplier(targets, ledger);
  }

  get description(): string {
    return this.feed.description;
  }

  get errors(): number {
    return this.feed.errors;
  }

  get lastError(): unknown {
    return this.feed.lastError;
  }

  setApplyDelayMs(ms: number): void {
    this.applyDelayMs = ms;
  }

  start(): void {
    this.feed.start(async (changes: OutboxChange[]) => {
      // Never shorter than stated (a plain timer can fire a millisecond early).
      if (this.applyDelayMs > 0) await sleepUntilUs(nowUs() + this.applyDelayMs * 1000);
      const rows = changes.map(({ seq, kind, order }) => ({ seq, kind, order }));
      await this.applier.apply(rows);
      for (const row of rows) this.appliedSeqs.add(row.seq);
      await this.inventory.markOutboxApplied(rows.map((row) => row.seq));
    });
  }

  drain(deadlineMs: number): Promise<{ drained: boolean; ms: number }> {
    return drainOutbox(this.inventory, deadlineMs, DRAIN_CHECK_MS, {
      batch: DRAIN_BATCH,
      pending: async (rows) => {
        const applied = rows.filter((row) => this.appliedSeqs.has(row.seq)).map((row) => row.seq);
        if (applied.length === 0) return false;
        await this.inventory.markOutboxApplied(applied).catch(() => undefined);
        return true;
      },
    });
  }

  stop(): Promise<void> {
    return this.feed.stop();
  }
}
