// The scenario after validation and defaults: what every other module reads. Durations are milliseconds,
// rates are arrivals per second. The YAML form (with "10s"-style durations) is documented in the README.
import type { RoleName } from '../roles.js';
import type { Threshold } from '../verdict/threshold.js';

export const JOURNEY_NAMES = ['browse', 'shop', 'buy', 'social'] as const;
export type JourneyName = (typeof JOURNEY_NAMES)[number];

export const ANALYST_QUERIES = [
  'top-products',
  'revenue-by-category',
  'search-categories',
  'revenue-by-follower-band',
] as const;
export type AnalystQuery = (typeof ANALYST_QUERIES)[number];

export interface DataSpec {
  users: number;
  products: number;
  categories: number;
  /** Mean follows per user; followees are drawn power-law (a few users are followed by many). */
  followsPerUser: number;
  likesPerUser: number;
  historicalOrders: number;
  /** Days before the run over which historical orders are spread. */
  historyDays: number;
  stockPerProduct: number;
  /** Zipf exponent of product popularity (0 = uniform). */
  popularitySkew: number;
}

export interface OpenPhase {
  name: string | null;
  durationMs: number;
  /** Arrivals per second at the start of the phase. */
  arrivalRate: number;
  /** Arrivals per second at the end (linear ramp); equals arrivalRate when not ramping. */
  rampTo: number;
}

export interface OpenLoad {
  model: 'open';
  phases: OpenPhase[];
  /** Journeys in flight beyond which new arrivals are dropped (and counted). */
  maxInFlight: number;
  /** uniform: evenly spaced (wrk2, k6 constant-arrival-rate); poisson: exponential gaps from the seed. */
  arrivals: 'uniform' | 'poisson';
}

export interface ClosedPhase {
  name: string | null;
  durationMs: number;
  /** Virtual users looping journeys during this phase. */
  users: number;
}

export interface ClosedLoad {
  model: 'closed';
  phases: ClosedPhase[];
}

export type LoadSpec = OpenLoad | ClosedLoad;

/** A layout's name: its own, or that of the built-in it names. */
export function layoutName(layout: LayoutRef): string {
  return layout.name ?? ('builtin' in layout ? layout.builtin : '');
}

/** How a checkout's writes reach the derived stores (docs/architecture.md, "Words"), when a layout has more than one store. */
export const PROPAGATION_STRATEGIES = ['outbox', 'dual-write', 'cdc'] as const;
export type PropagationStrategy = (typeof PROPAGATION_STRATEGIES)[number];

/**
 * A layout as written: a built-in name (optionally renamed and with its own propagation), or a mapping
 * role → store name ("default" fills the rest). propagation, when set, overrides the scenario's strategy.
 */
export type LayoutRef =
  | { builtin: string; name?: string; propagation?: PropagationStrategy }
  | {
      name: string;
      roles: Partial<Record<RoleName | 'default', string>>;
      propagation?: PropagationStrategy;
    };

export interface StoreSpec {
  /** Store kind: pglite, duckdb, kuzu, docstore, ttlcache (embedded); later postgres, redis, … */
  engine: string;
  url: string | null;
  pool: number | null;
  /** Deadline of every call to the store (stores.<name>.callTimeout); absent or null: the engine's default. */
  callTimeoutMs?: number | null;
  options: Record<string, unknown>;
}

export interface JourneySpec {
  /** Relative weights; 0 disables a journey. */
  mix: Record<JourneyName, number>;
  /** The TPC-W preset the mix came from, if any. */
  preset: 'browsing' | 'shopping' | 'ordering' | null;
  thinkTimeMs: { min: number; max: number };
  /** Distinct products added to a cart. */
  cartItems: { min: number; max: number };
  /** Units per cart line. */
  quantity: { min: number; max: number };
  /** Products viewed per browse. */
  productViews: { min: number; max: number };
  /** When set, cart products come from the `count` most popular products with this probability. */
  hotProducts: { count: number; probability: number } | null;
  /** Browse and shop journeys start from a search with probability share; words per query, Zipf skew. */
  search: { share: number; words: { min: number; max: number }; skew: number };
}

export interface AnalystSpec {
  everyMs: number;
  /** Dashboards look at orders placed within this window before the query. */
  windowMs: number;
  queries: AnalystQuery[];
}

export interface PropagationSpec {
  /** For layouts that spread a checkout over several stores; a one-transaction store commits it at once. */
  strategy: PropagationStrategy;
  pollIntervalMs: number;
  batchSize: number;
}

export interface ConsistencySpec {
  /** Fraction of checkouts whose visibility is probed in each derived store. */
  probeSample: number;
  /** Polling interval of the probe readers: the resolution of visible lag. */
  probeIntervalMs: number;
  probeTimeoutMs: number;
  /** How long the end-of-run reconciliation waits for the relay to drain. */
  drainTimeoutMs: number;
}

/** What a fault does while it lasts. */
export type FaultEffect =
  | { kind: 'latency'; ms: number }
  /** refused: connections refused and open ones reset; hung: nothing answers until the fault ends. */
  | { kind: 'outage'; mode: 'refused' | 'hung' }
  /** The relay (outbox or cdc) waits this long before applying each batch. */
  | { kind: 'slow-relay'; delayMs: number };

/** Whom a fault hits: the store serving a role in each layout, or a store by name. */
export type FaultTarget = { role: RoleName } | { store: string };

export interface FaultSpec {
  /** null only for slow-relay, which hits the relay rather than a store. */
  target: FaultTarget | null;
  /** Since the start of measurement (after warm-up): the clock of the per-second series. */
  fromMs: number;
  toMs: number;
  effect: FaultEffect;
}

export interface Scenario {
  name: string;
  description: string;
  seed: number;
  data: DataSpec;
  layouts: LayoutRef[];
  stores: Record<string, StoreSpec>;
  load: LoadSpec;
  warmupMs: number;
  journeys: JourneySpec;
  analysts: AnalystSpec | null;
  propagation: PropagationSpec;
  consistency: ConsistencySpec;
  sessions: { ttlSeconds: number };
  faults: FaultSpec[];
  /** Targets the run must meet (src/verdict judges them); absent when the scenario sets none. */
  thresholds?: Threshold[];
}

/** Measured duration: the sum of the phases (warm-up runs before it, at the first phase's load). */
export function measuredDurationMs(load: LoadSpec): number {
  return load.phases.reduce((sum, phase) => sum + phase.durationMs, 0);
}
