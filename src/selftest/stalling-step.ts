// The selftest's synthetic store: answers at once, except that the first call at or after each period's start
// pauses the whole process (the very first call included, so each whole period holds one pause) (a synchronous busy wait, as a stop-the-world GC or a stalled native call would).
import { nowUs } from '../metrics/clock.js';
import type { StallPattern } from './stall-pattern.js';

export interface StallingStore {
  call(): Promise<void>;
  /** When each pause actually began, µs on the run clock. */
  readonly pausesUs: number[];
}

export function stallingStore(pattern: StallPattern, originUs: number): StallingStore {
  const pausesUs: number[] = [];
  // The first pause comes at once, so a run of whole periods holds exactly one pause per period.
  let nextPauseUs = originUs;
  return {
    pausesUs,
    async call() {
      const now = nowUs();
      if (now < nextPauseUs) return;
      pausesUs.push(now);
      nextPauseUs += pattern.everyUs;
      const until = now + pattern.pauseUs;
      while (nowUs() < until) {
        // Busy: nothing else on the event loop runs, exactly the stall the schedule must expose.
      }
    },
  };
}
