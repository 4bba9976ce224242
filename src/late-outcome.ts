// A call that failed on the client may still complete on the server: a call past its deadline
// (src/runner/call-deadline.ts) is abandoned unheard, and its request may commit afterwards. Such a failure
// carries the call's real outcome, delivered once the driver hears it, so a writer can settle what the write did
// (a checkout completes or compensates it) instead of guessing from the error alone.

/** What the abandoned call finally did. Never rejects. */
export type LateOutcome = { ok: true; value: unknown } | { ok: false; error: unknown };

export interface UncertainFailure {
  /** The abandoned call's outcome, once the driver hears it (never, if the server never answers). */
  readonly late: Promise<LateOutcome>;
}

export function settledOutcome(call: Promise<unknown>): Promise<LateOutcome> {
  return call.then(
    (value): LateOutcome => ({ ok: true, value }),
    (error: unknown): LateOutcome => ({ ok: false, error }),
  );
}

/** The late outcome of an error whose call may still complete, or null for a failure that is final. */
export function lateOutcomeOf(error: unknown): Promise<LateOutcome> | null {
  if (typeof error !== 'object' || error === null || !('late' in error)) return null;
  const late = (error as { late: unknown }).late;
  return late instanceof Promise ? (late as Promise<LateOutcome>) : null;
}

/** Work settling uncertain writes, awaited (to a deadline) before the run is reconciled. */
export class UnresolvedWrites {
  private readonly pending = new Set<Promise<void>>();

  track(work: Promise<void>): void {
    const settled = work.catch(() => undefined).finally(() => this.pending.delete(settled));
    this.pending.add(settled);
  }

  get size(): number {
    return this.pending.size;
  }

  /** Waits until every tracked write is settled or deadlineMs pass; returns how many are still unknown. */
  async settle(deadlineMs: number): Promise<number> {
    const deadline = Date.now() + deadlineMs;
    while (this.pending.size > 0) {
      const left = deadline - Date.now();
      if (left <= 0) break;
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([
        Promise.allSettled([...this.pending]),
        new Promise<void>((resolve) => {
          timer = setTimeout(resolve, left);
        }),
      ]);
      clearTimeout(timer);
    }
    return this.pending.size;
  }
}
