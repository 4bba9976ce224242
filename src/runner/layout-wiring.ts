// Connects one layout's measurement to its run event stream (docs/architecture.md, "The event stream"): every
// recorder, the ledger and the probes subscribe here, and the stores, write paths, relay and probes are given
// emitters. This is the only place that knows who listens to what; nothing reaches into a recorder elsewhere.
import { Random, deriveSeed } from '../data/random.js';
import { FaultRecorder } from '../faults/fault-recorder.js';
import type { FaultGate } from '../faults/gate.js';
import { gatedObject, gatedRoles } from '../faults/gated.js';
import type { FaultInjector } from '../faults/injector.js';
import type { OpenedLayout } from '../layouts/open-layout.js';
import { RunEvents } from '../metrics/events.js';
import { LayoutRecorder } from '../metrics/layout-recorder.js';
import { StaleInStockRecorder } from '../metrics/stale-in-stock.js';
import type { MeasuredWindow } from '../metrics/measured-window.js';
import { LagRecorder } from '../propagation/lag.js';
import { CommitLedger } from '../propagation/ledger.js';
import { VisibilityProbes } from '../propagation/probes.js';
import {
  derivedTargets,
  type DerivedRole,
  type DerivedTarget,
  type LagSink,
} from '../propagation/targets.js';
import type { CommitHooks, Mechanism } from '../propagation/write-path.js';
import {
  CROSS_STORE_ROLES,
  type AtomicCheckout,
  type CrossStoreQueries,
  type RoleImpls,
  type RoleName,
  type SearchHit,
} from '../roles.js';
import type { Scenario } from '../scenario/types.js';
import { currentCallContext, PROBE_CONTEXT, withCallContext } from './call-context.js';
import { callDeadlines } from './call-deadline.js';
import { instrumentObject, instrumentRoles } from './instrument.js';

export interface LayoutWiring {
  events: RunEvents;
  recorder: LayoutRecorder;
  faultRecorder: FaultRecorder;
  ledger: CommitLedger;
  lags: LagRecorder[];
  probes: VisibilityProbes;
  targets: DerivedTarget[];
  /** The layout's roles as the load sees them: gated where faults hit, and timed. */
  roles: RoleImpls;
  atomic: AtomicCheckout | null;
  /** The cross-store queries one store answers in one statement: gated and timed like the roles. */
  crossStore: Partial<CrossStoreQueries>;
  /** What the write paths report: emitted into the stream. */
  hooks: CommitHooks;
  /** A shopper's read right after their own checkout, for the workloads' context. */
  readYourWrites(operation: string, startUs: number, saw: boolean): void;
  staleInStock: StaleInStockRecorder;
  /** A search's results as the shopper saw them, for the stale in-stock count. */
  searchListed(hits: readonly SearchHit[]): void;
  /** Frees the recorders' histograms; after the result has been read. */
  destroy(): void;
}

export interface WiringInput {
  scenario: Scenario;
  opened: OpenedLayout;
  faults: FaultInjector;
  window: MeasuredWindow;
  propagation: Mechanism;
  /** Stock per product before the run, for the stale in-stock truth (none: nothing is counted stale). */
  initialStock?: ReadonlyMap<number, number>;
}

export function wireLayout(input: WiringInput): LayoutWiring {
  const { scenario, opened, faults, window, propagation } = input;
  const events = new RunEvents();
  const recorder = new LayoutRecorder(window, scenario.load.model);
  recorder.subscribe(events);
  const ledger = new CommitLedger();
  events.on('commit', (event) => ledger.committed(event.orderId, event.ackUs, event.measured));
  events.on('placed', (event) => ledger.placed(event.order));
  const staleInStock = new StaleInStockRecorder(input.initialStock ?? new Map());
  events.on('placed', (event) => staleInStock.placed(event.order));
  const faultRecorder = new FaultRecorder(faults.planned, window.startUs);
  faultRecorder.subscribe(events, ledger);

  const { roles, atomic, crossStore } = instrumentedStores(
    opened,
    faults.gates,
    events,
    callDeadlines(scenario, opened),
  );

  const label = (role: RoleName) => targetLabel(opened.storeOf, role);
  const lagByTarget = new Map<string, LagRecorder>();
  const probe = {
    intervalUs: scenario.consistency.probeIntervalMs * 1000,
    timeoutUs: scenario.consistency.probeTimeoutMs * 1000,
  };
  const lagFor = (role: DerivedRole): LagSink => {
    const target = label(role);
    lagByTarget.set(
      target,
      new LagRecorder(label('inventory'), target, propagation, probe, (id) => ledger.isMeasured(id)),
    );
    return {
      applied: (orderId, commitUs, ackUs) =>
        events.emit({ type: 'applied', target, orderId, commitUs, ackUs }),
      probed: (outcome) => events.emit({ type: 'probed', target, ...outcome }),
    };
  };
  events.on('applied', (e) => lagByTarget.get(e.target)?.applied(e.orderId, e.commitUs, e.ackUs));
  events.on('probed', (e) => lagByTarget.get(e.target)?.probed(e));
  // The probes' reads are theirs, whichever checkout's commit started the watch.
  const targets = derivedTargets(roles, lagFor).map((target) => ({
    ...target,
    visibleOrders: (orderIds: readonly string[]) =>
      withCallContext(PROBE_CONTEXT, () => target.visibleOrders(orderIds)),
  }));

  const probes = new VisibilityProbes(
    targets,
    scenario.consistency.probeIntervalMs,
    scenario.consistency.probeTimeoutMs,
  );
  // Probing starts at the source commit ack (docs/measurements.md), provisionally until the order is placed;
  // only measured journeys' writes are sampled, by a draw seeded per order so every layout samples alike.
  const sampled = (orderId: string) =>
    new Random(deriveSeed(scenario.seed, 'probe', orderId)).chance(scenario.consistency.probeSample);
  events.on('commit', (event) => {
    if (event.measured && sampled(event.orderId)) probes.watch(event.orderId, event.ackUs, true);
  });
  events.on('placed', (event) => probes.acknowledge(event.order.id));
  events.on('compensated', (event) => probes.abandon(event.orderId));

  const hooks = commitHooks(events);

  return {
    events,
    recorder,
    faultRecorder,
    ledger,
    lags: [...lagByTarget.values()],
    probes,
    targets,
    roles,
    atomic,
    crossStore,
    hooks,
    readYourWrites: readYourWritesEmitter(events),
    staleInStock,
    searchListed: (hits) => staleInStock.listed(hits, measuredNow()),
    destroy() {
      recorder.destroy();
      for (const lag of lagByTarget.values()) lag.destroy();
    },
  };
}

/** Where a derived role's lag is kept and reported: "graph@kuzu". */
export function targetLabel(storeOf: Record<RoleName, string>, role: RoleName): string {
  return `${role}@${storeOf[role]}`;
}

// The write paths call these inside the checkout, so the call context says whether its journey is measured.
const measuredNow = () => currentCallContext()?.measured ?? false;

/** What the write paths report, emitted into the stream (a worker thread's stream forwards them on). */
export function commitHooks(events: RunEvents): CommitHooks {
  return {
    committed: (orderId, ackUs) => events.emit({ type: 'commit', orderId, ackUs, measured: measuredNow() }),
    placed: (order) => events.emit({ type: 'placed', order }),
    compensated: (orderId) => events.emit({ type: 'compensated', orderId }),
  };
}

/** A shopper's read right after their own checkout, emitted for the recorder. */
export function readYourWritesEmitter(events: RunEvents): LayoutWiring['readYourWrites'] {
  return (operation, startUs, saw) =>
    events.emit({ type: 'read-your-writes', operation, startUs, saw, measured: measuredNow() });
}

/**
 * The layout's roles, one-transaction checkout and cross-store queries as the load calls them: behind the fault
 * gates of in-process stores, then timed (every call an event) under each store's deadline.
 */
export function instrumentedStores(
  opened: Pick<OpenedLayout, 'roles' | 'storeOf' | 'atomicCheckout' | 'crossStore'>,
  gates: ReadonlyMap<string, FaultGate>,
  events: RunEvents,
  deadlines: ReturnType<typeof callDeadlines>,
): { roles: RoleImpls; atomic: AtomicCheckout | null; crossStore: Partial<CrossStoreQueries> } {
  const roles = instrumentRoles(
    gatedRoles(opened.roles, opened.storeOf, gates),
    opened.storeOf,
    events,
    deadlines,
  );
  const inventoryGate = gates.get(opened.storeOf.inventory);
  const atomic = opened.atomicCheckout
    ? instrumentObject(
        'inventory',
        opened.storeOf.inventory,
        inventoryGate ? gatedObject(opened.atomicCheckout, inventoryGate) : opened.atomicCheckout,
        events,
        deadlines.get(opened.storeOf.inventory),
      )
    : null;

  // Each one statement is a call of the query's lead role on the store holding every role it reads.
  const crossStore: Partial<CrossStoreQueries> = {};
  for (const [query, served] of Object.entries(opened.crossStore) as Array<
    [keyof CrossStoreQueries, { store: string; run: (arg: number) => Promise<unknown> }]
  >) {
    const gate = gates.get(served.store);
    const impl = { [query]: served.run };
    const timed = instrumentObject(
      CROSS_STORE_ROLES[query][0]!,
      served.store,
      gate ? gatedObject(impl, gate) : impl,
      events,
      deadlines.get(served.store),
    );
    Object.assign(crossStore, timed);
  }

  return { roles, atomic, crossStore };
}
