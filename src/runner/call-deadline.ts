// Every store call has a deadline: a server that stops answering but keeps its connection open would otherwise
// hold a journey (and the end of the run) without limit. A call past its deadline is rejected with a
// CallTimeoutError, which the timing wrapper counts as the failed call it is; the driver's own request is left to
// finish or fail unheard. The default is per kind of engine, overridable per store (stores.<name>.callTimeout).
import type { OpenedLayout } from '../layouts/open-layout.js';
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

/** The call's outcome, or a CallTimeoutError once ms have passed without one. */
export function withCallDeadline<T>(call: Promise<T>, ms: number, store: string, method: string): Promise<T> {
  // The abandoned call may still fail later; that must not become an unhandled rejection (settledOutcome
  // never rejects), and what it finally did travels with the timeout.
  const late = settledOutcome(call);
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new CallTimeoutError(store, method, ms, late)), ms);
  });
  return Promise.race([call, deadline]).finally(() => clearTimeout(timer));
}
