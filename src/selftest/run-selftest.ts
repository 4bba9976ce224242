// `polyglot-bench selftest`: before trusting a benchmark, trust the machine and the tool. A synthetic store with a
// known stall pattern is driven at a fixed rate through the tool's own measuring path (open model, journey runner,
// timing wrapper, event stream, layout recorder); the recovered response-time percentiles must match the ones
// worked out by hand (stall-pattern.ts) within the tolerance, and service time must stay unaffected.
import { nowUs } from '../metrics/clock.js';
import { RunEvents } from '../metrics/events.js';
import { initHistograms } from '../metrics/histogram.js';
import { LayoutRecorder } from '../metrics/layout-recorder.js';
import { MeasuredWindow } from '../metrics/measured-window.js';
import { Random } from '../data/random.js';
import { instrumentObject } from '../runner/instrument.js';
import { runJourney } from '../runner/journey-runner.js';
import { runOpenModel } from '../runner/open-model.js';
import { buildOpenSchedule } from '../runner/schedule.js';
import type { JourneyState, ShopContext } from '../workloads/context.js';
import type { Step } from '../workloads/step.js';
import { checkedPercentiles, expectedResponseUs, type StallPattern } from './stall-pattern.js';
import { stallingStore } from './stalling-step.js';

export interface SelftestOptions {
  pattern: StallPattern;
  ratePerSecond: number;
  durationMs: number;
  /** Relative error allowed at each checked percentile, e.g. 0.05. */
  tolerance: number;
}

export interface PercentileCheck {
  percentile: number;
  expectedUs: number;
  measuredUs: number;
  relativeError: number;
  ok: boolean;
}

export interface SelftestResult {
  arrivals: number;
  pauses: number;
  response: PercentileCheck[];
  /** Service time p99 must stay near the store's own answer time: the pause is in one call per period. */
  serviceP99Us: number;
  serviceOk: boolean;
  ok: boolean;
}

const START_DELAY_US = 50_000;

export async function runSelftest(options: SelftestOptions): Promise<SelftestResult> {
  await initHistograms();
  const { pattern } = options;
  const originUs = nowUs() + START_DELAY_US;
  const window = new MeasuredWindow(originUs, originUs + options.durationMs * 1000);
  const events = new RunEvents();
  const recorder = new LayoutRecorder(window, 'open');
  recorder.subscribe(events);
  const store = stallingStore(pattern, originUs);
  const timed = instrumentObject('sessions', 'selftest', store, events);
  const step: Step = { name: 'stalled-call', run: async () => (await timed.call(), 'ok') };
  const ctx = { journeys: { thinkTimeMs: { min: 0, max: 0 } } } as unknown as ShopContext;
  const schedule = buildOpenSchedule(
    {
      model: 'open',
      arrivals: 'uniform',
      maxInFlight: 1_000_000,
      phases: [
        {
          name: null,
          durationMs: options.durationMs,
          arrivalRate: options.ratePerSecond,
          rampTo: options.ratePerSecond,
        },
      ],
    },
    0,
    1,
  );
  const signal = new AbortController().signal;
  await runOpenModel({
    schedule,
    originUs,
    maxInFlight: 1_000_000,
    events,
    window,
    signal,
    startJourney: (index, intendedUs, measured) => {
      const state = { key: `s${index}`, rng: new Random(index) } as unknown as JourneyState;
      return runJourney([step], ctx, state, events, { intendedStartUs: intendedUs, measured, signal });
    },
  }).done;

  const [op] = recorder.operationStats();
  recorder.destroy();
  if (!op?.response) throw new Error('selftest measured nothing');
  const response = checkedPercentiles(pattern).map((percentile): PercentileCheck => {
    const expectedUs = expectedResponseUs(pattern, percentile)!;
    const measuredUs = percentileOf(op.response!, percentile);
    const relativeError = Math.abs(measuredUs - expectedUs) / expectedUs;
    return { percentile, expectedUs, measuredUs, relativeError, ok: relativeError <= options.tolerance };
  });
  // Unaffected: well under the pause (the calls themselves take microseconds).
  const serviceOk = op.service.p99 < pattern.pauseUs * options.tolerance;
  return {
    arrivals: op.count,
    pauses: store.pausesUs.length,
    response,
    serviceP99Us: op.service.p99,
    serviceOk,
    ok: serviceOk && response.every((check) => check.ok),
  };
}

function percentileOf(summary: { p90: number; p95: number; p99: number; p999: number }, p: number): number {
  if (p === 90) return summary.p90;
  if (p === 95) return summary.p95;
  if (p === 99) return summary.p99;
  return summary.p999;
}
