// Drives the scenario's load model (open or closed) plus the analysts' cadence against one layout, and
// reports live status. Journeys draw every choice from a stream seeded by their arrival (or user and
// iteration), so each layout receives the same traffic.
import { Random, deriveSeed } from '../data/random.js';
import { nowUs } from '../metrics/clock.js';
import type { LayoutRecorder } from '../metrics/layout-recorder.js';
import type { LiveStatus } from '../metrics/types.js';
import type { Scenario } from '../scenario/types.js';
import { measuredDurationMs } from '../scenario/types.js';
import { runAnalystQuery } from '../workloads/analyst.js';
import type { JourneyState, ShopContext } from '../workloads/context.js';
import { chooseJourney, planJourney } from '../workloads/journeys.js';
import { runClosedModel } from './closed-model.js';
import { sleepUntilUs } from '../propagation/sleep.js';
import { drawThinkTimeUs, runJourney } from './journey-runner.js';
import { runOpenModel } from './open-model.js';
import { buildCadence, buildOpenSchedule } from './schedule.js';

export type { LiveStatus };

export interface DriveOptions {
  scenario: Scenario;
  ctx: ShopContext;
  recorder: LayoutRecorder;
  /** Absolute µs at which the run (warm-up first) starts. */
  originUs: number;
  signal: AbortSignal;
  onProgress?: (status: LiveStatus) => void;
}

const PROGRESS_EVERY_MS = 250;

export async function driveLoad(
  options: DriveOptions,
): Promise<{ measuredSeconds: number; interrupted: boolean }> {
  const { scenario, ctx, recorder, originUs, signal } = options;
  const warmupUs = scenario.warmupMs * 1000;
  const endUs = originUs + warmupUs + measuredDurationMs(scenario.load) * 1000;

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
    const schedule = buildOpenSchedule(scenario.load, scenario.warmupMs, scenario.seed);
    phaseNames.push(...schedule.phases.map((p) => ({ name: p.name, startUs: originUs + p.startUs })));
    model = runOpenModel({
      schedule,
      originUs,
      maxInFlight: scenario.load.maxInFlight,
      recorder,
      signal,
      startJourney: (index, intendedUs) => {
        const rng = new Random(deriveSeed(scenario.seed, 'arrival', index));
        const steps = planJourney(chooseJourney(scenario.journeys, rng), scenario.journeys, rng);
        return runJourney(steps, ctx, newState(`a${index}`, rng), recorder, {
          intendedStartUs: intendedUs,
          signal,
        });
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
      endUs,
      signal,
      runIteration: async (user, iteration, stop) => {
        const rng = new Random(deriveSeed(scenario.seed, 'user', user, iteration));
        const steps = planJourney(chooseJourney(scenario.journeys, rng), scenario.journeys, rng);
        await runJourney(steps, ctx, newState(`v${user}-${iteration}`, rng), recorder, {
          intendedStartUs: null,
          signal: stop,
        });
        await sleepUntilUs(nowUs() + drawThinkTimeUs(rng, scenario.journeys.thinkTimeMs), stop);
      },
    });
    model = { done: closed.done, inFlight: closed.activeUsers };
  }

  const analysts = runAnalysts(scenario, ctx, recorder, originUs + warmupUs, endUs, signal);
  const progress = startProgress(options, phaseNames, endUs, model.inFlight);
  await Promise.all([model.done, analysts]);
  clearInterval(progress);

  const measureStartUs = originUs + warmupUs;
  const stoppedUs = Math.min(nowUs(), endUs);
  return {
    measuredSeconds: Math.max(0, stoppedUs - measureStartUs) / 1e6,
    interrupted: signal.aborted,
  };
}

/** Analysts' dashboards on a fixed cadence from the start of measurement; response time from each tick. */
async function runAnalysts(
  scenario: Scenario,
  ctx: ShopContext,
  recorder: LayoutRecorder,
  startUs: number,
  endUs: number,
  signal: AbortSignal,
): Promise<void> {
  const spec = scenario.analysts;
  if (!spec) return;
  const ticks = buildCadence(spec.everyMs, startUs, endUs);
  const running: Array<Promise<void>> = [];
  for (const tickUs of ticks) {
    await sleepUntilUs(tickUs, signal);
    if (signal.aborted) break;
    for (const query of spec.queries) {
      running.push(
        (async () => {
          const startedUs = nowUs();
          try {
            await runAnalystQuery(query, ctx.roles.analytics, spec.windowMs);
            recorder.operation(query, {
              intendedUs: tickUs,
              startUs: startedUs,
              endUs: nowUs(),
              outcome: 'ok',
            });
          } catch (error) {
            const timing = { intendedUs: tickUs, startUs: startedUs, endUs: nowUs() };
            recorder.operation(query, { ...timing, outcome: 'error', error });
          }
        })(),
      );
    }
  }
  await Promise.all(running);
}

function startProgress(
  options: DriveOptions,
  phases: Array<{ name: string; startUs: number }>,
  endUs: number,
  inFlight: () => number,
): NodeJS.Timeout {
  const { onProgress, recorder, originUs } = options;
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
      totalS: (endUs - originUs) / 1e6,
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
