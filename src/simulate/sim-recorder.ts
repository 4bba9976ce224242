// What a simulation run records, by the definitions of docs/measurements.md: operations of measured journeys
// (response = end − intended start, service = end − start), the calls the measured operations made, background
// calls by source and phase, the per-second series (exact nearest-rank, by the second an operation ended), the
// schedule and read-your-writes. Events arrive in simulated-time order, so each second is summarised as soon as
// it is over and memory stays flat however long the simulated run.
import { secondRow } from '../metrics/timeseries.js';
import type {
  BackgroundCallStats,
  OperationStats,
  ReadYourWrites,
  SecondSample,
  StoreCallStats,
} from '../metrics/types.js';
import type { KindSpec } from './model.js';
import { SimHistogram } from './sim-histogram.js';

interface OpCell {
  count: number;
  errors: number;
  rejected: number;
  response: SimHistogram;
  service: SimHistogram;
}

interface CallCell {
  count: number;
  errors: number;
  sumUs: number;
  latency: SimHistogram;
}

const US_PER_SECOND = 1_000_000;

/** One operation's latencies in the open second, in a buffer that grows and is then reused. */
interface SecondCell {
  errors: number;
  values: Float64Array;
  length: number;
}

export class SimRecorder {
  /** Operations by index (opIndex resolves a name once, so recording one reads an array, not a map). */
  private readonly opNames: string[] = [];
  private readonly opCells: Array<OpCell | undefined> = [];
  private readonly opIds = new Map<string, number>();
  /** Per call kind: the measured operations' calls; background calls in the window and after it. */
  private readonly opCalls: Array<CallCell | undefined> = [];
  private readonly windowCalls: Array<CallCell | undefined> = [];
  private readonly settleCalls: Array<CallCell | undefined> = [];
  /** Every call of a kind (any journey, warm-up included once measuring began): the calibration fit reads it. */
  readonly allCallSumUs: Float64Array;
  readonly allCallCount: Float64Array;
  readonly ryw: ReadYourWrites = { checks: 0, violations: {}, checksByOperation: {} };
  intended = 0;
  started = 0;
  dropped = 0;
  /** actual start − intended start of each started measured arrival: the wait for the tool's thread. */
  readonly scheduleLag = new SimHistogram();
  scheduleLagSumUs = 0;
  errorsByOperation = new Map<string, number>();
  private readonly rows: SecondSample[] = [];
  private second = 0;
  /** The open second's values per operation index, and the indices in the order they first ended in it. */
  /** Reused from second to second (no arrays per second): length 0 means the operation has not ended in it. */
  private readonly secondCells: SecondCell[] = [];
  private secondOrder: number[] = [];

  constructor(
    private readonly kinds: readonly KindSpec[],
    private readonly windowStartUs: number,
    private readonly windowEndUs: number,
  ) {
    this.allCallSumUs = new Float64Array(kinds.length);
    this.allCallCount = new Float64Array(kinds.length);
  }

  /** The index operation() takes for an operation's name, the same for every call with that name. */
  opIndex(name: string): number {
    let id = this.opIds.get(name);
    if (id === undefined) {
      id = this.opNames.push(name) - 1;
      this.opIds.set(name, id);
    }
    return id;
  }

  operation(op: number, intendedUs: number, startUs: number, endUs: number, outcome: 0 | 1 | 2): void {
    let cell = this.opCells[op];
    if (!cell) {
      cell = {
        count: 0,
        errors: 0,
        rejected: 0,
        response: new SimHistogram(),
        service: new SimHistogram(),
      };
      this.opCells[op] = cell;
    }
    cell.count++;
    if (outcome === 2) {
      cell.errors++;
      const name = this.opNames[op]!;
      this.errorsByOperation.set(name, (this.errorsByOperation.get(name) ?? 0) + 1);
    } else if (outcome === 1) cell.rejected++;
    const response = endUs - intendedUs;
    cell.response.record(response);
    cell.service.record(endUs - startUs);
    this.series(op, endUs, response, outcome !== 2);
  }

  /** A call ended. measured: made by a measured operation (operation calls) — background calls ignore it. */
  call(kind: number, startUs: number, endUs: number, ok: boolean, measured: boolean): void {
    const source = this.kinds[kind]!.source;
    if (source === 'host') return;
    const latency = endUs - startUs;
    if (startUs >= this.windowStartUs) {
      this.allCallSumUs[kind]! += latency;
      this.allCallCount[kind]! += 1;
    }
    let cells: Array<CallCell | undefined>;
    if (source === 'operation') {
      if (!measured) return;
      cells = this.opCalls;
    } else {
      if (startUs < this.windowStartUs) return;
      cells = startUs >= this.windowEndUs ? this.settleCalls : this.windowCalls;
    }
    let cell = cells[kind];
    if (!cell) {
      cell = { count: 0, errors: 0, sumUs: 0, latency: new SimHistogram() };
      cells[kind] = cell;
    }
    cell.count++;
    if (!ok) cell.errors++;
    cell.sumUs += latency;
    cell.latency.record(latency);
  }

  arrivalStarted(lagUs: number): void {
    this.scheduleLag.record(lagUs);
    this.scheduleLagSumUs += lagUs;
  }

  readYourWrites(operation: string, saw: boolean): void {
    this.ryw.checks++;
    this.ryw.checksByOperation[operation] = (this.ryw.checksByOperation[operation] ?? 0) + 1;
    this.ryw.violations[operation] ??= 0;
    if (!saw) this.ryw.violations[operation]! += 1;
  }

  private series(op: number, endUs: number, latencyUs: number, ok: boolean): void {
    if (endUs < this.windowStartUs) return;
    const second = Math.floor((endUs - this.windowStartUs) / US_PER_SECOND);
    while (second > this.second) this.closeSecond();
    let cell = this.secondCells[op];
    if (!cell) {
      cell = { errors: 0, values: new Float64Array(64), length: 0 };
      this.secondCells[op] = cell;
    }
    if (cell.length === 0) this.secondOrder.push(op);
    if (cell.length === cell.values.length) {
      const grown = new Float64Array(cell.values.length * 2);
      grown.set(cell.values);
      cell.values = grown;
    }
    if (!ok) cell.errors++;
    cell.values[cell.length++] = latencyUs;
  }

  private closeSecond(): void {
    const cells = this.secondOrder.map((op) => {
      const cell = this.secondCells[op]!;
      // Sorted in place: secondRow reads it before the buffer is reused.
      const sorted = cell.values.subarray(0, cell.length).sort();
      const errors = cell.errors;
      cell.length = 0;
      cell.errors = 0;
      return [this.opNames[op]!, { errors, sorted }] as const;
    });
    this.rows.push(secondRow(this.second, cells));
    this.secondOrder = [];
    this.second++;
  }

  timeSeries(): SecondSample[] {
    if (this.secondOrder.length > 0) this.closeSecond();
    return this.rows;
  }

  /** In the order given (journey order), operations that ran. */
  operations(order: readonly string[]): OperationStats[] {
    const ran = (name: string) => this.opIds.has(name) && this.opCells[this.opIds.get(name)!] !== undefined;
    const names = [
      ...order.filter(ran),
      ...this.opNames.filter((name) => ran(name) && !order.includes(name)),
    ];
    return names.map((name) => {
      const cell = this.opCells[this.opIds.get(name)!]!;
      return {
        name,
        count: cell.count,
        errors: cell.errors,
        rejected: cell.rejected,
        response: cell.response.summarize(),
        service: cell.service.summarize()!,
      };
    });
  }

  storeCalls(): StoreCallStats[] {
    return this.cellsOut(this.opCalls);
  }

  backgroundCalls(): BackgroundCallStats[] {
    const tag =
      (phase: 'window' | 'settle') =>
      (stats: StoreCallStats, kind: number): BackgroundCallStats => ({
        ...stats,
        source: this.kinds[kind]!.source as 'relay' | 'probe',
        phase,
      });
    const out: BackgroundCallStats[] = [];
    for (const [cells, phase] of [
      [this.windowCalls, 'window'],
      [this.settleCalls, 'settle'],
    ] as const) {
      cells.forEach((cell, kind) => {
        if (cell) out.push(tag(phase)(this.cellOut(cell, kind), kind));
      });
    }
    return out;
  }

  private cellsOut(cells: Array<CallCell | undefined>): StoreCallStats[] {
    const out: StoreCallStats[] = [];
    cells.forEach((cell, kind) => {
      if (cell) out.push(this.cellOut(cell, kind));
    });
    return out;
  }

  private cellOut(cell: CallCell, kind: number): StoreCallStats {
    const spec = this.kinds[kind]!;
    return {
      store: spec.store,
      role: spec.role,
      method: spec.method,
      count: cell.count,
      errors: cell.errors,
      latency: cell.latency.summarize()!,
    };
  }

  destroy(): void {
    this.scheduleLag.destroy();
    for (const cell of this.opCells) {
      cell?.response.destroy();
      cell?.service.destroy();
    }
    for (const cells of [this.opCalls, this.windowCalls, this.settleCalls])
      for (const cell of cells) cell?.latency.destroy();
  }
}
