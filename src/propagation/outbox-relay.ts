// The outbox relay (docs/architecture.md, "A checkout's data flow" step 5): polls the inventory store's outbox, applies each row to every
// derived store idempotently (at-least-once delivery; a retraction undoes a compensated checkout's purchase),
// then marks the rows applied. Apply lag is measured by the applier: derived write ack − source commit ack.
import { nowUs } from '../metrics/clock.js';
import type { InventoryRole, OutboxRow } from '../roles.js';
import type { CommitLedger } from './ledger.js';
import { OutboxApplier } from './outbox-applier.js';
import { sleep, sleepUntilUs } from './sleep.js';
import type { DerivedTarget } from './targets.js';

export interface RelayOptions {
  pollIntervalMs: number;
  batchSize: number;
  /** Extra delay before applying each batch: a slowed relay (tests). */
  applyDelayMs?: number;
}

/** What the runner needs of a relay, polling (outbox) or log-tailing (cdc). */
export interface Relay {
  start(): void;
  /** Waits until everything committed is applied, or the deadline passes; the relay keeps running. */
  drain(deadlineMs: number): Promise<{ drained: boolean; ms: number }>;
  stop(): Promise<void>;
  /** A slowed relay (fault injection): wait this long before applying each batch; 0 = not slowed. */
  setApplyDelayMs(ms: number): void;
  readonly errors: number;
  readonly lastError: unknown;
}

/**
 * Waits until the inventory store's outbox has nothing pending (both relays mark rows applied), or the deadline
 * passes. `settle`, when given, sees up to `batch` of the rows still pending and may act on them (the cdc relay
 * marks again rows it applied); when it did something the outbox is looked at again at once.
 */
export async function drainOutbox(
  inventory: InventoryRole,
  deadlineMs: number,
  pollMs: number,
  settle?: { batch: number; pending(rows: OutboxRow[]): Promise<boolean> },
): Promise<{ drained: boolean; ms: number }> {
  const started = performance.now();
  for (;;) {
    const pending = await inventory.pendingOutbox(settle?.batch ?? 1).catch(() => null);
    const ms = performance.now() - started;
    if (pending !== null && pending.length === 0) return { drained: true, ms };
    if (ms >= deadlineMs) return { drained: false, ms };
    const acted = pending !== null && settle !== undefined && (await settle.pending(pending));
    if (!acted) await sleep(Math.min(pollMs, 50));
  }
}

export class OutboxRelay implements Relay {
  private running: Promise<void> | null = null;
  private readonly stopController = new AbortController();
  /** Failed polls or applies; the rows stay pending and are retried on the next poll. */
  errors = 0;
  lastError: unknown = null;
  private applyDelayMs: number;
  private readonly applier: OutboxApplier;

  constructor(
    private readonly inventory: InventoryRole,
    targets: readonly DerivedTarget[],
    ledger: CommitLedger,
    private readonly options: RelayOptions,
  ) {
    this.applyDelayMs = options.applyDelayMs ?? 0;
    this.applier = new OutboxApplier(targets, ledger);
  }

  setApplyDelayMs(ms: number): void {
    this.applyDelayMs = ms;
  }

  start(): void {
    this.running ??= this.loop();
  }

  /** Waits until the outbox is empty or the deadline passes; the relay keeps running meanwhile. */
  drain(deadlineMs: number): Promise<{ drained: boolean; ms: number }> {
    return drainOutbox(this.inventory, deadlineMs, this.options.pollIntervalMs);
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
    // Never shorter than stated (a plain timer can fire a millisecond early).
    if (this.applyDelayMs > 0) await sleepUntilUs(nowUs() + this.applyDelayMs * 1000);
    await this.applier.apply(rows);
    await this.inventory.markOutboxApplied(rows.map((row) => row.seq));
    return rows.length;
  }
}
