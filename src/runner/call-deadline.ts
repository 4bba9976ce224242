// Every store call has a deadline: a server that stops answering but keeps its connection open would otherwise
// hold a journey (and the end of the run) without limit. A call past its deadline is rejected with a
// CallTimeoutError, which the timing wrapper counts as the failed call it is; the driver's own request is left to
// finish or fail unheard. The default is per kind of engine, overridable per store (stores.<name>.callTimeout).
import type { OpenedLayout } from '../layouts/open-layout.js';
import { nowUs } from '../metrics/clock.js';
import type { CallSource } from '../metrics/events.js';
import type { Scenario } from '../scenario/types.js';
import { settledOutcome, type LateOutcome, type UncertainFailure } from '../late-outcome.js';

/** A networked server answers a benchmark's calls in milliseconds; seconds mean it is not answering. */
export const SERVER_CALL_TIMEOUT_MS = 5_000;
/**
 * In-process engines run on this process's threads; a timer cannot fire during a synchronous call anyway, so
 * their deadline only catches a call left waiting (a queue that never drains).
 */
export const EMBEDDED_CALL_TIMEOUT_MS = 30_000;
/** Reconciliation reads whole roles once after the run (every order): allowed this many deadlines. */
const RECONCILE_FACTOR = 10;

/**
 * The call is abandoned, not undone: a write may still commit on the server. `late` delivers what it finally did
 * (src/late-outcome.ts), so a checkout settles the write instead of taking the timeout for a failure.
 */
export class CallTimeoutError extends Error implements UncertainFailure {
  constructor(
    store: string,
    method: string,
    ms: number,
    readonly late: Promise<LateOutcome> = Promise.resolve({ ok: false, error: null }),
  ) {
    super(`store ${store}: ${method} gave no answer within ${formatMs(ms)} (callTimeout)`);
    this.name = 'CallTimeoutError';
  }
}

function formatMs(ms: number): string {
  return ms >= 1000 ? `${ms / 1000} s` : `${ms} ms`;
}

/** Store name → its deadline in ms, from the scenario's setting or the engine's default. */
export function callDeadlines(
  scenario: Scenario,
  opened: Pick<OpenedLayout, 'adapters'>,
): Map<string, number> {
  const deadlines = new Map<string, number>();
  for (const [name, adapter] of opened.adapters) {
    const configured = scenario.stores[name]?.callTimeoutMs;
    const fallback = adapter.info.embedded ? EMBEDDED_CALL_TIMEOUT_MS : SERVER_CALL_TIMEOUT_MS;
    deadlines.set(name, configured ?? fallback);
  }
  return deadlines;
}

export function deadlineFor(ms: number, source: CallSource): number {
  return source === 'reconcile' ? ms * RECONCILE_FACTOR : ms;
}

/**
 * How often overdue calls are looked for. One shared sweep instead of a timer per call: every store call of the
 * load passes here, and a timer each (set, cleared, raced) cost about 0.9 µs a call. A deadline of seconds fires
 * at most this much late.
 */
const SWEEP_MS = 50;

interface PendingCall {
  dueUs: number;
  expire(): void;
}

const pending = new Set<PendingCall>();
let sweeper: NodeJS.Timeout | null = null;

function sweep(): void {
  const now = nowUs();
  for (const call of pending) {
    if (call.dueUs > now) continue;
    pending.delete(call);
    call.expire();
  }
  if (pending.size === 0 && sweeper) {
    clearInterval(sweeper);
    sweeper = null;
  }
}

/** The call's outcome, or a CallTimeoutError once ms have passed without one (to within SWEEP_MS). */
export function withCallDeadline<T>(call: Promise<T>, ms: number, store: string, method: string): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const entry: PendingCall = {
      dueUs: nowUs() + ms * 1000,
      // What the abandoned call finally did travels with the timeout (settledOutcome never rejects).
      expire: () => reject(new CallTimeoutError(store, method, ms, settledOutcome(call))),
    };
    pending.add(entry);
    // unref: a pending deadline alone must not keep the process alive.
    sweeper ??= setInterval(sweep, SWEEP_MS).unref();
    // Both handlers are attached at once, so a call that fails after its deadline is never an unhandled rejection.
    call.then(
      (value) => {
        pending.delete(entry);
        resolve(value);
      },
      (error: unknown) => {
        pending.delete(entry);
        reject(error);
      },
    );
  });
}
