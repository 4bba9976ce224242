// One layout, start to finish: fresh stores, bulk load, the shared schedule, propagation and probes,
// then drain, reconcile and close. Produces the layout's plain result data.
import type { Dataset } from '../domain.js';
import { Random, deriveSeed } from '../data/random.js';
import { openLayout } from '../layouts/open-layout.js';
import { loadDataset } from '../layouts/load-dataset.js';
import type { ResolvedLayout } from '../layouts/resolve.js';
import { nowUs } from '../metrics/clock.js';
import { startHealthMonitor } from '../metrics/health.js';
import { LayoutRecorder } from '../metrics/layout-recorder.js';
import type { LayoutResult, OperationStats, RoleBinding } from '../metrics/types.js';
import { LagRecorder } from '../propagation/lag.js';
import { CommitLedger } from '../propagation/ledger.js';
import { OutboxRelay } from '../propagation/outbox-relay.js';
import { VisibilityProbes } from '../propagation/probes.js';
import { reconcile } from '../propagation/reconcile.js';
import { derivedTargets } from '../propagation/targets.js';
import {
  outboxWritePath,
  singleTransactionWritePath,
  type CommitHooks,
  type WritePath,
} from '../propagation/write-path.js';
import type { RoleImpls, RoleName } from '../roles.js';
import { ROLE_NAMES } from '../roles.js';
import type { Scenario, StoreSpec } from '../scenario/types.js';
import type { ShopCatalog, ShopContext } from '../workloads/context.js';
import { SHOPPER_OPERATIONS } from '../workloads/journeys.js';
import { instrumentObject, instrumentRole } from './instrument.js';
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
  /** Test hook and fault injection: slows every relay batch by this much. */
  relayApplyDelayMs?: number;
}

/** Grace period for journeys and probes to finish after Ctrl-C, so what was measured is kept. */
const INTERRUPT_GRACE_MS = 3000;

export async function runLayout(options: LayoutRunOptions): Promise<LayoutResult> {
  const { scenario, layout, dataset, signal } = options;
  const opened = await openLayout(layout, options.stores);
  try {
    const loadStarted = performance.now();
    await loadDataset(opened.roles, opened.storeOf, dataset);
    const loadSeconds = (performance.now() - loadStarted) / 1000;

    const originUs = nowUs();
    const measureStartUs = originUs + scenario.warmupMs * 1000;
    const recorder = new LayoutRecorder(measureStartUs, scenario.load.model);
    const roles = instrumentRoles(opened.roles, opened.storeOf, recorder);

    const ledger = new CommitLedger();
    const mechanism = opened.atomicCheckout ? 'single-transaction' : 'outbox';
    const label = (role: RoleName) => `${role}@${opened.storeOf[role]}`;
    const lags = new Map<'graph' | 'analytics', LagRecorder>();
    const lagFor = (role: 'graph' | 'analytics') => {
      const probeUs = scenario.consistency.probeIntervalMs * 1000;
      const lag = new LagRecorder(label('inventory'), label(role), mechanism, probeUs, measureStartUs);
      lags.set(role, lag);
      return lag;
    };
    const targets = derivedTargets(roles, lagFor);
    const probes = new VisibilityProbes(
      targets,
      scenario.consistency.probeIntervalMs,
      scenario.consistency.probeTimeoutMs,
    );
    // Probing starts at the source commit ack (DESIGN.md §5), provisionally until the shopper is told.
    const sampled = (orderId: string) =>
      new Random(deriveSeed(scenario.seed, 'probe', orderId)).chance(scenario.consistency.probeSample);
    const onCommit: CommitHooks = {
      committed(orderId, ackUs) {
        ledger.committed(orderId, ackUs);
        if (sampled(orderId)) probes.watch(orderId, ackUs, true);
      },
      compensated: (orderId) => probes.abandon(orderId),
    };
    let relay: OutboxRelay | null = null;
    let writePath: WritePath;
    if (opened.atomicCheckout) {
      const atomic = instrumentObject(
        'inventory',
        opened.storeOf.inventory,
        opened.atomicCheckout,
        recorder.storeCall.bind(recorder),
      );
      writePath = singleTransactionWritePath(atomic, roles.sessions, opened.atomicClearsCart, onCommit);
    } else {
      writePath = outboxWritePath(roles, onCommit);
      relay = new OutboxRelay(roles.inventory, targets, ledger, {
        pollIntervalMs: scenario.propagation.pollIntervalMs,
        batchSize: scenario.propagation.batchSize,
        applyDelayMs: options.relayApplyDelayMs,
      });
      relay.start();
    }

    const ctx: ShopContext = {
      roles,
      catalog: options.catalog,
      journeys: scenario.journeys,
      sessionTtlSeconds: scenario.sessions.ttlSeconds,
      writePath,
      acknowledged(order) {
        ledger.acknowledge(order);
        probes.acknowledge(order.id);
      },
      readYourWrites: (operation, startUs, saw) => recorder.readYourWrites(operation, startUs, saw),
    };

    const health = startHealthMonitor();
    const { measuredSeconds, interrupted } = await driveLoad({
      scenario,
      ctx,
      recorder,
      originUs,
      signal,
      onProgress: options.onProgress,
    });
    const healthStats = health.stop();

    // After Ctrl-C keep the wait short: the user asked to stop, but what was measured is still reported.
    const drainDeadline = interrupted ? INTERRUPT_GRACE_MS : scenario.consistency.drainTimeoutMs;
    const drain = relay ? await relay.drain(drainDeadline) : { drained: true, ms: 0 };
    await probes.settle(interrupted ? INTERRUPT_GRACE_MS : scenario.consistency.probeTimeoutMs);
    probes.stop();
    await relay?.stop();

    const invariants = await reconcile({
      roles: opened.roles,
      storeOf: opened.storeOf,
      acknowledged: ledger.acknowledged(),
      historical: dataset.orders,
      drain,
    });

    const result: LayoutResult = {
      layout: layout.name,
      roles: bindingsOf(opened.bindings),
      propagation: mechanism,
      notes: opened.singleStoreWithoutTransactions ? [opened.singleStoreWithoutTransactions] : [],
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
    };
    if (relay && relay.errors > 0) {
      result.errors.push({ operation: 'relay', message: String(relay.lastError), count: relay.errors });
    }
    if (probes.errors > 0) {
      result.errors.push({ operation: 'probe', message: 'probe read failed', count: probes.errors });
    }
    recorder.destroy();
    for (const lag of lags.values()) lag.destroy();
    return result;
  } finally {
    await opened.close();
  }
}

function instrumentRoles(
  raw: RoleImpls,
  storeOf: Record<RoleName, string>,
  recorder: LayoutRecorder,
): RoleImpls {
  const sink = recorder.storeCall.bind(recorder);
  const wrapped = {} as Record<RoleName, unknown>;
  for (const role of ROLE_NAMES) wrapped[role] = instrumentRole(role, storeOf[role], raw[role], sink);
  return wrapped as unknown as RoleImpls;
}

/** Shopper operations in journey order, then the analysts' queries: the same rows in every layout. */
function inReportOrder(operations: OperationStats[], scenario: Scenario): OperationStats[] {
  const order = [...SHOPPER_OPERATIONS, ...(scenario.analysts?.queries ?? [])];
  const rank = (name: string) => (order.includes(name) ? order.indexOf(name) : order.length);
  return [...operations].sort((a, b) => rank(a.name) - rank(b.name) || a.name.localeCompare(b.name));
}

function bindingsOf(bindings: Record<RoleName, RoleBinding>): Record<RoleName, RoleBinding> {
  return structuredClone(bindings);
}
