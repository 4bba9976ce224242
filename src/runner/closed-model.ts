// Closed model (virtual users with think time, k6 ramping-vus in steps): each user runs journey after
// journey; a phase changes how many users are active. Only service time exists here — a user never
// waits for a request it has not yet sent — and the report says so. A user told to stop (a phase with fewer
// users, the end of the window) finishes the journey it is on and leaves: a journey begun in the window counts
// whole (docs/measurements.md).
import { setMaxListeners } from 'node:events';
import type { ClosedPhase } from '../scenario/types.js';
import { sleepUntilUs } from '../propagation/sleep.js';

export interface ClosedModelOptions {
  /** Phases with absolute start times (µs); the first may be the warm-up. */
  phases: Array<ClosedPhase & { startUs: number }>;
  endUs: number;
  signal: AbortSignal;
  /**
   * Runs user #user's iteration #iteration: the journey, then the think time after it. `stop` is aborted when
   * the user should leave: the journey runs on, the think time is cut.
   */
  runIteration(user: number, iteration: number, stop: AbortSignal): Promise<void>;
  /** Runs only the users this returns true for (a shard's users); every user when absent. */
  includeUser?: (user: number) => boolean;
}

export interface ClosedModelRun {
  activeUsers(): number;
  done: Promise<void>;
}

export function runClosedModel(options: ClosedModelOptions): ClosedModelRun {
  // Sparse in a shard: the holes are other shards' users.
  const users: Array<{ stop: AbortController; loop: Promise<void> } | undefined> = [];
  const finished: Array<Promise<void>> = [];
  // Iterations keep counting across a user's stop and restart, so journey keys never repeat.
  const iterations: number[] = [];

  function startUser(index: number) {
    const stop = new AbortController();
    setMaxListeners(0, stop.signal);
    const forward = () => stop.abort();
    options.signal.addEventListener('abort', forward, { once: true });
    const loop = (async () => {
      while (!stop.signal.aborted) {
        const iteration = iterations[index] ?? 0;
        iterations[index] = iteration + 1;
        await options.runIteration(index, iteration, stop.signal);
      }
      options.signal.removeEventListener('abort', forward);
    })();
    return { stop, loop };
  }

  async function drive(): Promise<void> {
    for (const phase of options.phases) {
      await sleepUntilUs(phase.startUs, options.signal);
      if (options.signal.aborted) break;
      for (let index = 0; index < phase.users; index++) {
        if (options.includeUser && !options.includeUser(index)) continue;
        const user = users[index];
        if (user && !user.stop.signal.aborted) continue;
        if (user) finished.push(user.loop);
        users[index] = startUser(index);
      }
      // Surplus users finish their current journey and leave.
      for (const user of users.slice(phase.users)) user?.stop.abort();
    }
    await sleepUntilUs(options.endUs, options.signal);
    for (const user of users) user?.stop.abort();
    await Promise.allSettled([
      ...finished,
      ...users.filter((user) => user !== undefined).map((user) => user.loop),
    ]);
  }

  return {
    activeUsers: () => users.filter((user) => user !== undefined && !user.stop.signal.aborted).length,
    done: drive(),
  };
}
