// Flat memory for long runs (issue 13): the open model driving journeys of instant ("noop") store calls through
// the whole measuring path — the arrival schedule, the journey runner, the timing wrapper, the event stream, the
// layout recorder's histograms and per-second series — printing RSS and heap every million operations up to ten
// million. With the lazy schedule (the default, what `run` uses) RSS should level off; --eager holds every intended
// start in one array first (the old way) for comparison.
//   bench/run.sh soak-memory [--operations 10000000] [--rate 40000] [--eager]
import { nowUs } from '../src/metrics/clock.js';
import { RunEvents } from '../src/metrics/events.js';
import { initHistograms } from '../src/metrics/histogram.js';
import { LayoutRecorder } from '../src/metrics/layout-recorder.js';
import { MeasuredWindow } from '../src/metrics/measured-window.js';
import { Random, deriveSeed } from '../src/data/random.js';
import { instrumentObject } from '../src/runner/instrument.js';
import { runJourney } from '../src/runner/journey-runner.js';
import { runOpenModel } from '../src/runner/open-model.js';
import { buildOpenSchedule, openSchedule } from '../src/runner/schedule.js';
import type { OpenLoad } from '../src/scenario/types.js';
import type { JourneyState, ShopContext } from '../src/workloads/context.js';
import type { Step } from '../src/workloads/step.js';

const CALLS_PER_JOURNEY = 2;
const MB = 1024 * 1024;

function argument(name: string, fallback: number): number {
  const index = process.argv.indexOf(name);
  return index === -1 ? fallback : Number(process.argv[index + 1]);
}

async function main(): Promise<void> {
  const operations = argument('--operations', 10_000_000);
  const rate = argument('--rate', 40_000); // journeys per second
  const eager = process.argv.includes('--eager');
  await initHistograms();
  const journeys = Math.ceil(operations / CALLS_PER_JOURNEY);
  const durationMs = (journeys / rate) * 1000;
  const load: OpenLoad = {
    model: 'open',
    arrivals: 'uniform',
    maxInFlight: 10_000,
    phases: [{ name: 'soak', durationMs, arrivalRate: rate, rampTo: rate }],
  };
  const schedule = eager ? buildOpenSchedule(load, 0, 1) : openSchedule(load, 0, 1);
  const originUs = nowUs() + 100_000;
  const window = new MeasuredWindow(originUs, originUs + durationMs * 1000);
  const events = new RunEvents();
  const recorder = new LayoutRecorder(window, 'open');
  recorder.subscribe(events);
  const store = instrumentObject('sessions', 'noop', { call: async () => undefined }, events);
  let done = 0;
  const step: Step = {
    name: 'noop-call',
    run: async () => {
      await store.call();
      done += 1;
      return 'ok';
    },
  };
  const steps = Array.from({ length: CALLS_PER_JOURNEY }, () => step);
  const ctx = { journeys: { thinkTimeMs: { min: 0, max: 0 } } } as unknown as ShopContext;
  const signal = new AbortController().signal;

  process.stdout.write(
    `soak-memory: ${operations.toLocaleString('en')} noop operations, ${rate.toLocaleString('en')} journeys/s ` +
      `× ${CALLS_PER_JOURNEY} calls, ${eager ? 'eager schedule (one array)' : 'lazy schedule'}\n` +
      'operations      rss MB   heap MB   external MB   elapsed s   ops/s\n',
  );
  const begun = performance.now();
  let nextMark = 1_000_000;
  const sample = () => {
    recorder.progress(); // what the live status line does: keeps the recent window drained
    while (done >= nextMark) {
      const memory = process.memoryUsage();
      const elapsed = (performance.now() - begun) / 1000;
      process.stdout.write(
        `${nextMark.toLocaleString('en').padStart(10)}  ${(memory.rss / MB).toFixed(1).padStart(10)}  ` +
          `${(memory.heapUsed / MB).toFixed(1).padStart(8)}  ${(memory.external / MB).toFixed(1).padStart(12)}  ` +
          `${elapsed.toFixed(1).padStart(10)}  ${Math.round(done / elapsed)
            .toLocaleString('en')
            .padStart(7)}\n`,
      );
      nextMark += 1_000_000;
    }
  };
  const sampler = setInterval(sample, 100);
  const run = runOpenModel({
    schedule,
    originUs,
    maxInFlight: load.maxInFlight,
    events,
    window,
    signal,
    startJourney: (index, intendedUs, measured) => {
      const rng = new Random(deriveSeed(1, 'arrival', index));
      const state = { key: `a${index}`, rng } as unknown as JourneyState;
      return runJourney(steps, ctx, state, events, { intendedStartUs: intendedUs, measured, signal });
    },
  });
  await run.done;
  clearInterval(sampler);
  sample();
  const stats = recorder.scheduleStats();
  process.stdout.write(
    `done: ${done.toLocaleString('en')} operations; arrivals intended ${stats?.intended}, dropped ${stats?.dropped}\n`,
  );
  recorder.destroy();
}

await main();
