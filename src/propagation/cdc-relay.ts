// The cdc strategy's relay: the same outbox rows as the polling relay, but read from PostgreSQL's change log
// (logical decoding) as they commit, with no poll interval. Applied idempotently to every derived store, then
// marked applied, so the end-of-run drain and reconciliation are the outbox's own.
import type { InventoryRole } from '../roles.js';
import type { ChangeFeed, OutboxChange } from './cdc/postgres-change-feed.js';
import type { CommitLedger } from './ledger.js';
import { applyToTargets, drainOutbox, type Relay } from './outbox-relay.js';
import { sleep } from './sleep.js';
import type { DerivedTarget } from './targets.js';

/** How often drain() looks at the outbox; the feed itself is pushed, not polled. */
const DRAIN_CHECK_MS = 10;

export class CdcRelay implements Relay {
  private applyDelayMs = 0;

  constructor(
    private readonly feed: ChangeFeed,
    private readonly inventory: InventoryRole,
    private readonly targets: readonly DerivedTarget[],
    private readonly ledger: CommitLedger,
  ) {}

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
      if (this.applyDelayMs > 0) await sleep(this.applyDelayMs);
      const rows = changes.map((change) => ({ seq: change.seq, order: change.order }));
      await applyToTargets(rows, this.targets, this.ledger);
      await this.inventory.markOutboxApplied(rows.map((row) => row.seq));
    });
  }

  drain(deadlineMs: number): Promise<{ drained: boolean; ms: number }> {
    return drainOutbox(this.inventory, deadlineMs, DRAIN_CHECK_MS);
  }

  stop(): Promise<void> {
    return this.feed.stop();
  }
}
