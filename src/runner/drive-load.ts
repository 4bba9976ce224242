// Drives the scenario's load model (open or closed) plus the analysts' cadence against one layout, and
// reports live status. Journeys draw every choice from a stream seeded by their arrival (or user and
// iteration), so each layout receives the same traffic. Whether a journey is measured is decided once, when it
// begins, by the measured window; journeys begun in the window run to their end, up to a deadline.
import { setMaxListeners } from 'node:events';
import { Random, deriveSeed } from '../data/random.js';
import { nowUs } from '../metrics/clock.js';
import type { RunEvents } from '../metrics/events.js';
import type { LayoutRecorder } from '../metrics/layout-recorder.js';
import type { MeasuredWindow } from '../metrics/measured-window.js';
import type { LiveStatus } from '../metrics/types.js';
import type { Scenario } from '../scenario/types.js';
import { runAnalystQuery } from '../workloads/analyst.js';
import type { JourneyState, ShopContext } from '../workloads/context.js';
import { chooseJourney, planJourney } from '../workloads/journeys.js';
import { operationContext, withCallContext } from './call-context.js';
import { runClosedModel } from './closed-model.js';
import { sleepUntilUs } from '../propagation/sleep.js';
import { drawThinkTimeUs, runJourney } from './journey-runner.js';
import { runOpenModel } from './open-model.js';
import { buildCadence, openSchedule } from './schedule.js';
import { inShard, type ShardSpec } from './shard.js';

export type { LiveStatus };

export interface DriveOptions {
  scenario: Scenario;
  ctx: ShopContext;
  events: RunEvents;
  /** Read for the live status line only. */
  recorder: LayoutRecorder;
  window: MeasuredWindow;
  /** Absolute µs at which the run (warm-up first) starts. */
  originUs: number;
  /** Ctrl-C: no new arrivals, journeys stop between steps. */
  signal: AbortSignal;
  /** Journeys still running at this signal are abandoned (their remaining steps never run). */
  deadline: AbortSignal;
  onProgress?: (status: LiveStatus) => void;
  /** This process's slice of the run (`run --shard i/N`); the whole run when absent. */
  shard?: ShardSpec | null;
}

export interface DriveResult {
  /** Journeys still running when the deadline came. */
  abandoned: number;
}

const PROGRESS_EVERY_MS = 250;

export async function driveLoad(options: DriveOptions): Promise<DriveResult> {
  const { scenario, ctx, events, window, originUs, signal, deadline } = options;
  const warmupUs = scenario.warmupMs * 1000;
  // A journey stops between steps at Ctrl-C or at the deadline, whichever comes first.
  const journeySignal = AbortSignal.any([signal, deadline]);
  // Every journey sleeping in think time listens on it: thousands, by design.
  setMaxListeners(0, journeySignal);
  let running = 0;
  const track = async (journey: Promise<void>) => {
    running += 1;
    try {
      await journey;
    } finally {
      running -= 1;
    }
  };

  const newState = (key: string, rng: Random): JourneyState => ({
    key,
    rng,
    userId: rng.int(1, ctx.catalog.userCount),
    sessionId: `s-${key}`,
    viewedProductId: null,
    cartProductIds: [],
    placedOrder: null,
    stepStartUs: 0,
  });

  let model: { done: Promise<void>; inFlight(): number };
  const phaseNames: Array<{ name: string; startUs: number }> = [];
  if (scenario.load.model === 'open') {
    // Generated as it goes: memory stays flat however long the run.
    const schedule = openSchedule(scenario.load, scenario.warmupMs, scenario.seed);
    phaseNames.push(...schedule.phases.map((p) => ({ name: p.name, startUs: originUs + p.startUs })));
    model = runOpenModel({
      schedule,
      originUs,
      maxInFlight: scenario.load.maxInFlight,
      shard: options.shard,
      events,
      window,
      signal,
      startJourney: (index, intendedUs, measured) => {
        const rng = new Random(deriveSeed(scenario.seed, 'arrival', index));
        const steps = planJourney(chooseJourney(scenario.journeys, rng), scenario.journeys, rng);
        return track(
          runJourney(steps, ctx, newState(`a${index}`, rng), events, {
            intendedStartUs: intendedUs,
            measured,
            signal: journeySignal,
          }),
        );
      },
    });
  } else {
    const phases = [];
    let startUs = originUs;
    const first = scenario.load.phases[0];
    if (first && warmupUs > 0) {
      phases.push({ ...first, name: 'warm-up', durationMs: scenario.warmupMs, startUs });
      startUs += warmupUs;
    }
    for (const [index, phase] of scenario.load.phases.entries()) {
      phases.push({ ...phase, name: phase.name ?? `phase ${index + 1}`, startUs });
      startUs += phase.durationMs * 1000;
    }
    phaseNames.push(...phases.map((p) => ({ name: p.name, startUs: p.startUs })));
    const closed = runClosedModel({
      phases,
      endUs: window.plannedEndUs,
      signal,
      includeUser: (user) => inShard(options.shard, user),
      runIteration: async (user, iteration, stop) => {
        const rng = new Random(deriveSeed(scenario.seed, 'user', user, iteration));
        const steps = planJourney(chooseJourney(scenario.journeys, rng), scenario.journeys, rng);
        // The iteration's start decides, as the arrival's intended start does in the open model.
        const measured = window.contains(nowUs());
        await track(
          runJourney(steps, ctx, newState(`v${user}-${iteration}`, rng), events, {
            intendedStartUs: null,
            measured,
            signal: journeySignal,
          }),
        );
        await sleepUntilUs(nowUs() + drawThinkTimeUs(rng, scenario.journeys.thinkTimeMs), stop);
      },
    });
    model = { done: closed.done, inFlight: closed.activeUsers };
  }

  const analysts = runAnalysts(options, track);
  const progress = startProgress(options, phaseNames, model.inFlight);
  const gaveUp = new Promise<void>((resolve) => {
    if (deadline.aborted) resolve();
    deadline.addEventListener('abort', () => resolve(), { once: true });
  });
  await Promise.race([Promise.all([model.done, analysts]), gaveUp]);
  clearInterval(progress);
  return { abandoned: deadline.aborted ? running : 0 };
}

/**
 * Analysts' dashboards on a fixed cadence through the window. Open model: response time from each tick (the
 * tick is the intended start). Closed model: service time only, like every other operation there.
 */
async function runAnalysts(
  options: DriveOptions,
  track: (query: Promise<void>) => Promise<void>,
): Promise<void> {
  const { scenario, ctx, events, window, signal } = options;
  const spec = scenario.analysts;
  // The analysts' cadence is one per run, not one per shard: shard 0 runs it.
  if (!spec || (options.shard && options.shard.index !== 0)) return;
  const open = scenario.load.model === 'open';
  const ticks = buildCadence(spec.everyMs, window.startUs, window.plannedEndUs);
  const running: Array<Promise<void>> = [];
  for (const tickUs of ticks) {
    await sleepUntilUs(tickUs, signal);
    if (signal.aborted) break;
    const measured = window.contains(tickUs);
    for (const query of spec.queries) {
      const context = operationContext(measured);
      const run = withCallContext(context, async () => {
        const startUs = nowUs();
        let outcome: 'ok' | 'error' = 'ok';
        let error: unknown;
        try {
          await runAnalystQuery(query, ctx, spec.windowMs);
        } catch (caught) {
          outcome = 'error';
          error = caught;
        }
        const timing = {
          intendedUs: open ? tickUs : null,
          startUs,
          endUs: nowUs(),
          outcome,
          error,
          storeCalls: context.counter.calls,
        };
        events.emit({ type: 'operation', name: query, timing, measured });
      });
      running.push(track(run));
    }
  }
  await Promise.all(running);
}

function startProgress(
  options: DriveOptions,
  phases: Array<{ name: string; startUs: number }>,
  inFlight: () => number,
): NodeJS.Timeout {
  const { onProgress, recorder, originUs, window } = options;
  let last = { us: nowUs(), ops: 0 };
  const timer = setInterval(() => {
    // Always drain the recorder's recent window, even with nobody watching, so it cannot grow.
    const { ops, errors, recentP99Us } = recorder.progress();
    if (!onProgress) return;
    const now = nowUs();
    const opsPerSec = ((ops - last.ops) * 1e6) / Math.max(1, now - last.us);
    last = { us: now, ops };
    const phase = [...phases].reverse().find((p) => p.startUs <= now)?.name ?? '';
    onProgress({
      elapsedS: (now - originUs) / 1e6,
      totalS: (window.plannedEndUs - originUs) / 1e6,
      phase,
      ops,
      opsPerSec,
      p99Us: recentP99Us,
      errors,
      inFlight: inFlight(),
    });
  }, PROGRESS_EVERY_MS);
  timer.unref();
  return timer;
}
