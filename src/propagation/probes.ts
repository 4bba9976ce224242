// Probe readers for visible lag (docs/measurements.md): for a sample of checkouts, poll each derived store every
// probeInterval until the order shows up. Visible lag = the instant a probe read that returned the order
// completed − source commit ack; its resolution is the probe interval (reported with the figures). Watching
// starts at the commit ack, not when the shopper is told: a relay faster than the rest of the checkout must not
// look slower than it is. Such a watch is provisional until the checkout is acknowledged; a compensated
// checkout's outcome is dropped (only acknowledged writes are sampled).
//
// A round asks each derived store about all of its outstanding writes in one batched read (at most
// PROBE_BATCH_MAX ids per read), so the probes' load on a store grows with rounds, not with the backlog. Each
// write's lag is still the instant the read that first returned it completed − its commit ack; a read that
// failed is no evidence for any id it asked about (docs/measurements.md, "Consistency lag").
import { nowUs } from '../metrics/clock.js';
import type { DerivedTarget, ProbeOutcome } from './targets.js';

/** The most order ids one probe read asks about: a huge backlog costs a few bounded reads, never one unbounded. */
export const PROBE_BATCH_MAX = 500;

interface Watch {
  orderId: string;
  commitUs: number;
  deadlineUs: number;
  /** When the previous read of this write completed (the commit ack before the first read). */
  lastReadUs: number;
}

export class VisibilityProbes {
  private readonly pending = new Map<DerivedTarget, Watch[]>();
  private timer: NodeJS.Timeout | null = null;
  private ticking = false;
  private stopped = false;
  /** Outcomes of provisional watches, held until their checkout is acknowledged (or dropped if abandoned). */
  /** Compensated checkouts: a probe read already in flight for one must not count when it returns. */
  private readonly abandoned = new Set<string>();
  private readonly held = new Map<string, Array<{ target: DerivedTarget; outcome: ProbeOutcome }>>();
  /** Probe reads that failed (store down), once per failed read whatever its ids; they stay pending, retried. */
  errors = 0;

  constructor(
    private readonly targets: readonly DerivedTarget[],
    private readonly intervalMs: number,
    private readonly timeoutMs: number,
  ) {
    for (const target of targets) this.pending.set(target, []);
  }

  /** Starts probing orderId in every derived store; provisional: outcomes count only once acknowledge()d. */
  watch(orderId: string, commitUs: number, provisional = false): void {
    if (this.stopped) return;
    if (provisional) this.held.set(orderId, []);
    const deadlineUs = commitUs + this.timeoutMs * 1000;
    for (const target of this.targets) {
      this.pending.get(target)!.push({ orderId, commitUs, deadlineUs, lastReadUs: commitUs });
    }
    this.schedule(0);
  }

  /** The checkout was acknowledged: its held outcomes count, and so will the ones still to come. */
  acknowledge(orderId: string): void {
    const held = this.held.get(orderId);
    if (!held) return;
    this.held.delete(orderId);
    for (const { target, outcome } of held) target.lag.probed(outcome);
  }

  /** The checkout was compensated, never acknowledged: stop probing it and forget what was seen. */
  abandon(orderId: string): void {
    if (!this.held.delete(orderId)) return;
    this.abandoned.add(orderId);
    for (const list of this.pending.values()) {
      const kept = list.filter((watch) => watch.orderId !== orderId);
      list.splice(0, list.length, ...kept);
    }
  }

  /** seenUs: the read that saw the write; null: not seen, censored at the last read that missed it. */
  private record(target: DerivedTarget, watch: Watch, seenUs: number | null): void {
    if (this.abandoned.has(watch.orderId)) return;
    // The write became visible somewhere between the previous read and this one: that gap is the real
    // resolution of this sample, which a busy store or many outstanding watches stretch beyond the interval.
    const outcome: ProbeOutcome = {
      orderId: watch.orderId,
      commitUs: watch.commitUs,
      seenUs,
      gapUs: seenUs === null ? null : seenUs - watch.lastReadUs,
      censoredAtUs: seenUs === null ? watch.lastReadUs : null,
    };
    const held = this.held.get(watch.orderId);
    if (held) held.push({ target, outcome });
    else target.lag.probed(outcome);
  }

  get outstanding(): number {
    let count = 0;
    for (const list of this.pending.values()) count += list.length;
    return count;
  }

  /** Waits for every watch to resolve (seen or timed out), at most until deadlineMs from now. */
  async settle(deadlineMs: number): Promise<void> {
    const until = performance.now() + deadlineMs;
    // A round in flight has taken its watches off the lists: wait for it too, or they would be cut short.
    while ((this.outstanding > 0 || this.ticking) && performance.now() < until) {
      await new Promise((resolve) => setTimeout(resolve, Math.max(1, this.intervalMs)));
    }
  }

  /** Stops probing; whatever is still unseen is censored at its last read. */
  stop(): void {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    for (const [target, list] of this.pending) {
      for (const watch of list) this.record(target, watch, null);
      list.length = 0;
    }
  }

  private schedule(delayMs: number): void {
    if (this.timer || this.ticking || this.stopped) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.tick();
    }, delayMs);
  }

  private async tick(): Promise<void> {
    this.ticking = true;
    const tickStart = performance.now();
    await Promise.all([...this.pending.entries()].map(([target, list]) => this.probeTarget(target, list)));
    this.ticking = false;
    if (this.outstanding > 0) {
      // Keep the stated interval between read rounds; a slow round is followed at once.
      this.schedule(Math.max(0, this.intervalMs - (performance.now() - tickStart)));
    }
  }

  private async probeTarget(target: DerivedTarget, list: Watch[]): Promise<void> {
    const round = list.splice(0, list.length);
    const stillPending: Watch[] = [];
    const batches: Watch[][] = [];
    for (let at = 0; at < round.length; at += PROBE_BATCH_MAX)
      batches.push(round.slice(at, at + PROBE_BATCH_MAX));
    await Promise.all(
      batches.map(async (batch) => {
        let seen: Set<string> | null = null;
        try {
          seen = await target.visibleOrders(batch.map((watch) => watch.orderId));
        } catch {
          this.errors += 1;
        }
        const readDoneUs = nowUs();
        for (const watch of batch) {
          if (seen?.has(watch.orderId)) {
            this.record(target, watch, readDoneUs);
            continue;
          }
          // Only a read that answered "not there" is evidence: a failed one says nothing about visibility.
          if (seen) watch.lastReadUs = readDoneUs;
          if (readDoneUs >= watch.deadlineUs) this.record(target, watch, null);
          else stillPending.push(watch);
        }
      }),
    );
    if (this.stopped) {
      for (const watch of stillPending) this.record(target, watch, null);
      return;
    }
    list.push(...stillPending.filter((watch) => !this.abandoned.has(watch.orderId)));
  }
}
