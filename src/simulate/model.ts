// The model of one layout, built from its calibration run: which store serves each role, each store's lanes and
// servers, a service-time distribution per store call (from the report's histograms), each operation's calls in
// workload order, the relay and the probes. Plain data: a simulation run instantiates it (simulate-layout.ts).
import type { LayoutResult, StoreCallStats } from '../metrics/types.js';
import type { Mechanism } from '../propagation/write-path.js';
import type { RoleName } from '../roles.js';
import { UserError } from '../errors.js';
import type { Scenario } from '../scenario/types.js';
import { SHOPPER_OPERATIONS } from '../workloads/journeys.js';
import { ANALYST_QUERIES } from '../scenario/types.js';
import { HOST_LANE, laneOfMethod, lanesOf } from './engine-lanes.js';
import { ServiceDistribution } from './service-times.js';
import {
  applyCall,
  oneStatementQueriesOf,
  probeCall,
  RELAY_CALLS,
  RELEASE_CALL,
  stepCalls,
  type CallSpec,
} from './step-calls.js';
import type { DerivedRole } from '../propagation/targets.js';

/** Who makes a call; 'host' is the tool's own work on its thread (starting a step), never a store call. */
export type CallSource = 'operation' | 'relay' | 'probe' | 'host';

export interface LaneSpec {
  /** "kuzu/reader", or "host" for the tool's thread */
  id: string;
  store: string;
  servers: number;
  why: string;
}

export interface KindSpec {
  source: CallSource;
  store: string;
  role: RoleName;
  method: string;
  lane: number;
  dist: ServiceDistribution;
  /** Runs inline on the caller's turn: its latency is its service time, and the fit leaves it alone. */
  inline: boolean;
  /** Answered off the tool's thread: the answer waits for that thread before the caller hears it. */
  deliver: boolean;
}

export interface PlannedCall {
  spec: CallSpec;
  kind: number;
}

export interface TargetSpec {
  role: DerivedRole;
  /** Labels as the calibration report names them: "inventory@pglite", "graph@kuzu". */
  source: string;
  target: string;
  probeKind: number;
  applyKind: number;
}

export interface LayoutSpec {
  name: string;
  calibration: LayoutResult;
  mechanism: Mechanism;
  stores: Record<RoleName, string>;
  lanes: LaneSpec[];
  kinds: KindSpec[];
  operations: Map<string, PlannedCall[]>;
  relay: { pollKind: number; markKind: number } | null;
  releaseKind: number;
  targets: TargetSpec[];
  /** Share of checkouts rejected by a business rule in the calibration (out of stock). */
  rejectedShare: number;
  /** Where the calibration had no data for a call, what the model used instead. */
  substitutions: string[];
  /** The tool's own work per step on its thread (µs), estimated from the calibration; its kind index. */
  hostOverheadUs: number;
  dispatchKind: number;
  /**
   * What else holds the tool's thread (garbage collection, the tool's own bookkeeping, other processes taking
   * the CPU): stalls arriving at ratePerS with exponential lengths of meanUs, fitted to the measured schedule lag.
   */
  hostStalls: { ratePerS: number; meanUs: number };
}

const key = (source: CallSource, role: string, method: string) => `${source} ${role}.${method}`;

/** The calibration's histograms for a call, by who made it: its own source first, then any other. */
function observed(layout: LayoutResult, source: CallSource, role: RoleName, method: string) {
  const same = (call: StoreCallStats) => call.role === role && call.method === method && call.count > 0;
  const background = (phase: 'window' | 'settle') =>
    layout.backgroundCalls.find(
      (c) => same(c) && c.phase === phase && (source === 'operation' || c.source === source),
    );
  const op = layout.storeCalls.find(same);
  const bg = background('window') ?? background('settle');
  return source === 'operation' ? (op ?? bg) : (bg ?? op);
}

export interface SpecOptions {
  /** Model compensation (inventory.release): only faults make an order write fail. */
  withRelease: boolean;
}

export function buildLayoutSpec(layout: LayoutResult, scenario: Scenario, options: SpecOptions): LayoutSpec {
  const mechanism = layout.propagation as Mechanism;
  const stores = Object.fromEntries(
    Object.entries(layout.roles).map(([role, binding]) => [role, binding.store]),
  ) as Record<RoleName, string>;
  // Lane 0 is the tool's thread: every step starts there and every answer is delivered there.
  const lanes: LaneSpec[] = [
    {
      id: HOST_LANE,
      store: '',
      servers: 1,
      why: 'the tool’s JavaScript thread: starting steps, delivering answers',
    },
  ];
  const laneIndex = new Map<string, number>([[HOST_LANE, 0]]);
  const inlineStores = new Set<string>();
  const kinds: KindSpec[] = [];
  const kindIndex = new Map<string, number>();
  const substitutions: string[] = [];

  const laneFor = (store: string, method: string): number => {
    const shape = laneOfMethod(lanesOf(scenario, store), method);
    if (shape.inline) inlineStores.add(store);
    if (shape.name === HOST_LANE) {
      if (!lanes[0]!.why.includes(store)) lanes[0]!.why += `; ${store} (${shape.why})`;
      return 0;
    }
    const id = `${store}/${shape.name}`;
    let index = laneIndex.get(id);
    if (index === undefined) {
      index = lanes.push({ id, store, servers: shape.servers, why: shape.why }) - 1;
      laneIndex.set(id, index);
    }
    return index;
  };

  const kindOf = (source: CallSource, spec: CallSpec): number => {
    const k = key(source, spec.role, spec.method);
    const known = kindIndex.get(k);
    if (known !== undefined) return known;
    const store = stores[spec.role];
    let stats = observed(layout, source, spec.role, spec.method);
    if (!stats) {
      // Same store and role, the method called most: the nearest measured stand-in.
      const candidates = [...layout.storeCalls, ...layout.backgroundCalls]
        .filter((c) => c.store === store && c.role === spec.role && c.count > 0 && c.method !== 'auditOrders')
        .sort((a, b) => b.count - a.count);
      stats = candidates[0];
      if (!stats)
        throw new UserError(
          `calibration has no ${spec.role} calls on ${store} in layout ${layout.layout}: ` +
            `cannot model ${spec.role}.${spec.method}`,
        );
      substitutions.push(
        `${layout.layout}: ${spec.role}.${spec.method} on ${store} never observed in the calibration; ` +
          `the model uses ${stats.role}.${stats.method}'s service times`,
      );
    }
    const dist = ServiceDistribution.fromSummary(stats.latency);
    const lane = laneFor(store, spec.method);
    const inline = inlineStores.has(store);
    const index =
      kinds.push({
        source,
        store,
        role: spec.role,
        method: spec.method,
        lane,
        dist,
        inline,
        deliver: lane !== 0,
      }) - 1;
    kindIndex.set(k, index);
    return index;
  };

  const atomicClearsCart = !layout.storeCalls.some((c) => c.role === 'sessions' && c.method === 'clearCart');
  const callOptions = { mechanism, atomicClearsCart, crossStore: oneStatementQueriesOf(layout.storeCalls) };
  const operations = new Map<string, PlannedCall[]>();
  const measuredOps = new Set(layout.operations.filter((op) => op.count > 0).map((op) => op.name));
  for (const name of [...SHOPPER_OPERATIONS, ...ANALYST_QUERIES]) {
    // Only operations the calibration ran: a call never observed would be a guess, and is named if it is one.
    if (!measuredOps.has(name)) continue;
    operations.set(
      name,
      stepCalls(name, callOptions).map((spec) => ({ spec, kind: kindOf('operation', spec) })),
    );
  }

  const relayRuns = mechanism === 'outbox' || mechanism === 'cdc';
  const targets: TargetSpec[] = layout.lag.map((lag) => {
    const role = lag.target.split('@')[0] as DerivedRole;
    return {
      role,
      source: lag.source,
      target: lag.target,
      probeKind: kindOf('probe', probeCall(role)),
      applyKind: relayRuns ? kindOf('relay', applyCall(role)) : -1,
    };
  });
  const checkout = layout.operations.find((op) => op.name === 'checkout');
  const hostOverheadUs = estimateOverheadUs(layout, operations, kinds);
  const dispatchKind =
    kinds.push({
      source: 'host',
      store: '',
      role: 'sessions',
      method: 'step',
      lane: 0,
      // One µs scaled: the scale is the tool's time per job on its thread (fitted; answers' deliveries use it too).
      dist: scaled(ServiceDistribution.constant(1), hostOverheadUs),
      inline: true,
      deliver: false,
    }) - 1;
  return {
    name: layout.layout,
    calibration: layout,
    mechanism,
    stores,
    lanes,
    kinds,
    operations,
    relay: relayRuns
      ? {
          pollKind: mechanism === 'outbox' ? kindOf('relay', RELAY_CALLS.poll) : -1,
          markKind: kindOf('relay', RELAY_CALLS.mark),
        }
      : null,
    releaseKind:
      options.withRelease && operations.has('checkout') && mechanism !== 'single-transaction'
        ? kindOf('operation', RELEASE_CALL)
        : -1,
    targets,
    rejectedShare: checkout && checkout.count > 0 ? checkout.rejected / checkout.count : 0,
    substitutions,
    hostOverheadUs,
    dispatchKind,
    hostStalls: { ratePerS: 0, meanUs: 0 },
  };
}

function scaled(dist: ServiceDistribution, scale: number): ServiceDistribution {
  dist.scale = scale;
  return dist;
}

/**
 * The tool's own time per step: the median over operations of service p50 − the p50s of its calls, within
 * 2–200 µs (a step whose calls queued says more about the queue than about the tool).
 */
function estimateOverheadUs(
  layout: LayoutResult,
  operations: Map<string, PlannedCall[]>,
  kinds: KindSpec[],
): number {
  const gaps: number[] = [];
  for (const op of layout.operations) {
    const calls = operations.get(op.name);
    if (!calls || op.count < 10) continue;
    let sum = 0;
    for (const call of calls) {
      if (call.spec.afterCheckoutOnly) continue;
      const kind = kinds[call.kind]!;
      const stats = layout.storeCalls.find(
        (c) => c.store === kind.store && c.role === kind.role && c.method === kind.method,
      );
      sum += stats?.latency.p50 ?? 0;
    }
    gaps.push(op.service.p50 - sum);
  }
  gaps.sort((a, b) => a - b);
  const median = gaps[Math.floor(gaps.length / 2)] ?? 20;
  return Math.min(200, Math.max(2, median));
}
