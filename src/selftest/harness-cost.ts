// The harness's own cost per store call, measured end to end through the path every call of a run takes: the
// journey runner (a call context per step), the timing wrapper, the event stream and the layout recorder
// (histograms, per-second series). The store answers at once, so what is measured is the tool alone.
import { nowUs } from '../metrics/clock.js';
import { RunEvents } from '../metrics/events.js';
import { initHistograms } from '../metrics/histogram.js';
import { LayoutRecorder } from '../metrics/layout-recorder.js';
import { MeasuredWindow } from '../metrics/measured-window.js';
import { Random } from '../data/random.js';
import { instrumentObject } from '../runner/instrument.js';
import { runJourney } from '../runner/journey-runner.js';
import type { JourneyState, ShopContext } from '../workloads/context.js';
import type { Step } from '../workloads/step.js';

export interface HarnessCost {
  calls: number;
  /** Wall time per store call, µs (one core: this loop is all the process does). */
  usPerCall: number;
  callsPerSecond: number;
}

/** Runs `journeys` journeys of `callsPerJourney` single-call steps back to back. */
export async function measureHarnessCost(journeys = 20_000, callsPerJourney = 5): Promise<HarnessCost> {
  await initHistograms();
  const startUs = nowUs();
  const window = new MeasuredWindow(startUs, startUs + 3_600_000_000);
  const events = new RunEvents();
  const recorder = new LayoutRecorder(window, 'open');
  recorder.subscribe(events);
  const store = instrumentObject('sessions', 'noop', { call: async () => undefined }, events);
  const step: Step = { name: 'noop-call', run: async () => (await store.call(), 'ok') };
  const steps = Array.from({ length: callsPerJourney }, () => step);
  const ctx = { journeys: { thinkTimeMs: { min: 0, max: 0 } } } as unknown as ShopContext;
  const signal = new AbortController().signal;
  const begunUs = nowUs();
  for (let index = 0; index < journeys; index++) {
    const state = { key: `h${index}`, rng: new Random(index) } as unknown as JourneyState;
    await runJourney(steps, ctx, state, events, { intendedStartUs: nowUs(), measured: true, signal });
  }
  const elapsedUs = nowUs() - begunUs;
  recorder.timeSeries.samples();
  recorder.destroy();
  const calls = journeys * callsPerJourney;
  return { calls, usPerCall: elapsedUs / calls, callsPerSecond: (calls * 1e6) / elapsedUs };
}
