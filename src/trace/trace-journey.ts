// One journey in slow motion: run alone on a prepared layout (the run's own wiring, write path and relay), every
// store call it makes timed and attributed from the run's event stream, then the propagation that follows — the
// relay's calls that carried the checkout, when each derived store acknowledged it (applied) and when a reader
// first saw it there (visible). Used by `polyglot-bench trace` and, after a run's measured window, to attach one
// traced checkout to each layout's result.
//
// The journey runs unmeasured: no recorder counts its operations, its lag or its read-your-writes reads. Its
// order is placed like any other (the ledger holds it), so a caller inside a run should trace while the relay
// still runs, after the drain and the probes have settled and before reconciliation.
import { nowUs } from '../metrics/clock.js';
import type { EventOf, RunEvents } from '../metrics/events.js';
import type { JourneyTrace, TracedCall } from '../metrics/types.js';
import { VisibilityProbes } from '../propagation/probes.js';
import { sleep } from '../propagation/sleep.js';
import type { DerivedTarget } from '../propagation/targets.js';
import type { Mechanism } from '../propagation/write-path.js';
import type { RoleName } from '../roles.js';
import { runJourney } from '../runner/journey-runner.js';
import type { JourneyName, Scenario } from '../scenario/types.js';
import type { ShopContext } from '../workloads/context.js';
import { markCriticalPath } from './critical-path.js';
import { relayCallsOfWrite } from './propagation-calls.js';
import { tracedJourney, type JourneyVariant } from './traced-journey.js';
import { TraceScope } from './trace-scope.js';

export interface TraceInput {
  scenario: Scenario;
  /** Default: buy (the journey with a checkout). */
  journey?: JourneyName;
  /** The layout run's event stream (LayoutWiring.events): every store call arrives there. */
  events: RunEvents;
  /** The shop context the load uses: instrumented roles, the write path. */
  ctx: ShopContext;
  /** The derived targets as the run wired them (LayoutWiring.targets): probe reads are attributed as such. */
  targets: readonly DerivedTarget[];
  storeOf: Readonly<Record<RoleName, string>>;
  propagation: Mechanism;
  /** Keep the scenario's think time between steps; by default it is left out so the waterfall shows the work. */
  keepThinkTime?: boolean;
  /** "warm-up": another shopper on the same journey, traced and thrown away to warm the stores. */
  variant?: JourneyVariant;
}

/**
 * Without think time the steps run back to back and an in-process engine's promise chain never yields, so the
 * readers' and the relay's timers would not fire until the journey ended: a pause this short between steps gives
 * them their turn, as think time does in a run.
 */
const PAUSE_BETWEEN_STEPS_MS = 1;
/** After the relay's last apply, how long to wait for it to mark the outbox row applied. */
const CLOSING_MARK_WAIT_MS = 1000;
const POLL_MS = 2;

type StoreCall = EventOf<'store-call'>;
type Step = JourneyTrace['steps'][number];

export async function traceJourney(input: TraceInput): Promise<JourneyTrace> {
  const journeyName = input.journey ?? 'buy';
  const { steps, state, orderId } = tracedJourney(
    input.scenario,
    journeyName,
    input.ctx.catalog,
    input.variant,
  );
  const scope = new TraceScope();
  const label = (role: RoleName) => `${role}@${input.storeOf[role]}`;
  const ownCalls: StoreCall[] = [];
  const relayCalls: StoreCall[] = [];
  const stepEvents: Array<EventOf<'operation'>> = [];
  const applied = new Map<string, number>();
  const visible = new Map<string, number | null>();
  let commitAckUs: number | null = null;
  let listening = true;

  // The run's probes report into the run's lag recorders; these report here only.
  const probes = new VisibilityProbes(
    input.targets.map((target) => ({
      ...target,
      lag: {
        applied: () => undefined,
        probed: (outcome) => visible.set(label(target.role), outcome.seenUs),
      },
    })),
    input.scenario.consistency.probeIntervalMs,
    input.scenario.consistency.probeTimeoutMs,
  );
  // RunEvents has no unsubscribe: once the trace is done these handlers stay, doing nothing.
  input.events.on('store-call', (call) => {
    if (!listening) return;
    if (scope.inside) ownCalls.push(call);
    else if (call.source === 'relay') relayCalls.push(call);
  });
  input.events.on('operation', (event) => {
    if (listening && scope.inside) stepEvents.push(event);
  });
  input.events.on('commit', (event) => {
    if (!listening || event.orderId !== orderId) return;
    commitAckUs = event.ackUs;
    probes.watch(orderId, event.ackUs);
  });
  input.events.on('applied', (event) => {
    if (listening && event.orderId === orderId && !applied.has(event.target))
      applied.set(event.target, event.ackUs);
  });
  input.events.on('compensated', (event) => {
    if (listening && event.orderId === orderId) probes.abandon(orderId);
  });

  const ctx: ShopContext = input.keepThinkTime
    ? input.ctx
    : {
        ...input.ctx,
        journeys: {
          ...input.ctx.journeys,
          thinkTimeMs: { min: PAUSE_BETWEEN_STEPS_MS, max: PAUSE_BETWEEN_STEPS_MS },
        },
      };
  const originUs = nowUs();
  try {
    await scope.run(() =>
      runJourney(steps, ctx, state, input.events, {
        intendedStartUs: null,
        measured: false,
        signal: new AbortController().signal,
      }),
    );
    if (commitAckUs !== null) {
      const targets = input.targets.map((target) => label(target.role));
      await waitForPropagation(input, targets, applied, visible);
      if (relayRuns(input.propagation)) await waitForClosingMark(relayCalls, applied);
    }
  } finally {
    probes.stop();
    listening = false;
  }

  const traced: JourneyTrace['steps'] = stepEvents.map((event) => ({
    name: event.name,
    startUs: event.timing.startUs - originUs,
    durationUs: event.timing.endUs - event.timing.startUs,
    outcome: event.timing.outcome,
  }));
  const derived = new Set<RoleName>(input.targets.map((target) => target.role));
  const carried = commitAckUs === null ? [] : relayCallsOfWrite(relayCalls, commitAckUs, derived);
  const calls = [...ownCalls, ...carried]
    .map((call) => tracedCall(call, originUs, traced))
    .sort((a, b) => a.startUs - b.startUs);
  const hasCheckout = steps.some((step) => step.name === 'checkout');
  return {
    journey: journeyName,
    steps: traced,
    calls: markCriticalPath(calls, traced),
    propagation: hasCheckout
      ? input.targets.map((target) => {
          const name = label(target.role);
          // One transaction writes the derived rows in the checkout's own commit.
          const appliedAt =
            input.propagation === 'single-transaction' ? commitAckUs : (applied.get(name) ?? null);
          const seenAt = visible.get(name) ?? null;
          return {
            target: name,
            appliedUs: appliedAt === null ? null : appliedAt - originUs,
            visibleUs: seenAt === null ? null : seenAt - originUs,
          };
        })
      : [],
  };
}

function relayRuns(mechanism: Mechanism): boolean {
  return mechanism === 'outbox' || mechanism === 'cdc';
}

/**
 * Until every derived store acknowledged the write and a reader either saw it or gave up at the probe timeout
 * (the probes report both; a read in flight is neither yet).
 */
async function waitForPropagation(
  input: TraceInput,
  targets: readonly string[],
  applied: ReadonlyMap<string, number>,
  visible: ReadonlyMap<string, number | null>,
): Promise<void> {
  const needsApply = input.propagation !== 'single-transaction';
  const until = performance.now() + input.scenario.consistency.probeTimeoutMs + CLOSING_MARK_WAIT_MS;
  while (performance.now() < until) {
    const allApplied = !needsApply || targets.every((target) => applied.has(target));
    if (allApplied && targets.every((target) => visible.has(target))) return;
    await sleep(POLL_MS);
  }
}

/** The relay marks the outbox row applied right after its applies: wait for that call to end. */
async function waitForClosingMark(relayCalls: readonly StoreCall[], applied: ReadonlyMap<string, number>) {
  if (applied.size === 0) return;
  const lastApplyUs = Math.max(...applied.values());
  const until = performance.now() + CLOSING_MARK_WAIT_MS;
  while (performance.now() < until) {
    if (relayCalls.some((call) => call.role === 'inventory' && call.startUs >= lastApplyUs)) return;
    await sleep(POLL_MS);
  }
}

function tracedCall(call: StoreCall, originUs: number, steps: readonly Step[]): TracedCall {
  const startUs = call.startUs - originUs;
  const step =
    call.source === 'operation'
      ? (steps.find((s) => startUs >= s.startUs && startUs <= s.startUs + s.durationUs)?.name ?? null)
      : null;
  return {
    step,
    source: call.source,
    store: call.store,
    role: call.role,
    method: call.method,
    startUs,
    durationUs: call.endUs - call.startUs,
    ok: call.ok,
    critical: false,
  };
}
