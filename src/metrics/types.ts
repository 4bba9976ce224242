// Plain, versioned result data (autocannon/tinybench shape): the measurer fills it, renderers only read it.
// Every latency is in microseconds from one monotonic clock (docs/measurements.md).
import type { RoleName } from '../roles.js';
import type { CallSource } from './events.js';
import type { Verdict } from '../verdict/types.js';

export const REPORT_SCHEMA = 'polyglot-bench.report';
export const REPORT_SCHEMA_VERSION = 1;

export interface LatencySummary {
  count: number;
  min: number;
  mean: number;
  p50: number;
  p90: number;
  p95: number;
  p99: number;
  p999: number;
  max: number;
  /** The HdrHistogram (1 µs – 1 h, 3 significant digits), compressed base64: decode to merge or re-query. */
  hdr: string;
  /**
   * Values outside the histogram's range, present only when there were any: below 1 µs (recorded as 1 µs),
   * above 1 h (recorded as 1 h), and NaN (not recorded at all).
   */
  outOfRange?: OutOfRange;
}

export interface OutOfRange {
  belowMin: number;
  aboveMax: number;
  invalid: number;
}

export interface OperationStats {
  name: string;
  /** Completed executions inside the measured window (warm-up excluded), errors included. */
  count: number;
  errors: number;
  /** Ended by a business rule rather than a failure, e.g. checkout finding a product out of stock. */
  rejected: number;
  /** end − intended start. Open model only (null in the closed model, where there is no schedule). */
  response: LatencySummary | null;
  /** end − actual start. */
  service: LatencySummary;
  /** Store calls per execution (round trips per user action); null where none was counted. */
  storeCallsPerRun?: CountDistribution | null;
}

/** A distribution of small whole numbers (calls per execution): exact, from the counts themselves. */
export interface CountDistribution {
  mean: number;
  p50: number;
  p99: number;
  max: number;
}

export interface StoreCallStats {
  store: string;
  role: RoleName;
  method: string;
  count: number;
  errors: number;
  latency: LatencySummary;
}

/** A store call made by the relay, a probe reader or reconciliation rather than by a measured operation. */
export interface BackgroundCallStats extends StoreCallStats {
  source: 'relay' | 'probe' | 'reconcile';
  /** 'window': started while measuring; 'settle': after (the drain, the last probes, reconciliation). */
  phase: 'window' | 'settle';
}

export interface SecondOperationSample {
  count: number;
  errors: number;
  /**
   * Of the latency the model reports (response time when open, service time when closed); null in a merged
   * report: exact nearest-rank values of several shards cannot be combined into the union's.
   */
  p50: number | null;
  p99: number | null;
}

export interface SecondSample {
  /** Seconds since the measured window began (0 = the first second). */
  second: number;
  ops: number;
  errors: number;
  operations: Record<string, SecondOperationSample>;
}

export interface ScheduleStats {
  /** Arrivals the schedule intended inside the measured window. */
  intended: number;
  started: number;
  /** Refused because maxInFlight journeys were already running. */
  dropped: number;
  /** actual start − intended start of each started arrival. */
  lag: LatencySummary | null;
}

export interface TVisibility {
  /** Threshold t in milliseconds. */
  withinMs: number;
  /**
   * Fraction of sampled writes visible within t of the source commit ack; null when unknown: some sampled write
   * was last seen missing before t (probing stopped at the probe timeout, or at Ctrl-C), so whether it was
   * visible by t was never observed. atLeast/atMost then bound the fraction.
   */
  fraction: number | null;
  atLeast?: number;
  atMost?: number;
}

export interface LagStats {
  /** e.g. "inventory@pglite" */
  source: string;
  /** e.g. "graph@kuzu" */
  target: string;
  /** How the write travels: "outbox", "cdc", "dual-write" or "single-transaction". */
  mechanism: string;
  /** Derived write ack − source commit ack; null when there is no relay (one transaction). */
  apply: LatencySummary | null;
  /** Derived writes acknowledged before the checkout had processed its commit ack; recorded as 0 lag. */
  appliedBeforeCommitAck: number;
  /** First probe that saw the write − source commit ack; resolution = probeIntervalUs at best. */
  visible: LatencySummary | null;
  probeIntervalUs: number;
  /**
   * p99 over seen writes of the time between the read that first saw the write and the read before it: the
   * resolution actually achieved (reads take time, and a busy store stretches the rounds); null if none seen.
   */
  probeGapP99Us: number | null;
  /** Writes probed. */
  sampled: number;
  /** Probed writes not seen before probing stopped (the probe timeout, or Ctrl-C): censored, not "never". */
  neverVisible: number;
  /** How long each probed write was watched before it counted as not seen. */
  probeTimeoutUs: number;
  tVisibility: TVisibility[];
}

export interface ReadYourWrites {
  /** Reads made by a shopper right after their own acknowledged checkout. */
  checks: number;
  /** Of those, reads that missed the checkout, per operation ("my-orders", "also-bought"). */
  violations: Record<string, number>;
  checksByOperation: Record<string, number>;
}

export interface StoreReconciliation {
  role: RoleName;
  store: string;
  /** Placed orders this store should hold (historical ones included). */
  expected: number;
  missing: number;
  duplicate: number;
  divergent: number;
  /**
   * Orders held that were never placed. A compensated checkout's purchase is retracted by propagation
   * (docs/architecture.md, "A compensated checkout"), so after the drain this counts real discrepancies only.
   */
  unexpected: number;
  /**
   * Search only: products whose stock the index holds differently from the inventory's (its starting stock less
   * the placed orders' units): what an index would have to be repaired for.
   */
  stockDivergent?: number;
}

/** Searches listing a product as in stock after it sold out (docs/measurements.md, "Stale in-stock"). */
export interface StaleInStockStats {
  /** Measured searches. */
  searches: number;
  /** Results they listed as in stock. */
  listedInStock: number;
  /** Of those, products whose last unit the placed orders had already taken when the results came back. */
  stale: number;
  /** Searches that listed at least one such product. */
  staleSearches: number;
}

export interface Invariants {
  /** The relay emptied its backlog before the deadline. */
  drained: boolean;
  drainMs: number;
  stockNegative: number;
  unitsSold: number;
  unitsDecremented: number;
  stores: StoreReconciliation[];
  /**
   * Checkout writes whose call timed out and whose outcome was still unknown when reconciliation began (the
   * server never answered them): what they did is not known, so the invariants cannot pass. Absent when 0.
   */
  unresolvedWrites?: number;
  ok: boolean;
}

export interface HealthStats {
  eventLoopDelayMs: { mean: number; p99: number; max: number };
  /** This process's CPU over the measured window, as percent of one core. */
  cpuPercent: number;
  /** Whose CPU that is: the tool alone, or the tool and the in-process engines it hosts. */
  cpuIncludes: string;
  /** The stretch the figures cover: the measured window (cut short by Ctrl-C). */
  windowSeconds: number;
}

/** One worker thread's own health over the measured window (`run --workers N`; docs/measurements.md). */
export interface WorkerHealth {
  worker: number;
  /** Its own event loop's timer delay, as HealthStats measures the main thread's. */
  eventLoopDelayMs: { mean: number; p99: number; max: number };
  /** Share of the window its event loop was busy (Node's event-loop utilization), percent: 100 = saturated. */
  busyPercent: number;
  /** Measured operations it ran. */
  operations: number;
}

export interface RoleBinding {
  store: string;
  engine: string;
  version: string;
  embedded: boolean;
  address: string;
}

export interface ErrorSample {
  operation: string;
  message: string;
  count: number;
}

/** One operation's figures in one window of a fault (latency per the layout's basis, µs). */
export interface FaultWindowStats {
  count: number;
  errors: number;
  p50: number | null;
  p99: number | null;
  max: number | null;
}

export interface FaultOperationImpact {
  operation: string;
  /**
   * From the start of measurement to the fault; while it lasted; from its end to the next fault's start (or the
   * end of the run).
   */
  before: FaultWindowStats;
  during: FaultWindowStats;
  after: FaultWindowStats;
}

export interface FaultLagImpact {
  /** e.g. "graph@kuzu" */
  target: string;
  /** p99 apply lag of writes committed before the fault. */
  beforeP99Us: number | null;
  /** Largest apply lag of a write committed while the fault lasted: the spike. */
  duringMaxUs: number | null;
  /**
   * When the backlog was gone: the last write committed before the fault ended was applied this long after
   * the end (0 when nothing was left waiting); null when some such write was never applied.
   */
  catchUpMs: number | null;
}

export interface FaultResult {
  /** "sessions → ttlcache: outage (refused), 10s–20s" */
  description: string;
  /** The store hit; null for a slowed relay. */
  store: string | null;
  /** How it was injected: a TCP proxy before a server, a gate before an in-process store, or the relay. */
  via: string;
  /** Seconds since the start of measurement when it was actually switched on and off; null if it never was. */
  startedAtS: number | null;
  endedAtS: number | null;
  operations: FaultOperationImpact[];
  /**
   * Time to recover: from the end of the fault to the end of the first successful call to the store that
   * started after it (null: none succeeded before the next fault or the end of the run); and calls started in
   * that stretch that failed.
   */
  recovery: { firstSuccessAfterMs: number | null; failedAfterEnd: number } | null;
  lag: FaultLagImpact[];
}

/** One store call of a traced journey, timed from the journey's start (µs). */
export interface TracedCall {
  /** The step that made it; null for propagation (relay, probes) after the journey. */
  step: string | null;
  source: CallSource;
  store: string;
  role: RoleName;
  method: string;
  startUs: number;
  durationUs: number;
  ok: boolean;
  /** On the longest chain of calls the shopper waited for (calls of one step run one after another). */
  critical: boolean;
}

/** One journey run alone on a layout with every store call timed and attributed (`trace`, the HTML waterfall). */
export interface JourneyTrace {
  journey: string;
  steps: Array<{ name: string; startUs: number; durationUs: number; outcome: 'ok' | 'rejected' | 'error' }>;
  calls: TracedCall[];
  /** For a checkout: when its write reached each derived store (µs from the journey's start); null if never. */
  propagation: Array<{ target: string; appliedUs: number | null; visibleUs: number | null }>;
}

export interface LayoutResult {
  layout: string;
  roles: Record<RoleName, RoleBinding>;
  /** "outbox", "cdc", "dual-write" or "single-transaction". */
  propagation: string;
  /** Why the layout ran the way it did, when that is not what its shape suggests (one line each). */
  notes: string[];
  model: 'open' | 'closed';
  /** What the latency columns show: response time (open) or service time only (closed). */
  latencyBasis: 'response' | 'service';
  warmupSeconds: number;
  measuredSeconds: number;
  interrupted: boolean;
  loadSeconds: number;
  /**
   * Journeys begun in the window that were still running at the deadline (Ctrl-C, or the drain deadline after
   * the window): their remaining steps never ran.
   */
  abandonedJourneys: number;
  operations: OperationStats[];
  /** The calls the measured operations made. */
  storeCalls: StoreCallStats[];
  /** The calls of the relay, the probes and reconciliation, from the start of measurement on. */
  backgroundCalls: BackgroundCallStats[];
  schedule: ScheduleStats | null;
  timeSeries: SecondSample[];
  lag: LagStats[];
  readYourWrites: ReadYourWrites;
  /** Absent in reports written before search existed. */
  staleInStock?: StaleInStockStats;
  invariants: Invariants;
  health: HealthStats;
  /** `run --workers N`, N > 1: each worker thread's health (the main thread's is `health`). */
  workers?: WorkerHealth[];
  errors: ErrorSample[];
  /** One entry per fault of the scenario's timeline that hit this layout. */
  faults: FaultResult[];
  /** One checkout traced store by store after the measured window, where the run traced one. */
  trace?: JourneyTrace | null;
  /** What the layout costs to run and watch, measured at the end of the run (src/metrics/footprint.ts). */
  footprint?: LayoutFootprint;
}

/** One store of a layout's footprint. */
export interface StoreFootprintStats {
  store: string;
  engine: string;
  embedded: boolean;
  roles: RoleName[];
  /** Bytes of the tool's own data as the engine reports them at the end of the run; null: not reported. */
  dataBytes: number | null;
  /** Where dataBytes comes from, or why it is missing. */
  dataSource: string;
  /** Connections this process opened to the store (total) and held at most at once; null: none seen. */
  connections: { opened: number; peak: number } | null;
  /** Bytes written to and read from those connections during the measured window, every source alike. */
  wire: { sentBytes: number; receivedBytes: number } | null;
  /** Why connections and wire are null: in process, or no connection seen (TLS). */
  wireNote?: string;
}

export interface LayoutFootprint {
  /** Distinct engines the layout needs. */
  engines: string[];
  /** Server processes to run, back up and monitor (embedded engines run inside the tool: none). */
  serverProcesses: number;
  stores: StoreFootprintStats[];
  /** Store calls per execution of each user action (storeCallsPerRun), mean and p99. */
  roundTrips: Record<string, { mean: number; p99: number }>;
  /** How many stores hold a copy of each order, from the propagation plan (orders store plus derived targets). */
  duplication: {
    /** Roles holding a copy of each order: orders, and the derived graph, analytics, search. */
    copies: number;
    stores: string[];
    /** Bytes reported by the stores holding copies besides the orders store; null where any is unknown. */
    copyStoreBytes: number | null;
    /**
     * Bytes of the copies beyond the orders role's own — the purchase edges, sales lines and search's applied
     * orders — as their stores report those tables or collections; null where one is not reported. Absent in
     * reports from before it was measured.
     */
    copyBytes?: number | null;
  };
}

export interface ComparisonRow {
  operation: string;
  /** One cell per layout, in report order: null where the layout did not run the operation. */
  cells: Array<{ layout: string; count: number; p50: number; p99: number; errors: number } | null>;
  /** p99 of each layout ÷ p99 of the first layout. */
  p99Ratio: Array<number | null>;
}

/** A layout that failed during its run: its name and the one-line reason. */
export interface LayoutFailure {
  layout: string;
  error: string;
  /** The failure is the user's to fix (an unreachable server, a refused namespace): the run exits 2. */
  userError?: boolean;
}

export interface Report {
  schema: typeof REPORT_SCHEMA;
  schemaVersion: typeof REPORT_SCHEMA_VERSION;
  tool: { name: string; version: string };
  createdAt: string;
  scenario: { name: string; file: string; seed: number; config: unknown };
  environment: { node: string; platform: string; arch: string; cpus: number; cpuModel: string };
  /** Set when any role ran on an in-process engine: the numbers are not networked servers'. */
  embeddedNote: string | null;
  interrupted: boolean;
  layouts: LayoutResult[];
  /** Layouts that failed before giving a result (the others' results are kept); absent when none did. */
  failedLayouts?: LayoutFailure[];
  comparison: ComparisonRow[];
  /** The scenario's thresholds judged per layout (src/verdict); absent in reports written before verdicts. */
  verdict?: Verdict;
  /** Present only on a simulated report (`polyglot-bench simulate`): no figure of it was measured. */
  simulation?: SimulationInfo;
  /** Present only on a shard's report (`run --shard i/N`): what `merge` needs to add the shards up. */
  shard?: ShardInfo;
  /** Present only on a merged report (`polyglot-bench merge`): the shards it adds up and what could not be. */
  merge?: MergeInfo;
}

/** One placed order in a shard's ledger (src/runner/shard.ts). */
export interface ShardLedgerOrder {
  id: string;
  userId: number;
  lines: Array<{ productId: number; quantity: number }>;
}

/** A shard's identity and what it placed (docs/measurements.md, "Shards and merge"). */
export interface ShardInfo {
  index: number;
  count: number;
  /** sha256 (16 hex) of the resolved scenario, store URLs left out: every shard of one run has the same. */
  scenarioHash: string;
  seed: number;
  /** The wall-clock barrier (--start-at), ISO; null when none was given. */
  startAt: string | null;
  /** Per layout: when its clock started (wall clock), its offset from the barrier, the orders it placed. */
  layouts: Array<{
    layout: string;
    startedAt: string;
    /** actual start − start-at, ms (the first layout only; later layouts start when the one before ends). */
    clockOffsetMs: number | null;
    ledger: ShardLedgerOrder[];
  }>;
}

export interface MergeInfo {
  shardCount: number;
  scenarioHash: string;
  shards: Array<{
    index: number;
    file: string;
    startAt: string | null;
    layouts: Array<{ layout: string; startedAt: string; clockOffsetMs: number | null; orders: number }>;
  }>;
  /** What was added exactly, what is unknown and why (one line each). */
  notes: string[];
}

/** One figure of a re-simulated calibration run beside its measurement (simulate's validation). */
export interface SimulationValidationRow {
  layout: string;
  /** e.g. "checkout p99", "apply lag graph@kuzu p50" */
  figure: string;
  predictedUs: number | null;
  measuredUs: number | null;
  /** predicted ÷ measured − 1; null when either is missing. */
  relativeError: number | null;
}

/** What produced a simulated report's figures, and how wrong the model was on a measured run. */
export interface SimulationInfo {
  /** The model stated, one line per choice (queues, servers, service times, what it leaves out). */
  model: string[];
  /** The measured report the model was calibrated on. */
  calibration: string;
  /** What was changed from the calibration run: "rate ×2", "graph.slower=2x", … */
  whatIfs: string[];
  /** The calibration run re-simulated against its own measurement: the model's error. */
  validation: SimulationValidationRow[];
}

/** What the live progress line shows while a layout runs (not part of the report). */
export interface LiveStatus {
  elapsedS: number;
  totalS: number;
  phase: string;
  ops: number;
  opsPerSec: number;
  /** p99 of the operations completed since the previous status (response or service time per model). */
  p99Us: number | null;
  errors: number;
  inFlight: number;
}
