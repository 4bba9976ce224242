// A store that stalls the process delays the arrivals due meanwhile. Their response time (from the
// intended start) must show the stall; their service time (from the actual start) must not — the
// difference between wrk2 and a tool that suffers coordinated omission.
import { describe, expect, it } from 'vitest';
import { Random } from '../../src/data/random.js';
import { nowUs } from '../../src/metrics/clock.js';
import { RunEvents, type OperationTiming } from '../../src/metrics/events.js';
import { MeasuredWindow } from '../../src/metrics/measured-window.js';
import { runJourney } from '../../src/runner/journey-runner.js';
import { runOpenModel } from '../../src/runner/open-model.js';
import { buildOpenSchedule } from '../../src/runner/schedule.js';
import type { JourneyState, ShopContext } from '../../src/workloads/context.js';
import type { Step } from '../../src/workloads/step.js';

const STALL_MS = 300;

function busyWait(ms: number): void {
  const until = performance.now() + ms;
  while (performance.now() < until) {
    // A synchronous stall: nothing else on the event loop runs, timers included.
  }
}

describe('open model under a stalled store', () => {
  it('charges the stall to response time, not to the service time of the delayed arrivals', async () => {
    const timings: OperationTiming[] = [];
    const arrivals: Array<{ intendedUs: number; startedUs: number | null }> = [];
    const events = new RunEvents();
    events.on('operation', (event) => timings.push(event.timing));
    events.on('arrival', (event) =>
      arrivals.push({ intendedUs: event.intendedUs, startedUs: event.startedUs }),
    );

    let calls = 0;
    const fakeStoreCall: Step = {
      name: 'fake-read',
      run: async () => {
        calls += 1;
        if (calls === 20) busyWait(STALL_MS);
        return 'ok';
      },
    };
    const ctx = { journeys: { thinkTimeMs: { min: 0, max: 0 } } } as unknown as ShopContext;
    const schedule = buildOpenSchedule(
      {
        model: 'open',
        arrivals: 'uniform',
        maxInFlight: 1000,
        phases: [{ name: null, durationMs: 1000, arrivalRate: 100, rampTo: 100 }],
      },
      0,
      1,
    );
    const signal = new AbortController().signal;
    const originUs = nowUs() + 20_000;
    const run = runOpenModel({
      schedule,
      originUs,
      maxInFlight: 1000,
      events,
      window: new MeasuredWindow(originUs, originUs + 1_000_000),
      signal,
      startJourney: (index, intendedUs, measured) => {
        const state = { key: `a${index}`, rng: new Random(index) } as unknown as JourneyState;
        return runJourney([fakeStoreCall], ctx, state, events, {
          intendedStartUs: intendedUs,
          measured,
          signal,
        });
      },
    });
    await run.done;

    expect(timings).toHaveLength(100);
    const slowResponses = timings.filter((t) => t.endUs - t.intendedUs! >= 100_000).length;
    const slowServices = timings.filter((t) => t.endUs - t.startUs >= 100_000).length;
    // ~30 arrivals were due during the 300 ms stall: all of them start late.
    expect(slowResponses).toBeGreaterThanOrEqual(15);
    // Only the stalled call itself spent that long in service.
    expect(slowServices).toBe(1);
    // And the schedule lag was recorded for the late arrivals.
    expect(arrivals.filter((a) => a.startedUs! - a.intendedUs >= 100_000).length).toBeGreaterThanOrEqual(15);
  });
});
