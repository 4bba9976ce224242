// Runs one journey's steps with think times and times every step (docs/measurements.md). In the open model the
// first step's intended start is the arrival's scheduled time and each later step's is the previous
// step's end plus its think time, so a late timer or a busy event loop shows up as response time. Whether the
// journey is measured was decided when it began (measured-window.ts); every step and store call it makes
// carries that decision.
import type { Random } from '../data/random.js';
import { nowUs } from '../metrics/clock.js';
import type { RunEvents } from '../metrics/events.js';
import { sleepUntilUs } from '../propagation/sleep.js';
import type { JourneyState, ShopContext } from '../workloads/context.js';
import type { Step } from '../workloads/step.js';
import { MEASURED_OPERATION, UNMEASURED_OPERATION, withCallContext } from './call-context.js';

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

export function runJourney(
  steps: readonly Step[],
  ctx: ShopContext,
  state: JourneyState,
  events: RunEvents,
  timing: JourneyTiming,
): Promise<void> {
  const context = timing.measured ? MEASURED_OPERATION : UNMEASURED_OPERATION;
  return withCallContext(context, () => runSteps(steps, ctx, state, events, timing));
}

async function runSteps(
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
    try {
      outcome = await step.run(ctx, state);
    } catch (caught) {
      outcome = 'error';
      error = caught;
    }
    events.emit({
      type: 'operation',
      name: step.name,
      timing: { intendedUs, startUs, endUs: nowUs(), outcome, error },
      measured: timing.measured,
    });
    // Later steps depend on this one (a cart needs its session): an error ends the journey, unless the
    // journey can do without it.
    if (outcome === 'error' && !step.optional) return;
  }
}
