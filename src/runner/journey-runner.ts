// Runs one journey's steps with think times and times every step (docs/measurements.md). In the open model the
// first step's intended start is the arrival's scheduled time and each later step's is the previous
// step's end plus its think time, so a late timer or a busy event loop shows up as response time. Whether the
// journey is measured was decided when it began (measured-window.ts); every step and store call it makes
// carries that decision, and each step execution counts its own store calls (its round trips).
import type { Random } from '../data/random.js';
import { nowUs } from '../metrics/clock.js';
import type { RunEvents } from '../metrics/events.js';
import { sleepUntilUs } from '../propagation/sleep.js';
import type { JourneyState, ShopContext } from '../workloads/context.js';
import type { Step } from '../workloads/step.js';
import { operationContext, withCallContext } from './call-context.js';

export interface JourneyTiming {
  /** Open model: the arrival's intended start (absolute µs). Closed model: null. */
  intendedStartUs: number | null;
  /** Whether the arrival or iteration that began this journey lies in the measured window. */
  measured: boolean;
  /** Ends the journey between steps: Ctrl-C, or the deadline for journeys still running after the window. */
  signal: AbortSignal;
}

/** Uniform between min and max milliseconds (which may be fractional), in µs. */
export function drawThinkTimeUs(rng: Random, range: { min: number; max: number }): number {
  return (range.min + rng.next() * (range.max - range.min)) * 1000;
}

export async function runJourney(
  steps: readonly Step[],
  ctx: ShopContext,
  state: JourneyState,
  events: RunEvents,
  timing: JourneyTiming,
): Promise<void> {
  const { thinkTimeMs } = ctx.journeys;
  let intendedUs = timing.intendedStartUs;
  for (let index = 0; index < steps.length; index++) {
    const step = steps[index]!;
    if (index > 0) {
      const thinkUs = drawThinkTimeUs(state.rng, thinkTimeMs);
      const readyUs = nowUs() + thinkUs;
      if (intendedUs !== null) intendedUs = readyUs;
      await sleepUntilUs(readyUs, timing.signal);
    }
    if (timing.signal.aborted) return;
    const startUs = nowUs();
    state.stepStartUs = startUs;
    let outcome: 'ok' | 'rejected' | 'error';
    let error: unknown;
    // Each execution of a step has its own context: its store calls are attributed and counted to it.
    const context = operationContext(timing.measured);
    try {
      outcome = await withCallContext(context, () => step.run(ctx, state));
    } catch (caught) {
      outcome = 'error';
      error = caught;
    }
    events.emit({
      type: 'operation',
      name: step.name,
      timing: { intendedUs, startUs, endUs: nowUs(), outcome, error, storeCalls: context.counter.calls },
      measured: timing.measured,
    });
    // Later steps depend on this one (a cart needs its session): an error ends the journey, unless the
    // journey can do without it.
    if (outcome === 'error' && !step.optional) return;
  }
}
