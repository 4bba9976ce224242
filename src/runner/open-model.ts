// Open model (arrival rate): journeys start at their scheduled instants whether or not earlier ones have
// finished (wrk2, k6 constant-arrival-rate). Beyond maxInFlight an arrival is dropped and counted, never
// queued: queueing would hide the overload the schedule is there to expose.
import { nowUs } from '../metrics/clock.js';
import type { RunEvents } from '../metrics/events.js';
import type { MeasuredWindow } from '../metrics/measured-window.js';
import type { ArrivalSchedule, LazyArrivalSchedule } from './schedule.js';
import { sleepUntilUs } from '../propagation/sleep.js';
import { inShard, type ShardSpec } from './shard.js';

export interface OpenModelOptions {
  /** Held whole (an array of intended starts) or generated as it goes (flat memory). */
  schedule: ArrivalSchedule | LazyArrivalSchedule;
  /** Absolute µs that schedule offset 0 maps to. */
  originUs: number;
  maxInFlight: number;
  events: RunEvents;
  window: MeasuredWindow;
  /** Stops dispatching (Ctrl-C). */
  signal: AbortSignal;
  /** Starts arrival #index; the promise settles when its journey ends. */
  startJourney(index: number, intendedUs: number, measured: boolean): Promise<void>;
  /** Runs only the arrivals whose index % count == index, each at its intended start in the full schedule. */
  shard?: ShardSpec | null;
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
    const times = ('arrivals' in schedule ? schedule.arrivals() : schedule.intendedUs)[Symbol.iterator]();
    let index = -1;
    // The next arrival of this shard (every arrival when not sharded): its index in the full schedule and offset.
    const advance = (): { index: number; us: number } | null => {
      for (;;) {
        const arrival = times.next();
        if (arrival.done) return null;
        index += 1;
        if (inShard(options.shard, index)) return { index, us: arrival.value };
      }
    };
    let next = advance();
    while (next && !signal.aborted) {
      await sleepUntilUs(originUs + next.us, signal);
      if (signal.aborted) break;
      // Start every arrival that is due; each keeps its own intended time however late this wake-up is.
      const now = nowUs();
      while (next && originUs + next.us <= now) {
        const intendedUs = originUs + next.us;
        const measured = window.contains(intendedUs);
        if (running.size >= options.maxInFlight) {
          events.emit({ type: 'arrival', intendedUs, startedUs: null, measured });
        } else {
          events.emit({ type: 'arrival', intendedUs, startedUs: nowUs(), measured });
          const journey = options
            .startJourney(next.index, intendedUs, measured)
            .finally(() => running.delete(journey));
          running.add(journey);
        }
        next = advance();
      }
    }
    await sleepUntilUs(originUs + schedule.endUs, signal);
    while (running.size > 0) await Promise.allSettled([...running]);
  }

  return { inFlight: () => running.size, done: dispatch() };
}
