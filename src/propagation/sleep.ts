// Cancellable sleeps: think times and poll intervals must end promptly on Ctrl-C.
import { nowUs } from '../metrics/clock.js';

export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  if (ms <= 0 || signal?.aborted) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    }
    signal?.addEventListener('abort', done, { once: true });
  });
}

/**
 * Resolves at or after targetUs on the monotonic clock, never before. Node timers run on a millisecond loop
 * clock and can fire up to ~1 ms early against hrtime; returning early would make end − intended start
 * negative. So: timers for the whole milliseconds, then yield to the event loop until the target is reached.
 */
export async function sleepUntilUs(targetUs: number, signal?: AbortSignal): Promise<void> {
  for (;;) {
    if (signal?.aborted) return;
    const remainingUs = targetUs - nowUs();
    if (remainingUs <= 0) return;
    if (remainingUs >= 2000) await sleep(Math.floor(remainingUs / 1000) - 1, signal);
    else await new Promise<void>((resolve) => setImmediate(resolve));
  }
}
