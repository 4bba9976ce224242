// One layout, start to finish, in three stages (docs/architecture.md, "A layout's lifecycle"):
//   prepare — fault proxies and gates, fresh stores, bulk load, the propagation plan, the cdc feed;
//   measure — warm-up, then the measured window; Ctrl-C cuts the window, ends the faults and the waits they hold;
//   settle  — journeys begun in the window finish (to a deadline), the relay drains, probes settle, reconcile.
// Everything opened goes on one resource stack, closed in reverse order on every path out: success, a store
// failing, a user error, Ctrl-C or SIGTERM.
import { errorMessage } from '../errors.js';
import { layoutFootprint, measureStoreFootprints } from '../metrics/footprint.js';
import { addWireCounts } from '../metrics/wire-meter.js';
import { cpuScope } from '../metrics/health.js';
import type { HealthStats, JourneyTrace, LayoutResult } from '../metrics/types.js';
import { reconcile } from '../propagation/reconcile.js';
import type { Scenario } from '../scenario/types.js';
import { traceJourney } from '../trace/trace-journey.js';
import { RECONCILE_CONTEXT, RELAY_CONTEXT, withCallContext } from './call-context.js';
import { driveLoad } from './drive-load.js';
import { layoutResult } from './layout-result.js';
import { runMeasuredPhase } from './measured-phase.js';
import { prepareLayout, type LayoutRunOptions, type Prepared } from './prepare-layout.js';
import { ResourceStack } from './resource-stack.js';

export type { LayoutRunOptions };

/**
 * After Ctrl-C the report must be out within 2 s: journeys get INTERRUPTED_JOURNEYS_MS (measured-phase.ts) to finish
 * the step they are in, the relay this long to drain, the probes this long to settle. What did not make it is
 * reported as such.
 */
const INTERRUPTED_DRAIN_MS = 500;
const INTERRUPTED_PROBES_MS = 200;

export async function runLayout(options: LayoutRunOptions): Promise<LayoutResult> {
  const stack = new ResourceStack();
  try {
    const prepared = await prepareLayout(options, stack);
    const measured = await measure(options, prepared, stack);
    return await settle(options, prepared, measured);
  } finally {
    await stack.close();
  }
}

interface Measured {
  health: HealthStats;
  abandonedJourneys: number;
  interrupted: boolean;
}

async function measure(
  options: LayoutRunOptions,
  prepared: Prepared,
  stack: ResourceStack,
): Promise<Measured> {
  const { scenario, signal } = options;
  const { faults, wiring, window, opened } = prepared;
  const inProcess = [
    ...new Set(
      Object.values(opened.bindings)
        .filter((b) => b.embedded)
        .map((b) => b.engine),
    ),
  ];
  const threads = prepared.workers ? `, over this thread and ${prepared.workers.count} worker threads` : '';
  const scope = cpuScope(inProcess) + threads;
  faults.start(window.startUs, prepared.relay, wiring.events);
  const phase = await runMeasuredPhase(
    {
      window,
      signal,
      drainTimeoutMs: scenario.consistency.drainTimeoutMs,
      healthScope: scope,
      mark: (at) => prepared.wire.mark(at),
      onWindowEnd: () => faults.endAll(),
      drive: (deadline) =>
        prepared.workers
          ? prepared.workers.drive({
              wiring,
              window,
              originUs: prepared.originUs,
              signal,
              deadline,
              onProgress: options.onProgress,
            })
          : driveLoad({
              scenario,
              ctx: prepared.ctx,
              events: wiring.events,
              recorder: wiring.recorder,
              window,
              originUs: prepared.originUs,
              signal,
              deadline,
              onProgress: options.onProgress,
              shard: options.shard,
            }),
      // Whatever still runs was abandoned at the deadline: from here on it no longer counts.
      afterDrive: () => wiring.recorder.seal(),
    },
    stack,
  );
  return {
    health: phase.health ?? noHealth(scope),
    abandonedJourneys: phase.abandoned,
    interrupted: phase.interrupted,
  };
}

async function settle(
  options: LayoutRunOptions,
  prepared: Prepared,
  measured: Measured,
): Promise<LayoutResult> {
  const { scenario, dataset } = options;
  const { relay, wiring, opened } = prepared;
  const interrupted = measured.interrupted || options.signal.aborted;
  const drainDeadline = interrupted ? INTERRUPTED_DRAIN_MS : scenario.consistency.drainTimeoutMs;
  // Checkout writes that timed out but may still commit are completed or compensated first (write-path.ts).
  const unresolvedWrites =
    ((await prepared.ctx.writePath.settle?.(drainDeadline)) ?? 0) + (prepared.workers?.unresolvedWrites ?? 0);
  const drain = relay
    ? await withCallContext(RELAY_CONTEXT, () => relay.drain(drainDeadline))
    : { drained: true, ms: 0 };
  await wiring.probes.settle(interrupted ? INTERRUPTED_PROBES_MS : scenario.consistency.probeTimeoutMs);
  wiring.probes.stop();
  // One checkout in slow motion for the report, once the backlog is gone so its path is the store's own; never
  // after Ctrl-C (the report is due at once). Its order is drained like the others before reconciliation.
  let trace: JourneyTrace | null = null;
  if (!interrupted && drain.drained) {
    trace = await traceCheckout(prepared, scenario);
    if (relay && trace) {
      const after = await withCallContext(RELAY_CONTEXT, () =>
        relay.drain(scenario.consistency.drainTimeoutMs),
      );
      drain.drained = after.drained;
    }
  }
  await relay?.stop();
  // The stores' own size and connection figures, before they close (docs/measurements.md, "Footprint"); after
  // Ctrl-C they get a short answer time, as everything else does, for the report is due at once.
  const reportedFootprints = await measureStoreFootprints(
    opened.adapters,
    interrupted ? INTERRUPTED_PROBES_MS : undefined,
  );
  const invariants = await withCallContext(RECONCILE_CONTEXT, () =>
    reconcile({
      roles: wiring.roles,
      storeOf: opened.storeOf,
      placed: wiring.ledger.placedOrdersById(),
      historical: dataset.history,
      drain,
      unresolvedWrites,
      initialStock: options.catalog.initialStock,
    }),
  );
  const result = layoutResult({
    scenario,
    layout: options.layout,
    prepared,
    health: measured.health,
    abandonedJourneys: measured.abandonedJourneys,
    interrupted,
    invariants,
    trace,
  });
  result.footprint = layoutFootprint({
    bindings: result.roles,
    plan: prepared.plan,
    operations: result.operations,
    reported: reportedFootprints,
    wire: (store) => addWireCounts(prepared.wire.counts(store), prepared.workers?.wire(store) ?? null),
  });
  if (prepared.workers) {
    result.workers = prepared.workers.health();
    result.notes.push(
      workersNote(
        prepared.workers.count,
        Object.values(result.roles).some((binding) => binding.embedded),
      ),
    );
  }
  return result;
}

/** The traced checkout, or null (with the reason in the layout's notes) when tracing it failed. */
async function traceCheckout(prepared: Prepared, scenario: Scenario): Promise<JourneyTrace | null> {
  try {
    return await traceJourney({
      scenario,
      events: prepared.wiring.events,
      ctx: prepared.ctx,
      targets: prepared.wiring.targets,
      storeOf: prepared.opened.storeOf,
      propagation: prepared.plan.propagation,
    });
  } catch (error) {
    prepared.faults.notes.push(`the traced checkout failed: ${errorMessage(error)}`);
    return null;
  }
}

/** What changes in a layout's figures when worker threads drove it (docs/measurements.md, "Worker threads"). */
function workersNote(count: number, inProcess: boolean): string {
  return (
    `the load ran from ${count} worker threads, each every ${count}th arrival (or user) with its share of the ` +
    "in-flight cap; their histograms and series are merged exactly; a store's connection peak is the sum of the " +
    "threads' peaks (an upper bound)" +
    (inProcess
      ? '; in-process engines stay in the main thread, so every call a worker makes to one crosses threads ' +
        '(its latency includes the hop)'
      : '')
  );
}

function noHealth(cpuIncludes: string): HealthStats {
  return { eventLoopDelayMs: { mean: 0, p99: 0, max: 0 }, cpuPercent: 0, cpuIncludes, windowSeconds: 0 };
}
