// Probe readers for visible lag (DESIGN.md §5): for a sample of checkouts, poll each derived store every
// probeInterval until the order shows up. Visible lag = the instant a probe read that returned the order
// completed − source commit ack; its resolution is the probe interval (reported with the figures).
import { nowUs } from '../metrics/clock.js';
import type { DerivedTarget } from './targets.js';

interface Watch {
  orderId: string;
  commitUs: number;
  deadlineUs: number;
}

export class VisibilityProbes {
  private readonly pending = new Map<DerivedTarget, Watch[]>();
  private timer: NodeJS.Timeout | null = null;
  private ticking = false;
  private stopped = false;
  /** Probe reads that failed (store down); the watch stays pending and is retried. */
  errors = 0;

  constructor(
    private readonly targets: readonly DerivedTarget[],
    private readonly intervalMs: number,
    private readonly timeoutMs: number,
  ) {
    for (const target of targets) this.pending.set(target, []);
  }

  watch(orderId: string, commitUs: number): void {
    if (this.stopped) return;
    const deadlineUs = commitUs + this.timeoutMs * 1000;
    for (const target of this.targets) this.pending.get(target)!.push({ orderId, commitUs, deadlineUs });
    this.schedule(0);
  }

  get outstanding(): number {
    let count = 0;
    for (const list of this.pending.values()) count += list.length;
    return count;
  }

  /** Waits for every watch to resolve (seen or timed out), at most until deadlineMs from now. */
  async settle(deadlineMs: number): Promise<void> {
    const until = performance.now() + deadlineMs;
    while (this.outstanding > 0 && performance.now() < until) {
      await new Promise((resolve) => setTimeout(resolve, Math.max(1, this.intervalMs)));
    }
  }

  /** Stops probing; whatever is still unseen counts as never visible. */
  stop(): void {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    for (const [target, list] of this.pending) {
      for (const watch of list) target.lag.probed(watch.commitUs, null);
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
    await Promise.all(
      round.map(async (watch) => {
        let seen = false;
        try {
          seen = await target.isVisible(watch.orderId);
        } catch {
          this.errors += 1;
        }
        const readDoneUs = nowUs();
        if (seen) target.lag.probed(watch.commitUs, readDoneUs);
        else if (readDoneUs >= watch.deadlineUs) target.lag.probed(watch.commitUs, null);
        else stillPending.push(watch);
      }),
    );
    if (this.stopped) {
      for (const watch of stillPending) target.lag.probed(watch.commitUs, null);
      return;
    }
    list.push(...stillPending);
  }
}
