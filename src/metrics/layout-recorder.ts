// Collects one layout's measurements as they happen: operations, store calls, arrivals, read-your-writes.
// Only what starts inside the measured window counts (warm-up excluded); an operation's window membership
// is decided by its intended start in the open model and its actual start in the closed model.
import type { RoleName } from '../roles.js';
import { LatencyHistogram, summarize } from './histogram.js';
import { TimeSeries, nearestRank } from './timeseries.js';
import type { ErrorSample, OperationStats, ReadYourWrites, ScheduleStats, StoreCallStats } from './types.js';

export type Outcome = 'ok' | 'rejected' | 'error';

export interface OperationTiming {
  /** Intended start (open model); null in the closed model. */
  intendedUs: number | null;
  startUs: number;
  endUs: number;
  outcome: Outcome;
  error?: unknown;
}

interface OperationCell {
  count: number;
  errors: number;
  rejected: number;
  response: LatencyHistogram | null;
  service: LatencyHistogram;
}

interface StoreCallCell {
  store: string;
  role: RoleName;
  method: string;
  count: number;
  errors: number;
  latency: LatencyHistogram;
}

const MAX_ERROR_KINDS = 20;

/** Something else that must see every operation and store call as it happens (fault isolation). */
export interface RecorderObserver {
  operation(name: string, timing: OperationTiming): void;
  storeCall(store: string, startUs: number, endUs: number, ok: boolean): void;
}

export class LayoutRecorder {
  private readonly operations = new Map<string, OperationCell>();
  private readonly storeCalls = new Map<string, StoreCallCell>();
  private readonly errorCounts = new Map<string, ErrorSample>();
  private readonly scheduleLag = new LatencyHistogram();
  private readonly ryw: ReadYourWrites = { checks: 0, violations: {}, checksByOperation: {} };
  private intended = 0;
  private started = 0;
  private dropped = 0;
  /** Latencies since the last progress() call: the live line shows the recent p99, not the run's. */
  private recent: number[] = [];
  readonly timeSeries: TimeSeries;
  observer: RecorderObserver | null = null;

  constructor(
    /** Absolute µs (clock.ts) at which measurement begins. */
    readonly measureStartUs: number,
    readonly model: 'open' | 'closed',
  ) {
    this.timeSeries = new TimeSeries(measureStartUs);
  }

  inWindow(startUs: number): boolean {
    return startUs >= this.measureStartUs;
  }

  operation(name: string, timing: OperationTiming): void {
    this.observer?.operation(name, timing);
    const windowStart = timing.intendedUs ?? timing.startUs;
    if (!this.inWindow(windowStart)) return;
    const cell = this.operationCell(name);
    cell.count += 1;
    if (timing.outcome === 'error') {
      cell.errors += 1;
      this.noteError(name, timing.error);
    }
    if (timing.outcome === 'rejected') cell.rejected += 1;
    const service = timing.endUs - timing.startUs;
    cell.service.record(service);
    const response = timing.intendedUs === null ? null : timing.endUs - timing.intendedUs;
    if (response !== null) cell.response?.record(response);
    this.recent.push(response ?? service);
    this.timeSeries.record(name, timing.endUs, response ?? service, timing.outcome !== 'error');
  }

  storeCall(
    store: string,
    role: RoleName,
    method: string,
    startUs: number,
    endUs: number,
    ok: boolean,
  ): void {
    this.observer?.storeCall(store, startUs, endUs, ok);
    if (!this.inWindow(startUs)) return;
    const key = `${store}\u0000${role}\u0000${method}`;
    let cell = this.storeCalls.get(key);
    if (!cell) {
      cell = { store, role, method, count: 0, errors: 0, latency: new LatencyHistogram() };
      this.storeCalls.set(key, cell);
    }
    cell.count += 1;
    if (!ok) cell.errors += 1;
    cell.latency.record(endUs - startUs);
  }

  /** An arrival the schedule intended; startedUs null when it was dropped at the in-flight cap. */
  arrival(intendedUs: number, startedUs: number | null): void {
    if (!this.inWindow(intendedUs)) return;
    this.intended += 1;
    if (startedUs === null) {
      this.dropped += 1;
      return;
    }
    this.started += 1;
    this.scheduleLag.record(startedUs - intendedUs);
  }

  /** A shopper's read right after their own checkout: did it see the order? */
  readYourWrites(operation: string, startUs: number, sawOwnWrite: boolean): void {
    if (!this.inWindow(startUs)) return;
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
    }));
  }

  storeCallStats(): StoreCallStats[] {
    return [...this.storeCalls.values()].map((cell) => ({
      store: cell.store,
      role: cell.role,
      method: cell.method,
      count: cell.count,
      errors: cell.errors,
      latency: cell.latency.summary(),
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
    return [...this.errorCounts.values()].sort((a, b) => b.count - a.count);
  }

  /** Frees the histograms' WebAssembly memory; call once, after reading the stats. */
  destroy(): void {
    for (const cell of this.operations.values()) {
      cell.response?.destroy();
      cell.service.destroy();
    }
    for (const cell of this.storeCalls.values()) cell.latency.destroy();
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
      };
      this.operations.set(name, cell);
    }
    return cell;
  }

  private noteError(operation: string, error: unknown): void {
    const message = error instanceof Error ? error.message : String(error);
    const key = `${operation}\u0000${message}`;
    const sample = this.errorCounts.get(key);
    if (sample) sample.count += 1;
    else if (this.errorCounts.size < MAX_ERROR_KINDS)
      this.errorCounts.set(key, { operation, message, count: 1 });
  }
}
