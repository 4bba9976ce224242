// Fault isolation: what each fault did to every operation, to the store it hit and to the lag.
// It keeps the raw facts during the run (operations by window start, calls to faulted stores, relay applies)
// and cuts them at the windows the injector actually applied, so the figures use the real on/off instants.
import type { OperationTiming, RunEvents } from '../metrics/events.js';
import { nearestRank } from '../metrics/timeseries.js';
import type { FaultLagImpact, FaultResult, FaultWindowStats } from '../metrics/types.js';
import type { PlannedFault } from './injector.js';

interface OperationFacts {
  startUs: number[];
  latencyUs: number[];
  failed: boolean[];
}

interface CallFact {
  startUs: number;
  endUs: number;
  ok: boolean;
}

interface ApplyFact {
  commitUs: number;
  ackUs: number;
}

export class FaultRecorder {
  private readonly operations = new Map<string, OperationFacts>();
  private readonly calls = new Map<string, CallFact[]>();
  private readonly applies = new Map<string, ApplyFact[]>();
  /** Source commit acks (µs) of placed orders, to tell a backlog that was never applied from one that was. */
  private readonly commits: number[] = [];

  constructor(
    private readonly faults: readonly PlannedFault[],
    private readonly measureStartUs: number,
  ) {
    for (const fault of faults) if (fault.store !== null) this.calls.set(fault.store, []);
  }

  get active(): boolean {
    return this.faults.length > 0;
  }

  /**
   * Listens to the run: measured operations, every call to a faulted store (whoever made it: recovery is the
   * store's), placed orders' commit acks and measured orders' applies (commitAckOf and isMeasured: the ledger).
   */
  subscribe(
    events: RunEvents,
    ledger: { commitAckUs(orderId: string): number | undefined; isMeasured(orderId: string): boolean },
  ): void {
    if (!this.active) return;
    this.subscribeCalls(events);
    events.on('placed', (event) => {
      const commitUs = ledger.commitAckUs(event.order.id);
      if (commitUs !== undefined && ledger.isMeasured(event.order.id)) this.placed(commitUs);
    });
    events.on('applied', (event) => {
      if (ledger.isMeasured(event.orderId)) this.applied(event.target, event.commitUs, event.ackUs);
    });
  }

  /**
   * Measured operations and calls to faulted stores from a stream: the layout's own, and with `run --workers` also
   * the stream on which the workers' forwarded operations and calls arrive (they are recorded nowhere else here).
   */
  subscribeCalls(events: RunEvents): void {
    if (!this.active) return;
    events.on('operation', (event) => {
      if (event.measured) this.operation(event.name, event.timing);
    });
    events.on('store-call', (call) => this.storeCall(call.store, call.startUs, call.endUs, call.ok));
  }

  /** The stores the faults hit: the only ones whose calls matter here. */
  get faultedStores(): string[] {
    return [...this.calls.keys()];
  }

  /** An operation of a measured journey, placed in the fault's windows by its (intended) start. */
  operation(name: string, timing: OperationTiming): void {
    const startUs = timing.intendedUs ?? timing.startUs;
    let facts = this.operations.get(name);
    if (!facts) {
      facts = { startUs: [], latencyUs: [], failed: [] };
      this.operations.set(name, facts);
    }
    facts.startUs.push(startUs);
    facts.latencyUs.push(timing.endUs - startUs);
    facts.failed.push(timing.outcome === 'error');
  }

  storeCall(store: string, startUs: number, endUs: number, ok: boolean): void {
    this.calls.get(store)?.push({ startUs, endUs, ok });
  }

  placed(commitUs: number): void {
    this.commits.push(commitUs);
  }

  applied(target: string, commitUs: number, ackUs: number): void {
    let list = this.applies.get(target);
    if (!list) {
      list = [];
      this.applies.set(target, list);
    }
    list.push({ commitUs, ackUs });
  }

  results(operationOrder: readonly string[]): FaultResult[] {
    const names = [...this.operations.keys()].sort(
      (a, b) => rank(operationOrder, a) - rank(operationOrder, b) || a.localeCompare(b),
    );
    return this.faults.map((fault) => {
      const seconds = (us: number | null) => (us === null ? null : (us - this.measureStartUs) / 1e6);
      const base: FaultResult = {
        description: fault.description,
        store: fault.store,
        via: fault.via,
        startedAtS: seconds(fault.startedUs),
        endedAtS: seconds(fault.endedUs),
        operations: [],
        recovery: null,
        lag: [],
      };
      const { startedUs: from, endedUs: to } = fault;
      if (from === null || to === null) return base;
      // "After" runs until the next fault switches on, so that one's effects are not blamed on this one.
      const next = Math.min(
        ...this.faults.map((other) =>
          other.startedUs !== null && other.startedUs >= to ? other.startedUs : Number.POSITIVE_INFINITY,
        ),
      );
      const window = { fromUs: from, toUs: to };
      // Operations begun from the start of measurement until the next fault switches on.
      const bounds = { fromUs: this.measureStartUs, toUs: next };
      base.operations = names.map((operation) => {
        const facts = this.operations.get(operation)!;
        return {
          operation,
          before: windowStats(facts, 'before', window, bounds),
          during: windowStats(facts, 'during', window, bounds),
          after: windowStats(facts, 'after', window, bounds),
        };
      });
      if (fault.store !== null) base.recovery = recovery(this.calls.get(fault.store) ?? [], to, next);
      base.lag = [...this.applies.entries()].map(([target, facts]) =>
        lagImpact(target, facts, this.commits, this.measureStartUs, from, to),
      );
      return base;
    });
  }
}

function rank(order: readonly string[], name: string): number {
  const index = order.indexOf(name);
  return index === -1 ? order.length : index;
}

/**
 * An operation's window: "during" if it was in flight at any moment of the fault (it began before the fault ended
 * and ended after it began) — an operation a fault caught half-way is the fault's, not the calm before it; else
 * "before" or "after" by its (intended) start.
 */
type FaultWindow = 'before' | 'during' | 'after';

function windowOf(startUs: number, endUs: number, fromUs: number, toUs: number): FaultWindow {
  if (startUs < toUs && endUs > fromUs) return 'during';
  return startUs < fromUs ? 'before' : 'after';
}

function windowStats(
  facts: OperationFacts,
  window: FaultWindow,
  fault: { fromUs: number; toUs: number },
  boundsUs: { fromUs: number; toUs: number },
): FaultWindowStats {
  const latencies: number[] = [];
  let errors = 0;
  for (let i = 0; i < facts.startUs.length; i++) {
    const start = facts.startUs[i]!;
    if (start < boundsUs.fromUs || start >= boundsUs.toUs) continue;
    if (windowOf(start, start + facts.latencyUs[i]!, fault.fromUs, fault.toUs) !== window) continue;
    latencies.push(facts.latencyUs[i]!);
    if (facts.failed[i]) errors += 1;
  }
  latencies.sort((a, b) => a - b);
  const empty = latencies.length === 0;
  return {
    count: latencies.length,
    errors,
    p50: empty ? null : nearestRank(latencies, 50),
    p99: empty ? null : nearestRank(latencies, 99),
    max: empty ? null : latencies[latencies.length - 1]!,
  };
}

function recovery(
  calls: readonly CallFact[],
  endUs: number,
  nextFaultUs: number,
): NonNullable<FaultResult['recovery']> {
  let firstSuccessEndUs = Number.POSITIVE_INFINITY;
  let failedAfterEnd = 0;
  for (const call of calls) {
    if (call.startUs < endUs || call.startUs >= nextFaultUs) continue;
    if (call.ok) firstSuccessEndUs = Math.min(firstSuccessEndUs, call.endUs);
    else failedAfterEnd += 1;
  }
  return {
    firstSuccessAfterMs: Number.isFinite(firstSuccessEndUs) ? (firstSuccessEndUs - endUs) / 1000 : null,
    failedAfterEnd,
  };
}

function lagImpact(
  target: string,
  facts: readonly ApplyFact[],
  commits: readonly number[],
  measureStartUs: number,
  fromUs: number,
  toUs: number,
): FaultLagImpact {
  const before: number[] = [];
  let duringMax: number | null = null;
  let lastAckOfBacklog = toUs;
  let appliedBeforeEnd = 0;
  for (const { commitUs, ackUs } of facts) {
    const lag = ackUs - commitUs;
    if (commitUs < fromUs) before.push(lag);
    else if (commitUs < toUs) duringMax = Math.max(duringMax ?? 0, lag);
    if (commitUs < toUs) {
      appliedBeforeEnd += 1;
      lastAckOfBacklog = Math.max(lastAckOfBacklog, ackUs);
    }
  }
  before.sort((a, b) => a - b);
  const committedBeforeEnd = commits.filter((us) => us >= measureStartUs && us < toUs).length;
  return {
    target,
    beforeP99Us: before.length > 0 ? nearestRank(before, 99) : null,
    duringMaxUs: duringMax,
    catchUpMs: appliedBeforeEnd < committedBeforeEnd ? null : (lastAckOfBacklog - toUs) / 1000,
  };
}
