// Collects one layout's measurements from the run's event stream: operations, store calls, arrivals,
// read-your-writes. Which events count is decided where they are emitted (the `measured` flag of the journey,
// docs/measurements.md "Measured window"): this file only adds them up. Store calls are split by source —
// the measured operations' own calls, and the background calls of the relay, the probes and reconciliation.
import type { MeasuredWindow } from './measured-window.js';
import type { RoleName } from '../roles.js';
import type { CallSource, EventOf, OperationTiming, RunEvents } from './events.js';
import { LatencyHistogram, summarize, type HistogramState } from './histogram.js';
import { TimeSeries, nearestRank, type SecondCells } from './timeseries.js';
import type {
  BackgroundCallStats,
  CountDistribution,
  ErrorSample,
  OperationStats,
  ReadYourWrites,
  ScheduleStats,
  StoreCallStats,
} from './types.js';

export type { Outcome, OperationTiming } from './events.js';

interface OperationCell {
  count: number;
  errors: number;
  rejected: number;
  response: LatencyHistogram | null;
  service: LatencyHistogram;
  /** Store calls per execution → how many executions made that many. */
  callsPerRun: Map<number, number>;
}

interface StoreCallCell {
  source: CallSource;
  /** Background calls: made while measuring, or after (the drain, the last probes, reconciliation). */
  phase: 'window' | 'settle';
  store: string;
  role: RoleName;
  method: string;
  count: number;
  errors: number;
  latency: LatencyHistogram;
}

const MAX_ERROR_KINDS = 20;

/**
 * Everything a recorder added up, as plain data: a worker thread's (`run --workers`) for the main thread's recorder
 * to absorb exactly — histograms by their buckets, counts as counts. The per-second series travels separately,
 * second by second (TimeSeries handOver).
 */
export interface RecorderSnapshot {
  operations: Array<{
    name: string;
    count: number;
    errors: number;
    rejected: number;
    response: HistogramState | null;
    service: HistogramState;
    callsPerRun: Array<[calls: number, executions: number]>;
  }>;
  storeCalls: CallSnapshot[];
  backgroundCalls: CallSnapshot[];
  errors: ErrorSample[];
  schedule: { intended: number; started: number; dropped: number; lag: HistogramState };
  readYourWrites: ReadYourWrites;
}

type CallSnapshot = Omit<StoreCallCell, 'latency'> & { latency: HistogramState };

export class LayoutRecorder {
  private readonly operations = new Map<string, OperationCell>();
  private readonly storeCalls = new Map<string, StoreCallCell>();
  private readonly backgroundCalls = new Map<string, StoreCallCell>();
  private readonly errorCounts = new Map<string, ErrorSample>();
  private readonly scheduleLag = new LatencyHistogram();
  private readonly ryw: ReadYourWrites = { checks: 0, violations: {}, checksByOperation: {} };
  private intended = 0;
  private started = 0;
  private dropped = 0;
  /** Latencies since the last progress() call: the live line shows the recent p99, not the run's. */
  private recent: number[] = [];
  readonly timeSeries: TimeSeries;
  /** Set once the run stopped waiting for its journeys: a journey abandoned at a deadline no longer counts. */
  private sealed = false;

  constructor(
    private readonly window: MeasuredWindow,
    readonly model: 'open' | 'closed',
    /** A worker thread's recorder hands each closed second of its series to the main thread (TimeSeries). */
    handOverSecond?: (second: number, cells: SecondCells) => void,
  ) {
    this.timeSeries = new TimeSeries(window.startUs, handOverSecond);
  }

  subscribe(events: RunEvents): void {
    events.on('operation', (event) => {
      if (event.measured && !this.sealed) this.operation(event.name, event.timing);
    });
    events.on('store-call', (event) => this.storeCall(event));
    events.on('arrival', (event) => {
      if (event.measured) this.arrival(event.intendedUs, event.startedUs);
    });
    events.on('read-your-writes', (event) => {
      if (event.measured && !this.sealed) this.readYourWrites(event.operation, event.saw);
    });
  }

  /** Stops counting operations: what still runs was abandoned at a deadline (Ctrl-C, or the drain's). */
  seal(): void {
    this.sealed = true;
  }

  private operation(name: string, timing: OperationTiming): void {
    const cell = this.operationCell(name);
    cell.count += 1;
    if (timing.outcome === 'error') {
      cell.errors += 1;
      this.noteError(name, timing.error);
    }
    if (timing.outcome === 'rejected') cell.rejected += 1;
    if (timing.storeCalls !== undefined) {
      cell.callsPerRun.set(timing.storeCalls, (cell.callsPerRun.get(timing.storeCalls) ?? 0) + 1);
    }
    const service = timing.endUs - timing.startUs;
    cell.service.record(service);
    const response = timing.intendedUs === null ? null : timing.endUs - timing.intendedUs;
    if (response !== null) cell.response?.record(response);
    this.recent.push(response ?? service);
    this.timeSeries.record(name, timing.endUs, response ?? service, timing.outcome !== 'error');
  }

  private storeCall(call: EventOf<'store-call'>): void {
    let cells: Map<string, StoreCallCell>;
    let phase: StoreCallCell['phase'] = 'window';
    if (call.source === 'operation') {
      // The calls the measured operations made, wherever in time they fell (a measured journey may end late).
      if (!call.measured || this.sealed) return;
      cells = this.storeCalls;
    } else {
      // Background work has no journey: it counts from the start of measurement, split at the window's end.
      if (call.startUs < this.window.startUs) return;
      if (call.startUs >= this.window.endUs) phase = 'settle';
      cells = this.backgroundCalls;
    }
    const key = callCellKey(call.source, phase, call.store, call.role, call.method);
    let cell = cells.get(key);
    if (!cell) {
      cell = {
        source: call.source,
        phase,
        store: call.store,
        role: call.role,
        method: call.method,
        count: 0,
        errors: 0,
        latency: new LatencyHistogram(),
      };
      cells.set(key, cell);
    }
    cell.count += 1;
    if (!call.ok) cell.errors += 1;
    cell.latency.record(call.endUs - call.startUs);
  }

  private arrival(intendedUs: number, startedUs: number | null): void {
    this.intended += 1;
    if (startedUs === null) {
      this.dropped += 1;
      return;
    }
    this.started += 1;
    this.scheduleLag.record(startedUs - intendedUs);
  }

  private readYourWrites(operation: string, sawOwnWrite: boolean): void {
    this.ryw.checks += 1;
    this.ryw.checksByOperation[operation] = (this.ryw.checksByOperation[operation] ?? 0) + 1;
    if (!sawOwnWrite) this.ryw.violations[operation] = (this.ryw.violations[operation] ?? 0) + 1;
  }

  /** Live figures for the progress line: totals so far, and the p99 of what completed since the last call. */
  progress(): { ops: number; errors: number; recentP99Us: number | null } {
    let ops = 0;
    let errors = 0;
    for (const cell of this.operations.values()) {
      ops += cell.count;
      errors += cell.errors;
    }
    const recent = this.recent.sort((a, b) => a - b);
    this.recent = [];
    return { ops, errors, recentP99Us: recent.length > 0 ? nearestRank(recent, 99) : null };
  }

  operationStats(): OperationStats[] {
    return [...this.operations.entries()].map(([name, cell]) => ({
      name,
      count: cell.count,
      errors: cell.errors,
      rejected: cell.rejected,
      response: cell.response ? summarize(cell.response) : null,
      // A cell exists only once something was recorded into it, so its service histogram is never empty.
      service: cell.service.summary(),
      storeCallsPerRun: countDistribution(cell.callsPerRun),
    }));
  }

  /** The calls the measured operations made. */
  storeCallStats(): StoreCallStats[] {
    return [...this.storeCalls.values()].map(callStats);
  }

  /** The relay's, the probes' and reconciliation's calls from the start of measurement on. */
  backgroundCallStats(): BackgroundCallStats[] {
    return [...this.backgroundCalls.values()].map((cell) => ({
      source: cell.source as BackgroundCallStats['source'],
      phase: cell.phase,
      ...callStats(cell),
    }));
  }

  scheduleStats(): ScheduleStats | null {
    if (this.model === 'closed') return null;
    return {
      intended: this.intended,
      started: this.started,
      dropped: this.dropped,
      lag: summarize(this.scheduleLag),
    };
  }

  readYourWritesStats(): ReadYourWrites {
    return structuredClone(this.ryw);
  }

  errorSamples(): ErrorSample[] {
    // Ties in a fixed order, so threads absorbed in any order list them alike.
    return [...this.errorCounts.values()].sort(
      (a, b) =>
        b.count - a.count || a.operation.localeCompare(b.operation) || a.message.localeCompare(b.message),
    );
  }

  /** What this recorder added up, for another thread's recorder to absorb (see RecorderSnapshot). */
  snapshot(): RecorderSnapshot {
    const calls = (cells: Map<string, StoreCallCell>): CallSnapshot[] =>
      [...cells.values()].map((cell) => ({ ...cell, latency: cell.latency.state() }));
    return {
      operations: [...this.operations.entries()].map(([name, cell]) => ({
        name,
        count: cell.count,
        errors: cell.errors,
        rejected: cell.rejected,
        response: cell.response?.state() ?? null,
        service: cell.service.state(),
        callsPerRun: [...cell.callsPerRun.entries()],
      })),
      storeCalls: calls(this.storeCalls),
      backgroundCalls: calls(this.backgroundCalls),
      errors: this.errorSamples(),
      schedule: {
        intended: this.intended,
        started: this.started,
        dropped: this.dropped,
        lag: this.scheduleLag.state(),
      },
      readYourWrites: this.readYourWritesStats(),
    };
  }

  /** Adds a worker thread's snapshot: afterwards every figure is that of one recorder that saw both streams. */
  absorb(snapshot: RecorderSnapshot): void {
    for (const part of snapshot.operations) {
      const cell = this.operationCell(part.name);
      cell.count += part.count;
      cell.errors += part.errors;
      cell.rejected += part.rejected;
      if (part.response) cell.response?.mergeState(part.response);
      cell.service.mergeState(part.service);
      for (const [calls, executions] of part.callsPerRun)
        cell.callsPerRun.set(calls, (cell.callsPerRun.get(calls) ?? 0) + executions);
    }
    const addCalls = (into: Map<string, StoreCallCell>, parts: readonly CallSnapshot[]) => {
      for (const part of parts) {
        const key = callCellKey(part.source, part.phase, part.store, part.role, part.method);
        let cell = into.get(key);
        if (!cell) {
          cell = { ...part, count: 0, errors: 0, latency: new LatencyHistogram() };
          into.set(key, cell);
        }
        cell.count += part.count;
        cell.errors += part.errors;
        cell.latency.mergeState(part.latency);
      }
    };
    addCalls(this.storeCalls, snapshot.storeCalls);
    addCalls(this.backgroundCalls, snapshot.backgroundCalls);
    for (const sample of snapshot.errors) {
      const key = errorKey(sample.operation, sample.message);
      const known = this.errorCounts.get(key);
      if (known) known.count += sample.count;
      else if (this.errorCounts.size < MAX_ERROR_KINDS) this.errorCounts.set(key, { ...sample });
    }
    this.intended += snapshot.schedule.intended;
    this.started += snapshot.schedule.started;
    this.dropped += snapshot.schedule.dropped;
    this.scheduleLag.mergeState(snapshot.schedule.lag);
    const ryw = snapshot.readYourWrites;
    this.ryw.checks += ryw.checks;
    for (const [operation, n] of Object.entries(ryw.checksByOperation))
      this.ryw.checksByOperation[operation] = (this.ryw.checksByOperation[operation] ?? 0) + n;
    for (const [operation, n] of Object.entries(ryw.violations))
      this.ryw.violations[operation] = (this.ryw.violations[operation] ?? 0) + n;
  }

  /** Frees the histograms' WebAssembly memory; call once, after reading the stats. */
  destroy(): void {
    for (const cell of this.operations.values()) {
      cell.response?.destroy();
      cell.service.destroy();
    }
    for (const cell of this.storeCalls.values()) cell.latency.destroy();
    for (const cell of this.backgroundCalls.values()) cell.latency.destroy();
    this.scheduleLag.destroy();
  }

  private operationCell(name: string): OperationCell {
    let cell = this.operations.get(name);
    if (!cell) {
      cell = {
        count: 0,
        errors: 0,
        rejected: 0,
        response: this.model === 'open' ? new LatencyHistogram() : null,
        service: new LatencyHistogram(),
        callsPerRun: new Map(),
      };
      this.operations.set(name, cell);
    }
    return cell;
  }

  private noteError(operation: string, error: unknown): void {
    const message = error instanceof Error ? error.message : String(error);
    const key = errorKey(operation, message);
    const sample = this.errorCounts.get(key);
    if (sample) sample.count += 1;
    else if (this.errorCounts.size < MAX_ERROR_KINDS)
      this.errorCounts.set(key, { operation, message, count: 1 });
  }
}

// Positional, not an object: the store-call path runs for every call of the load.
function callCellKey(
  source: CallSource,
  phase: string,
  store: string,
  role: RoleName,
  method: string,
): string {
  return `${source}\u0000${phase}\u0000${store}\u0000${role}\u0000${method}`;
}

function errorKey(operation: string, message: string): string {
  return `${operation}\u0000${message}`;
}

function callStats(cell: StoreCallCell): StoreCallStats {
  return {
    store: cell.store,
    role: cell.role,
    method: cell.method,
    count: cell.count,
    errors: cell.errors,
    latency: cell.latency.summary(),
  };
}

/** Exact mean and nearest-rank percentiles of whole-number counts held as value → frequency. */
export function countDistribution(frequencies: ReadonlyMap<number, number>): CountDistribution | null {
  const values = [...frequencies.keys()].sort((a, b) => a - b);
  let total = 0;
  let sum = 0;
  for (const value of values) {
    total += frequencies.get(value)!;
    sum += value * frequencies.get(value)!;
  }
  if (total === 0) return null;
  const rank = (p: number) => {
    const target = Math.max(1, Math.ceil((p / 100) * total));
    let seen = 0;
    for (const value of values) {
      seen += frequencies.get(value)!;
      if (seen >= target) return value;
    }
    return values[values.length - 1]!;
  };
  return { mean: sum / total, p50: rank(50), p99: rank(99), max: values[values.length - 1]! };
}
