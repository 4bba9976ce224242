// Assembles one layout's plain result data from what its recorders hold once the run has settled. Only reads:
// every figure was decided by the recorders under the measured window's rule.
import type { ResolvedLayout } from '../layouts/resolve.js';
import type {
  HealthStats,
  Invariants,
  JourneyTrace,
  LayoutResult,
  OperationStats,
  RoleBinding,
} from '../metrics/types.js';
import type { RoleName } from '../roles.js';
import type { Scenario } from '../scenario/types.js';
import { SHOPPER_OPERATIONS } from '../workloads/journeys.js';
import type { LayoutWiring } from './layout-wiring.js';
import type { MeasuredWindow } from '../metrics/measured-window.js';
import type { FaultInjector } from '../faults/injector.js';
import type { PropagationPlan } from '../propagation/plan.js';
import type { Relay } from '../propagation/outbox-relay.js';
import type { OpenedLayout } from '../layouts/open-layout.js';

export interface ResultInput {
  scenario: Scenario;
  layout: ResolvedLayout;
  prepared: {
    faults: FaultInjector;
    plan: PropagationPlan;
    wiring: LayoutWiring;
    window: MeasuredWindow;
    loadSeconds: number;
    relay: Relay | null;
    opened: OpenedLayout;
  };
  health: HealthStats;
  abandonedJourneys: number;
  interrupted: boolean;
  invariants: Invariants;
  /** One checkout traced after the window; null when none was. */
  trace: JourneyTrace | null;
}

export function layoutResult(input: ResultInput): LayoutResult {
  const { scenario, layout, prepared } = input;
  const { wiring, window, opened, plan, faults, relay } = prepared;
  const { recorder } = wiring;
  const notes = [...faults.notes];
  // A store's own trouble (a namespace lock lost to another run) stands beside the figures it may have disturbed.
  for (const adapter of opened.adapters.values()) notes.push(...(adapter.warnings?.() ?? []));
  if (opened.singleStoreWithoutTransactions && plan.reason === 'no-transactions') {
    notes.unshift(opened.singleStoreWithoutTransactions);
  }
  if (input.abandonedJourneys > 0) {
    notes.push(
      `${input.abandonedJourneys} journeys begun in the window were still running at the deadline ` +
        `(${input.interrupted ? 'Ctrl-C' : 'the drain timeout after the window'}): their remaining steps never ran`,
    );
  }
  const result: LayoutResult = {
    layout: layout.name,
    roles: structuredClone(opened.bindings) as Record<RoleName, RoleBinding>,
    propagation: plan.propagation,
    notes,
    model: scenario.load.model,
    latencyBasis: scenario.load.model === 'open' ? 'response' : 'service',
    warmupSeconds: scenario.warmupMs / 1000,
    measuredSeconds: window.seconds,
    interrupted: input.interrupted,
    loadSeconds: prepared.loadSeconds,
    abandonedJourneys: input.abandonedJourneys,
    operations: inReportOrder(recorder.operationStats(), scenario),
    storeCalls: recorder.storeCallStats(),
    backgroundCalls: recorder.backgroundCallStats(),
    schedule: recorder.scheduleStats(),
    timeSeries: recorder.timeSeries.samples(),
    lag: wiring.lags.map((lag) => lag.stats()),
    readYourWrites: recorder.readYourWritesStats(),
    staleInStock: wiring.staleInStock.result(),
    invariants: input.invariants,
    health: input.health,
    errors: recorder.errorSamples(),
    faults: wiring.faultRecorder.results(reportOrder(scenario)),
    trace: input.trace,
  };
  if (relay && relay.errors > 0) {
    result.errors.push({ operation: 'relay', message: String(relay.lastError), count: relay.errors });
  }
  if (wiring.probes.errors > 0) {
    result.errors.push({ operation: 'probe', message: 'probe read failed', count: wiring.probes.errors });
  }
  return result;
}

/** Shopper operations in journey order, then the analysts' queries: the same rows in every layout. */
function reportOrder(scenario: Scenario): string[] {
  return [...SHOPPER_OPERATIONS, ...(scenario.analysts?.queries ?? [])];
}

function inReportOrder(operations: OperationStats[], scenario: Scenario): OperationStats[] {
  const order = reportOrder(scenario);
  const rank = (name: string) => (order.includes(name) ? order.indexOf(name) : order.length);
  return [...operations].sort((a, b) => rank(a.name) - rank(b.name) || a.name.localeCompare(b.name));
}
