// One layout, start to finish: fault proxies and gates, fresh stores, bulk load, the shared schedule,
// propagation and probes, the fault timeline, then drain, reconcile and close. Produces the layout's plain
// result data.
import type { Dataset } from '../domain.js';
import { Random, deriveSeed } from '../data/random.js';
import { FaultInjector } from '../faults/injector.js';
import { FaultRecorder } from '../faults/fault-recorder.js';
import { gatedObject, gatedRoles } from '../faults/gated.js';
import { openLayout, type OpenedLayout } from '../layouts/open-layout.js';
import { loadDataset } from '../layouts/load-dataset.js';
import type { ResolvedLayout } from '../layouts/resolve.js';
import { nowUs } from '../metrics/clock.js';
import { startHealthMonitor } from '../metrics/health.js';
import { LayoutRecorder } from '../metrics/layout-recorder.js';
import type { LayoutResult, OperationStats, RoleBinding } from '../metrics/types.js';
import { LagRecorder } from '../propagation/lag.js';
import { CommitLedger } from '../propagation/ledger.js';
import type { ChangeFeed } from '../propagation/cdc/postgres-change-feed.js';
import type { Relay } from '../propagation/outbox-relay.js';
import { VisibilityProbes } from '../propagation/probes.js';
import { reconcile } from '../propagation/reconcile.js';
import { derivedTargets } from '../propagation/targets.js';
import type { CommitHooks } from '../propagation/write-path.js';
import type { RoleImpls, RoleName } from '../roles.js';
import { ROLE_NAMES } from '../roles.js';
import type { Scenario, StoreSpec } from '../scenario/types.js';
import type { ShopCatalog, ShopContext } from '../workloads/context.js';
import { SHOPPER_OPERATIONS } from '../workloads/journeys.js';
import { instrumentObject, instrumentRole, type StoreCallSink } from './instrument.js';
import { chooseMechanism, openChangeFeed, setUpPropagation } from './propagation-setup.js';
import { driveLoad, type LiveStatus } from './drive-load.js';

export interface LayoutRunOptions {
  scenario: Scenario;
  layout: ResolvedLayout;
  /** Every store name the layout uses → where and what it is. */
  stores: Record<string, StoreSpec>;
  dataset: Dataset;
  catalog: ShopCatalog;
  signal: AbortSignal;
  /** Called about every 250 ms while measuring. */
  onProgress?: (status: LiveStatus) => void;
  /** Test hook: slows every relay batch by this much (scenarios use faults: slowRelay). */
  relayApplyDelayMs?: number;
}

/** Grace period for journeys and probes to finish after Ctrl-C, so what was measured is kept. */
const INTERRUPT_GRACE_MS = 3000;

export async function runLayout(options: LayoutRunOptions): Promise<LayoutResult> {
  const { scenario, layout, dataset, signal } = options;
  // Proxies and gates go in before the stores open, so the drivers connect through them.
  const faults = await FaultInjector.prepare(scenario.faults, layout, options.stores);
  let opened: OpenedLayout;
  try {
    opened = await openLayout(layout, faults.stores);
  } catch (error) {
    await faults.close();
    throw error;
  }
  let relay: Relay | null = null;
  let feed: ChangeFeed | null = null;
  try {
    const loadStarted = performance.now();
    await loadDataset(opened.roles, opened.storeOf, dataset);
    const loadSeconds = (performance.now() - loadStarted) / 1000;
    const mechanism = chooseMechanism(layout, opened.atomicCheckout !== null, scenario);
    // After the bulk load (the feed need not decode it), before the clock starts.
    feed = await openChangeFeed(mechanism, layout, opened, faults.stores);

    const originUs = nowUs();
    const measureStartUs = originUs + scenario.warmupMs * 1000;
    const recorder = new LayoutRecorder(measureStartUs, scenario.load.model);
    const faultRecorder = new FaultRecorder(faults.planned, measureStartUs);
    if (faultRecorder.active) recorder.observer = faultRecorder;
    const sink = recorder.storeCall.bind(recorder);
    const roles = instrumentRoles(
      gatedRoles(opened.roles, opened.storeOf, faults.gates),
      opened.storeOf,
      sink,
    );
    const inventoryGate = faults.gates.get(opened.storeOf.inventory);
    const atomic = opened.atomicCheckout
      ? instrumentObject(
          'inventory',
          opened.storeOf.inventory,
          inventoryGate ? gatedObject(opened.atomicCheckout, inventoryGate) : opened.atomicCheckout,
          sink,
        )
      : null;

    const ledger = new CommitLedger();
    const label = (role: RoleName) => `${role}@${opened.storeOf[role]}`;
    const lags = new Map<'graph' | 'analytics', LagRecorder>();
    const lagFor = (role: 'graph' | 'analytics') => {
      const probeUs = scenario.consistency.probeIntervalMs * 1000;
      const lag = new LagRecorder(label('inventory'), label(role), mechanism, probeUs, measureStartUs);
      if (faultRecorder.active)
        lag.onApplied = (commitUs, ackUs) => faultRecorder.applied(label(role), commitUs, ackUs);
      lags.set(role, lag);
      return lag;
    };
    const targets = derivedTargets(roles, lagFor);
    const probes = new VisibilityProbes(
      targets,
      scenario.consistency.probeIntervalMs,
      scenario.consistency.probeTimeoutMs,
    );
    // Probing starts at the source commit ack (DESIGN.md §5), provisionally until the order is placed.
    const sampled = (orderId: string) =>
      new Random(deriveSeed(scenario.seed, 'probe', orderId)).chance(scenario.consistency.probeSample);
    const hooks: CommitHooks = {
      committed(orderId, ackUs) {
        ledger.committed(orderId, ackUs);
        if (sampled(orderId)) probes.watch(orderId, ackUs, true);
      },
      placed(order) {
        ledger.placed(order);
        probes.acknowledge(order.id);
        const commitUs = ledger.commitAckUs(order.id);
        if (commitUs !== undefined) faultRecorder.placed(commitUs);
      },
      compensated: (orderId) => probes.abandon(orderId),
    };
    const propagation = setUpPropagation({
      mechanism,
      layout,
      opened,
      roles,
      atomic,
      targets,
      ledger,
      hooks,
      scenario,
      feed,
      relayApplyDelayMs: options.relayApplyDelayMs,
    });
    relay = propagation.relay;
    feed = null; // the relay owns it now
    relay?.start();

    const ctx: ShopContext = {
      roles,
      catalog: options.catalog,
      journeys: scenario.journeys,
      sessionTtlSeconds: scenario.sessions.ttlSeconds,
      writePath: propagation.writePath,
      readYourWrites: (operation, startUs, saw) => recorder.readYourWrites(operation, startUs, saw),
    };

    const health = startHealthMonitor();
    faults.start(measureStartUs, relay);
    const { measuredSeconds, interrupted } = await driveLoad({
      scenario,
      ctx,
      recorder,
      originUs,
      signal,
      onProgress: options.onProgress,
    });
    const healthStats = health.stop();
    // Every fault is over by now (they end within the measured run); this also covers Ctrl-C.
    faults.endAll();

    // After Ctrl-C keep the wait short: the user asked to stop, but what was measured is still reported.
    const drainDeadline = interrupted ? INTERRUPT_GRACE_MS : scenario.consistency.drainTimeoutMs;
    const drain = relay ? await relay.drain(drainDeadline) : { drained: true, ms: 0 };
    await probes.settle(interrupted ? INTERRUPT_GRACE_MS : scenario.consistency.probeTimeoutMs);
    probes.stop();
    await relay?.stop();
    relay = null;

    const invariants = await reconcile({
      roles: opened.roles,
      storeOf: opened.storeOf,
      placed: ledger.placedOrdersById(),
      historical: dataset.orders,
      drain,
    });

    const notes = [...faults.notes];
    if (opened.singleStoreWithoutTransactions && mechanism === 'outbox') {
      notes.unshift(opened.singleStoreWithoutTransactions);
    }
    const result: LayoutResult = {
      layout: layout.name,
      roles: bindingsOf(opened.bindings),
      propagation: mechanism,
      notes,
      model: scenario.load.model,
      latencyBasis: scenario.load.model === 'open' ? 'response' : 'service',
      warmupSeconds: scenario.warmupMs / 1000,
      measuredSeconds,
      interrupted,
      loadSeconds,
      operations: inReportOrder(recorder.operationStats(), scenario),
      storeCalls: recorder.storeCallStats(),
      schedule: recorder.scheduleStats(),
      timeSeries: recorder.timeSeries.samples(),
      lag: [...lags.values()].map((lag) => lag.stats()),
      readYourWrites: recorder.readYourWritesStats(),
      invariants,
      health: healthStats,
      errors: recorder.errorSamples(),
      faults: faultRecorder.results(reportOrder(scenario)),
    };
    if (propagation.relay && propagation.relay.errors > 0) {
      result.errors.push({
        operation: 'relay',
        message: String(propagation.relay.lastError),
        count: propagation.relay.errors,
      });
    }
    if (probes.errors > 0) {
      result.errors.push({ operation: 'probe', message: 'probe read failed', count: probes.errors });
    }
    recorder.destroy();
    for (const lag of lags.values()) lag.destroy();
    return result;
  } finally {
    await relay?.stop().catch(() => undefined);
    await feed?.stop().catch(() => undefined);
    faults.endAll();
    await opened.close();
    await faults.close();
  }
}

function instrumentRoles(raw: RoleImpls, storeOf: Record<RoleName, string>, sink: StoreCallSink): RoleImpls {
  const wrapped = {} as Record<RoleName, unknown>;
  for (const role of ROLE_NAMES) wrapped[role] = instrumentRole(role, storeOf[role], raw[role], sink);
  return wrapped as unknown as RoleImpls;
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

function bindingsOf(bindings: Record<RoleName, RoleBinding>): Record<RoleName, RoleBinding> {
  return structuredClone(bindings);
}
