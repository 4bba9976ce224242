// The first stage of a layout's lifecycle (docs/architecture.md, "A layout's lifecycle"): fault proxies and gates,
// fresh stores, the bulk load, the propagation plan, the cdc feed, the measured window, the event stream's wiring,
// the write path and the relay — every piece registered on the caller's resource stack. A run measures on what
// this prepares; `trace` runs one journey on it.
import type { Dataset } from '../domain.js';
import { FaultInjector } from '../faults/injector.js';
import { proxyTargetOf } from '../faults/proxy-url.js';
import { loadDataset } from '../layouts/load-dataset.js';
import { openLayout } from '../layouts/open-layout.js';
import type { ResolvedLayout } from '../layouts/resolve.js';
import { nowUs } from '../metrics/clock.js';
import { MeasuredWindow } from '../metrics/measured-window.js';
import { WireMeter, type WireEndpoint } from '../metrics/wire-meter.js';
import type { CommitLedger } from '../propagation/ledger.js';
import { planPropagation, type PropagationPlan } from '../propagation/plan.js';
import type { Scenario, StoreSpec } from '../scenario/types.js';
import { measuredDurationMs } from '../scenario/types.js';
import { serverEngineOf } from '../stores/engine-lookup.js';
import type { ShopCatalog, ShopContext } from '../workloads/context.js';
import { RELAY_CONTEXT, withCallContext } from './call-context.js';
import type { LiveStatus } from './drive-load.js';
import { wireLayout, type LayoutWiring } from './layout-wiring.js';
import { capabilitiesOfOpened, openChangeFeed, setUpPropagation } from './propagation-setup.js';
import type { ResourceStack } from './resource-stack.js';
import type { ShardSpec } from './shard.js';
import { LayoutWorkers } from './workers/layout-workers.js';

export interface LayoutRunOptions {
  scenario: Scenario;
  layout: ResolvedLayout;
  /** Every store name the layout uses → where and what it is. */
  stores: Record<string, StoreSpec>;
  dataset: Dataset;
  catalog: ShopCatalog;
  /** Ctrl-C or SIGTERM. */
  signal: AbortSignal;
  /** Called about every 250 ms while measuring. */
  onProgress?: (status: LiveStatus) => void;
  /** A store's warning as it arises (a lost namespace lock): the run prints it; the notes keep it too. */
  onStoreWarning?: (line: string) => void;
  /** This process's slice of the run (`run --shard i/N`); the whole run when absent. */
  shard?: ShardSpec | null;
  /** Awaited just before the layout's clock starts (the `--start-at` barrier). */
  beforeClock?: () => Promise<void>;
  /** Handed the layout's commit ledger once it exists (a shard report keeps its placed orders). */
  onLedger?: (ledger: CommitLedger) => void;
  /** `run --workers N`: the load runs from N worker threads (1, the default: from this thread). */
  workers?: number;
  /** Test hook: slows every relay batch by this much (scenarios use faults: slowRelay). */
  relayApplyDelayMs?: number;
}

export interface Prepared {
  faults: FaultInjector;
  plan: PropagationPlan;
  wiring: LayoutWiring;
  window: MeasuredWindow;
  originUs: number;
  loadSeconds: number;
  relay: ReturnType<typeof setUpPropagation>['relay'];
  ctx: ShopContext;
  opened: Awaited<ReturnType<typeof openLayout>>;
  /** Connections and bytes per server store; marked at the measured window's start and end. */
  wire: WireMeter;
  /** The worker threads driving the load (`run --workers N`, N > 1); null when this thread drives it. */
  workers: LayoutWorkers | null;
}

/** Where each server store's driver connects: its own address, or its fault proxy's. */
export function wireEndpoints(stores: Record<string, StoreSpec>): WireEndpoint[] {
  const endpoints: WireEndpoint[] = [];
  for (const [store, spec] of Object.entries(stores)) {
    if (!spec.url || !serverEngineOf(spec.engine)) continue;
    try {
      endpoints.push({ store, ...proxyTargetOf(spec.engine, spec.url) });
    } catch {
      // Several hosts (a replica set's seed list): no one address to watch; its figures say "not seen".
    }
  }
  return endpoints;
}

export async function prepareLayout(options: LayoutRunOptions, stack: ResourceStack): Promise<Prepared> {
  const { scenario, layout, dataset } = options;
  // Proxies and gates go in before the stores open, so the drivers connect through them.
  const faults = stack.defer(
    'fault proxies',
    await FaultInjector.prepare(scenario.faults, layout, options.stores),
    (f) => f.close(),
  );
  // Before the stores open, so it sees every connection their drivers make.
  const wire = stack.defer('wire meter', await WireMeter.start(wireEndpoints(faults.stores)), (m) =>
    m.stop(),
  );
  const opened = stack.defer('stores', await openLayout(layout, faults.stores, options.onStoreWarning), (o) =>
    o.close(),
  );
  const loadStarted = performance.now();
  await loadDataset(opened.roles, opened.storeOf, dataset);
  const loadSeconds = (performance.now() - loadStarted) / 1000;
  const plan = planPropagation(layout, scenario, capabilitiesOfOpened(opened));
  // After the bulk load (the feed need not decode it), before the clock starts.
  let feed = await openChangeFeed(plan.propagation, layout, opened, faults.stores);
  if (feed) stack.defer('change feed', feed, (f) => (feed === null ? undefined : f.stop()));

  // Started and attached before the clock, as the stores are: the first arrivals must not wait for threads to boot.
  const workers =
    (options.workers ?? 1) > 1
      ? stack.defer(
          'worker threads',
          await LayoutWorkers.start({
            count: options.workers!,
            scenario,
            layout,
            stores: faults.stores,
            dataset,
            shard: options.shard ?? null,
            propagation: plan.propagation,
            opened,
            gates: faults.gates,
            faultedStores: faults.planned.flatMap((fault) => (fault.store === null ? [] : [fault.store])),
            wire: wireEndpoints(faults.stores),
          }),
          (w) => w.close(),
        )
      : null;

  await options.beforeClock?.();
  const originUs = nowUs();
  const window = new MeasuredWindow(
    originUs + scenario.warmupMs * 1000,
    originUs + (scenario.warmupMs + measuredDurationMs(scenario.load)) * 1000,
  );
  const wiring = wireLayout({
    scenario,
    opened,
    faults,
    window,
    propagation: plan.propagation,
    initialStock: options.catalog.initialStock,
  });
  stack.defer('recorders', wiring, (w) => w.destroy());
  options.onLedger?.(wiring.ledger);
  const propagation = setUpPropagation({
    mechanism: plan.propagation,
    layout,
    opened,
    roles: wiring.roles,
    atomic: wiring.atomic,
    targets: wiring.targets,
    ledger: wiring.ledger,
    hooks: wiring.hooks,
    scenario,
    feed,
    relayApplyDelayMs: options.relayApplyDelayMs,
  });
  const relay = propagation.relay;
  if (relay) {
    feed = null; // the relay owns it now
    stack.defer('relay', relay, (r) => r.stop());
    withCallContext(RELAY_CONTEXT, () => relay.start());
  }
  const ctx: ShopContext = {
    roles: wiring.roles,
    catalog: options.catalog,
    journeys: scenario.journeys,
    sessionTtlSeconds: scenario.sessions.ttlSeconds,
    writePath: propagation.writePath,
    readYourWrites: wiring.readYourWrites,
    crossStore: wiring.crossStore,
    searchListed: wiring.searchListed,
  };
  return { faults, plan, wiring, window, originUs, loadSeconds, relay, ctx, opened, wire, workers };
}
