// Simulates one layout over the scenario's own traffic: the same arrival schedule (schedule.ts) and the same
// journeys, planned from the same seeded stream per arrival as drive-load.ts does, so measuring and simulating
// share one source of traffic. Returns the layout's figures in the report's own shape.
import { Random, deriveSeed } from '../data/random.js';
import type { LayoutResult } from '../metrics/types.js';
import { buildCadence, buildOpenSchedule } from '../runner/schedule.js';
import type { OpenLoad, Scenario } from '../scenario/types.js';
import { UserError } from '../errors.js';
import { chooseJourney, planJourney, SHOPPER_OPERATIONS } from '../workloads/journeys.js';
import type { Step } from '../workloads/step.js';
import type { EventTarget } from './event-queue.js';
import { scheduleFaults } from './faults-sim.js';
import { SimJourney } from './journey-sim.js';
import type { LayoutSpec } from './model.js';
import { SimProbes } from './probes-sim.js';
import { SimRelay } from './relay-sim.js';
import { SimContext } from './sim-context.js';
import { SimCall } from './lane.js';
import type { CommitListener } from './sim-order.js';
import { compileStep, type SimStep } from './sim-step.js';

export interface SimulatedLayout {
  result: LayoutResult;
  /** Per call kind (spec.kinds order): mean simulated call latency over the window, µs (NaN if none). */
  kindMeanUs: number[];
  kindCounts: number[];
  /** Share of the measured window the tool's thread was busy in the model (vs the measured CPU). */
  hostBusyShare: number;
  /** Mean wait of measured arrivals for the tool's thread (µs; NaN if none started). */
  scheduleLagMeanUs: number;
  calls: number;
  events: number;
  simulatedUs: number;
}

const ARRIVAL = 0;
const TICK = 1;
const DEADLINE = 2;
const WINDOW_END = 3;

export function simulateLayout(spec: LayoutSpec, scenario: Scenario): SimulatedLayout {
  if (scenario.load.model !== 'open')
    throw new UserError('simulate models the open load model only (this scenario is closed)');
  const load: OpenLoad = scenario.load;
  const schedule = buildOpenSchedule(load, scenario.warmupMs, scenario.seed);
  const times = {
    windowStartUs: schedule.measureStartUs,
    windowEndUs: schedule.endUs,
    deadlineUs: schedule.endUs + scenario.consistency.drainTimeoutMs * 1000,
  };
  const ctx = new SimContext(spec, scenario, times);
  const { queue, recorder } = ctx;
  let inFlight = 0;
  let analystsRunning = 0;
  let windowOver = false;
  let settleStartUs = NaN;
  let abandoned = 0;

  const relay = spec.relay
    ? new SimRelay(ctx, spec.mechanism === 'cdc', () => !windowOver || inFlight + analystsRunning > 0)
    : null;
  const probes = new SimProbes(ctx);
  const propagation: CommitListener = {
    committed(order, nowUs) {
      relay?.committed(order, nowUs);
      if (order.sampled) probes.watch(order, nowUs);
    },
    placed: () => undefined,
    compensated: () => undefined,
  };
  const maybeSettle = (nowUs: number) => {
    if (windowOver && inFlight + analystsRunning === 0 && Number.isNaN(settleStartUs)) {
      settleStartUs = nowUs;
      relay?.startDrain(nowUs);
    }
  };
  const journeyEnded = (_journey: SimJourney, nowUs: number) => {
    inFlight--;
    maybeSettle(nowUs);
  };
  const analystEnded = (_journey: SimJourney, nowUs: number) => {
    analystsRunning--;
    maybeSettle(nowUs);
  };

  const stepsCache = new Map<Step, SimStep>();
  const simStep = (step: Step): SimStep => {
    let cached = stepsCache.get(step);
    if (!cached) {
      const calls = spec.operations.get(step.name);
      if (!calls)
        throw new UserError(
          `layout ${spec.name}: the calibration run never measured "${step.name}", so the model has no ` +
            'calls for it (calibrate on a run whose journey mix includes it)',
        );
      cached = compileStep(
        step.name,
        recorder.opIndex(step.name),
        step.optional === true,
        calls,
        spec.targets,
      );
      stepsCache.set(step, cached);
    }
    return cached;
  };

  // One step per analyst query for the whole run (a new one per tick would be compiled again, and kept).
  const analystSteps = new Map<string, SimStep>();
  const analystStep = (query: string): SimStep => {
    let step = analystSteps.get(query);
    if (!step) {
      step = simStep({ name: query, run: () => Promise.resolve('ok') } as Step);
      analystSteps.set(query, step);
    }
    return step;
  };

  const arrivals = schedule.intendedUs;
  let next = 0;
  const driver: EventTarget = {
    fire(code, nowUs) {
      if (code === ARRIVAL) {
        const index = next++;
        const measured = nowUs >= times.windowStartUs && nowUs < times.windowEndUs;
        if (measured) recorder.intended++;
        if (inFlight >= load.maxInFlight) {
          if (measured) recorder.dropped++;
        } else {
          if (measured) recorder.started++;
          inFlight++;
          const rng = new Random(deriveSeed(scenario.seed, 'arrival', index));
          const steps = planJourney(chooseJourney(scenario.journeys, rng), scenario.journeys, rng).map(
            simStep,
          );
          const journey = new SimJourney(
            ctx,
            steps,
            rng,
            nowUs,
            measured,
            `o-a${index}`,
            propagation,
            scenario.journeys.thinkTimeMs,
            journeyEnded,
          );
          journey.fire(0, nowUs);
        }
        if (next < arrivals.length) queue.at(arrivals[next]!, driver, ARRIVAL);
      } else if (code === TICK) {
        for (const query of scenario.analysts?.queries ?? []) {
          analystsRunning++;
          const rng = new Random(deriveSeed(scenario.seed, 'simulate-analyst', nowUs, query));
          const step = analystStep(query);
          new SimJourney(
            ctx,
            [step],
            rng,
            nowUs,
            true,
            null,
            propagation,
            { min: 0, max: 0 },
            analystEnded,
          ).fire(0, nowUs);
        }
      } else if (code === WINDOW_END) {
        windowOver = true;
        maybeSettle(nowUs);
      } else if (code === DEADLINE) {
        if (inFlight + analystsRunning > 0) {
          abandoned = inFlight + analystsRunning;
          ctx.sealed = true;
          settleStartUs = nowUs;
          relay?.startDrain(nowUs);
        }
      }
    },
  };
  if (arrivals.length > 0) queue.at(arrivals[0]!, driver, ARRIVAL);
  if (scenario.analysts) {
    for (const tick of buildCadence(scenario.analysts.everyMs, times.windowStartUs, times.windowEndUs))
      queue.at(tick, driver, TICK);
  }
  queue.at(times.windowEndUs, driver, WINDOW_END);
  queue.at(times.deadlineUs, driver, DEADLINE);
  const faults = scheduleFaults(ctx, relay);
  scheduleHostStalls(ctx, times.deadlineUs);
  relay?.start(0);
  const { drainTimeoutMs, probeTimeoutMs } = scenario.consistency;
  const hardStopUs = times.deadlineUs + (drainTimeoutMs + probeTimeoutMs) * 1000;
  queue.run(hardStopUs);
  probes.stop();

  const drainFrom = Number.isNaN(settleStartUs) ? times.deadlineUs : settleStartUs;
  const drainedAt = relay ? relay.drainedAtUs : drainFrom;
  const drained = !Number.isNaN(drainedAt) && drainedAt - drainFrom <= drainTimeoutMs * 1000;
  const result = assemble(spec, ctx, {
    abandoned,
    drained,
    drainMs: drained ? Math.max(0, drainedAt - drainFrom) / 1000 : drainTimeoutMs,
    faults,
    measuredSeconds: (times.windowEndUs - times.windowStartUs) / 1e6,
    warmupSeconds: scenario.warmupMs / 1000,
  });
  const kindMeanUs = spec.kinds.map((_, k) =>
    recorder.allCallCount[k]! > 0 ? recorder.allCallSumUs[k]! / recorder.allCallCount[k]! : NaN,
  );
  const out: SimulatedLayout = {
    result,
    kindMeanUs,
    kindCounts: [...recorder.allCallCount],
    hostBusyShare: ctx.lanes[0]!.busyUs / Math.max(1, queue.nowUs),
    scheduleLagMeanUs: recorder.started > 0 ? recorder.scheduleLagSumUs / recorder.started : NaN,
    calls: ctx.callsMade,
    events: queue.fired,
    simulatedUs: queue.nowUs,
  };
  ctx.destroy();
  return out;
}

/** The fitted stalls of the tool's thread: jobs on the host lane, Poisson in time, exponential in length. */
function scheduleHostStalls(ctx: SimContext, untilUs: number): void {
  const { ratePerS, meanUs } = ctx.spec.hostStalls;
  if (!(ratePerS > 0) || !(meanUs > 0)) return;
  const rng = new Random(deriveSeed(ctx.scenario.seed, 'simulate-stalls', ctx.spec.name));
  const host = ctx.lanes[0]!;
  const ignore = { callDone: () => undefined };
  const stalls: EventTarget = {
    fire(_code, nowUs) {
      host.submit(new SimCall(host, rng.exponential(meanUs), ignore, 0, ctx.spec.dispatchKind), nowUs);
      const next = nowUs + rng.exponential(1e6 / ratePerS);
      if (next < untilUs) ctx.queue.at(next, stalls);
    },
  };
  ctx.queue.at(rng.exponential(1e6 / ratePerS), stalls);
}

interface Settled {
  abandoned: number;
  drained: boolean;
  drainMs: number;
  faults: LayoutResult['faults'];
  measuredSeconds: number;
  warmupSeconds: number;
}

function assemble(spec: LayoutSpec, ctx: SimContext, settled: Settled): LayoutResult {
  const { recorder } = ctx;
  const calibration = spec.calibration;
  // Each name once: the calibration's operations repeat the shopper's.
  const order = [...new Set([...SHOPPER_OPERATIONS, ...calibration.operations.map((op) => op.name)])];
  return {
    layout: spec.name,
    roles: calibration.roles,
    propagation: spec.mechanism,
    notes: [
      'SIMULATED: figures from the queueing model calibrated on a measured run, not measured',
      'invariants are not simulated beyond whether the relay drained; stock and reconciliation are the measured run’s concern',
      ...spec.substitutions,
    ],
    model: 'open',
    latencyBasis: 'response',
    warmupSeconds: settled.warmupSeconds,
    measuredSeconds: settled.measuredSeconds,
    interrupted: false,
    loadSeconds: 0,
    abandonedJourneys: settled.abandoned,
    operations: recorder.operations(order),
    storeCalls: recorder.storeCalls(),
    backgroundCalls: recorder.backgroundCalls(),
    schedule: {
      intended: recorder.intended,
      started: recorder.started,
      dropped: recorder.dropped,
      lag: recorder.scheduleLag.summarize(),
    },
    timeSeries: recorder.timeSeries(),
    lag: ctx.lags.map((lag) => lag.stats()),
    readYourWrites: recorder.ryw,
    invariants: {
      drained: settled.drained,
      drainMs: settled.drainMs,
      stockNegative: 0,
      unitsSold: 0,
      unitsDecremented: 0,
      stores: [],
      ok: settled.drained,
    },
    health: {
      eventLoopDelayMs: { mean: 0, p99: 0, max: 0 },
      cpuPercent: 0,
      cpuIncludes: 'nothing: simulated, no process was measured',
      windowSeconds: settled.measuredSeconds,
    },
    errors: [...recorder.errorsByOperation].map(([operation, count]) => ({
      operation,
      message: 'simulated: a store call failed (fault)',
      count,
    })),
    faults: settled.faults,
    trace: null,
  };
}
