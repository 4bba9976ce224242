// A bound on the tool's own clean-up calls (closing a store, dropping its namespace): a server that stopped
// answering but keeps the connection open must not keep the run from ending. Role calls have their own deadline
// in the runner (src/runner/call-deadline.ts); this one is for what adapters do outside it.
export const CLEANUP_DEADLINE_MS = 10_000;
/**
 * One clean-up round trip to a key-value server (a SCAN, an UNLINK) takes milliseconds even when loaded; a server
 * silent for this long is not answering, and Ctrl-C's report (due within 2 s) must not wait longer for it.
 */
export const CLEANUP_STEP_MS = 1_000;

export class DeadlineError extends Error {
  constructor(what: string, ms: number) {
    super(`${what}: no answer within ${ms / 1000} s`);
    this.name = 'DeadlineError';
  }
}

/** The promise's outcome, or a DeadlineError after ms; the work itself is left to finish (or fail) unheard. */
export function withinDeadline<T>(work: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new DeadlineError(what, ms)), ms);
  });
  // A late failure of the abandoned work must not surface as an unhandled rejection.
  work.catch(() => undefined);
  return Promise.race([work, deadline]).finally(() => clearTimeout(timer));
}
