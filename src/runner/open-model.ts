// Open model (arrival rate): journeys start at their scheduled instants whether or not earlier ones have
// finished (wrk2, k6 constant-arrival-rate). Beyond maxInFlight an arrival is dropped and counted, never
// queued: queueing would hide the overload the schedule is there to expose.
import { nowUs } from '../metrics/clock.js';
import type { RunEvents } from '../metrics/events.js';
import type { MeasuredWindow } from '../metrics/measured-window.js';
import type { ArrivalSchedule } from './schedule.js';
import { sleepUntilUs } from '../propagation/sleep.js';

export interface OpenModelOptions {
  schedule: ArrivalSchedule;
  /** Absolute µs that schedule offset 0 maps to. */
  originUs: number;
  maxInFlight: number;
  events: RunEvents;
  window: MeasuredWindow;
  /** Stops dispatching (Ctrl-C). */
  signal: AbortSignal;
  /** Starts arrival #index; the promise settles when its journey ends. */
  startJourney(index: number, intendedUs: number, measured: boolean): Promise<void>;
}

export interface OpenModelRun {
  inFlight(): number;
  /** Resolves when every arrival was dispatched (or the run aborted) and every journey ended. */
  done: Promise<void>;
}

export function runOpenModel(options: OpenModelOptions): OpenModelRun {
  const { schedule, originUs, events, window, signal } = options;
  const running = new Set<Promise<void>>();

  async function dispatch(): Promise<void> {
    const times = schedule.intendedUs;
    let next = 0;
    while (next < times.length && !signal.aborted) {
      await sleepUntilUs(originUs + times[next]!, signal);
      if (signal.aborted) break;
      // Start every arrival that is due; each keeps its own intended time however late this wake-up is.
      const now = nowUs();
      while (next < times.length && originUs + times[next]! <= now) {
        const intendedUs = originUs + times[next]!;
        const measured = window.contains(intendedUs);
        if (running.size >= options.maxInFlight) {
          events.emit({ type: 'arrival', intendedUs, startedUs: null, measured });
        } else {
          events.emit({ type: 'arrival', intendedUs, startedUs: nowUs(), measured });
          const journey = options
            .startJourney(next, intendedUs, measured)
            .finally(() => running.delete(journey));
          running.add(journey);
        }
        next += 1;
      }
    }
    await sleepUntilUs(originUs + schedule.endUs, signal);
    while (running.size > 0) await Promise.allSettled([...running]);
  }

  return { inFlight: () => running.size, done: dispatch() };
}
