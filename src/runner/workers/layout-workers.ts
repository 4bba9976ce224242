// The main thread's side of `run --workers N` (docs/architecture.md, "Worker threads"): it starts N worker threads
// on the stores it opened and loaded, serves them its in-process engines, starts them on its clock, and folds what
// they report into its own wiring — forwarded events into its stream (ledger, probes, lag, stale in-stock, fault
// isolation), closed seconds into its series, final recorders into its recorder — so the layout's result is built
// by the same code as with one thread, plus each worker's health.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { MessageChannel, Worker } from 'node:worker_threads';
import type { Dataset } from '../../domain.js';
import { UserError } from '../../errors.js';
import type { FaultGate } from '../../faults/gate.js';
import { gatedObject } from '../../faults/gated.js';
import type { OpenedLayout } from '../../layouts/open-layout.js';
import type { ResolvedLayout } from '../../layouts/resolve.js';
import { RunEvents } from '../../metrics/events.js';
import type { MeasuredWindow } from '../../metrics/measured-window.js';
import type { LiveStatus, WorkerHealth } from '../../metrics/types.js';
import { addWireCounts, type WireCounts, type WireEndpoint } from '../../metrics/wire-meter.js';
import type { Mechanism } from '../../propagation/write-path.js';
import type { RoleName } from '../../roles.js';
import type { Scenario, StoreSpec } from '../../scenario/types.js';
import type { StoreAdapter } from '../../stores/types.js';
import type { LayoutWiring } from '../layout-wiring.js';
import type { ShardSpec } from '../shard.js';
import type { ForwardedEvent, FromWorker, ToWorker, WorkerDone, WorkerInit } from './protocol.js';
import { describeAdapter, serveStores, type RemoteStoreDescription, type ServedStore } from './store-rpc.js';
import { workerShard, workerShareOfCap } from './worker-count.js';

/** A worker that has not reported this long after the last deadline it could need is gone: the layout fails. */
const STRAGGLER_GRACE_MS = 2_000;

export interface WorkersInput {
  count: number;
  scenario: Scenario;
  layout: ResolvedLayout;
  /** Where the stores are reached (fault proxies in place). */
  stores: Record<string, StoreSpec>;
  dataset: Dataset;
  shard: ShardSpec | null;
  propagation: Mechanism;
  opened: OpenedLayout;
  gates: ReadonlyMap<string, FaultGate>;
  faultedStores: string[];
  wire: WireEndpoint[];
}

export interface DriveWorkersInput {
  wiring: LayoutWiring;
  window: MeasuredWindow;
  originUs: number;
  signal: AbortSignal;
  deadline: AbortSignal;
  onProgress?: (status: LiveStatus) => void;
}

/** The compiled worker script: beside this file when running from dist/, else (the TypeScript sources) in dist/. */
function workerScript(): URL {
  const beside = new URL('./layout-worker.js', import.meta.url);
  if (existsSync(fileURLToPath(beside))) return beside;
  const compiled = new URL('../../../dist/runner/workers/layout-worker.js', import.meta.url);
  if (existsSync(fileURLToPath(compiled))) return compiled;
  throw new UserError('--workers: the compiled worker script is missing; run `npm run build` first');
}

interface Running {
  thread: Worker;
  done: WorkerDone | null;
  status: LiveStatus | null;
  /** The last second of its series it closed (handed over); -1 before the first. */
  lastSecond: number;
}

export class LayoutWorkers {
  private readonly running: Running[] = [];
  private readonly servers: Array<{ close(): void }> = [];
  private readonly listeners = new Set<(index: number, message: FromWorker) => void>();
  private failure: Error | null = null;
  private readonly failed = new Set<(error: Error) => void>();

  private constructor(
    readonly count: number,
    /** How long a worker may settle its writes in doubt after the journeys' deadline. */
    private readonly settleMs: number,
  ) {}

  /** Starts the workers and waits until every one has attached to the stores (before the layout's clock starts). */
  static async start(input: WorkersInput): Promise<LayoutWorkers> {
    const workers = new LayoutWorkers(input.count, input.scenario.consistency.drainTimeoutMs);
    try {
      await workers.spawn(input);
    } catch (error) {
      await workers.close();
      throw error;
    }
    return workers;
  }

  private async spawn(input: WorkersInput): Promise<void> {
    const script = workerScript();
    const remote: Record<string, RemoteStoreDescription> = {};
    const served = new Map<string, ServedStore>();
    for (const [store, adapter] of input.opened.adapters) {
      if (!adapter.info.embedded) continue;
      remote[store] = describeAdapter(adapter);
      served.set(store, servedThroughGate(adapter, input.gates.get(store)));
    }
    const catalog = {
      seed: input.dataset.seed,
      products: input.dataset.products,
      stock: input.dataset.stock,
      users: { length: input.dataset.users.length },
    };
    const ready: Array<Promise<void>> = [];
    for (let index = 0; index < input.count; index += 1) {
      const channel = new MessageChannel();
      this.servers.push(serveStores(channel.port1, served));
      const scenario = structuredClone(input.scenario);
      if (scenario.load.model === 'open')
        scenario.load.maxInFlight = workerShareOfCap(scenario.load.maxInFlight, index, input.count);
      const init: WorkerInit = {
        index,
        count: input.count,
        scenario,
        layout: input.layout,
        stores: input.stores,
        catalog,
        shard: workerShard(input.shard, index, input.count),
        propagation: input.propagation,
        remote,
        rpc: channel.port2,
        faultedStores: input.faultedStores,
        wire: input.wire,
      };
      const thread = new Worker(script, { workerData: init, transferList: [channel.port2] });
      const entry: Running = { thread, done: null, status: null, lastSecond: -1 };
      this.running.push(entry);
      thread.on('message', (message: FromWorker) => {
        if (message.type === 'failed') {
          const error = message.userError
            ? new UserError(message.message)
            : new Error(`worker ${index}: ${message.message}`);
          this.fail(error);
          return;
        }
        if (message.type === 'done') entry.done = message;
        for (const listener of this.listeners) listener(index, message);
      });
      thread.on('error', (error) => this.fail(new Error(`worker ${index}: ${error.message}`)));
      thread.on('exit', (code) => {
        if (!entry.done) this.fail(new Error(`worker ${index} stopped (exit code ${code}) before reporting`));
      });
      ready.push(this.waitFor(index, 'ready'));
    }
    await Promise.all(ready);
  }

  /** Starts every worker on the main thread's clock and folds in what they report until each is done. */
  async drive(input: DriveWorkersInput): Promise<{ abandoned: number }> {
    const { wiring, window } = input;
    // Forwarded operations and faulted stores' calls count for the fault isolation only: the workers' own
    // recorders hold them for everything else.
    const workerCalls = new RunEvents();
    wiring.faultRecorder.subscribeCalls(workerCalls);
    const deliver = (event: ForwardedEvent) => {
      if (event.type === 'listed') wiring.staleInStock.listed(event.hits, event.measured);
      else if (event.type === 'operation' || event.type === 'store-call') workerCalls.emit(event);
      else wiring.events.emit(event);
    };
    const series = wiring.recorder.timeSeries;
    let closedThrough = -1;
    const closeSeconds = () => {
      const open = this.running.filter((r) => !r.done);
      if (open.length === 0) return;
      const through = Math.min(...open.map((r) => r.lastSecond));
      if (through > closedThrough) {
        series.closeThrough(through);
        closedThrough = through;
      }
    };
    const listener = (index: number, message: FromWorker) => {
      const entry = this.running[index]!;
      switch (message.type) {
        case 'events':
          for (const event of message.events) deliver(event);
          break;
        case 'second':
          series.absorb(message.second, message.cells);
          entry.lastSecond = message.second;
          closeSeconds();
          break;
        case 'progress':
          entry.status = message.status;
          if (index === 0) input.onProgress?.(this.progress());
          break;
        case 'done':
          wiring.recorder.absorb(message.snapshot);
          closeSeconds();
          break;
      }
    };
    this.listeners.add(listener);
    const onAbort = () => this.post({ type: 'abort', atUs: window.endUs });
    input.signal.addEventListener('abort', onAbort, { once: true });
    try {
      this.post({
        type: 'start',
        originUs: input.originUs,
        windowStartUs: window.startUs,
        windowPlannedEndUs: window.plannedEndUs,
      });
      if (input.signal.aborted) onAbort();
      const finals = await this.allDone(input);
      return { abandoned: finals.reduce((sum, done) => sum + done.abandoned, 0) };
    } finally {
      input.signal.removeEventListener('abort', onAbort);
      this.listeners.delete(listener);
    }
  }

  /** Checkout writes the workers could not settle (timed out, outcome unknown). */
  get unresolvedWrites(): number {
    return this.finals().reduce((sum, done) => sum + done.unresolvedWrites, 0);
  }

  health(): WorkerHealth[] {
    return this.finals().map((done) => done.health);
  }

  /** The workers' connections and bytes to a store, summed (null where none saw one). */
  wire(store: string): WireCounts | null {
    let total: WireCounts | null = null;
    for (const done of this.finals()) total = addWireCounts(total, done.wire[store] ?? null);
    return total;
  }

  async close(): Promise<void> {
    for (const server of this.servers) server.close();
    await Promise.allSettled(this.running.map((r) => r.thread.terminate()));
  }

  private finals(): WorkerDone[] {
    return this.running.flatMap((r) => (r.done ? [r.done] : []));
  }

  private progress(): LiveStatus {
    const statuses = this.running.flatMap((r) => (r.status ? [r.status] : []));
    const first = statuses[0]!;
    const total = (pick: (s: LiveStatus) => number) => statuses.reduce((sum, s) => sum + pick(s), 0);
    const p99s = statuses.flatMap((s) => (s.p99Us === null ? [] : [s.p99Us]));
    return {
      ...first,
      ops: total((s) => s.ops),
      opsPerSec: total((s) => s.opsPerSec),
      errors: total((s) => s.errors),
      inFlight: total((s) => s.inFlight),
      // The live line's recent p99: the worst worker's (exact per worker, an upper bound of the union's).
      p99Us: p99s.length > 0 ? Math.max(...p99s) : null,
    };
  }

  private post(message: ToWorker): void {
    for (const r of this.running) if (!r.done) r.thread.postMessage(message);
  }

  private fail(error: Error): void {
    if (this.failure) return;
    this.failure = error;
    for (const reject of this.failed) reject(error);
  }

  private waitFor(index: number, type: 'ready'): Promise<void> {
    return new Promise((resolve, reject) => {
      if (this.failure) return reject(this.failure);
      const onFail = (error: Error) => {
        cleanup();
        reject(error);
      };
      const listener = (from: number, message: FromWorker) => {
        if (from !== index || message.type !== type) return;
        cleanup();
        resolve();
      };
      const cleanup = () => {
        this.listeners.delete(listener);
        this.failed.delete(onFail);
      };
      this.listeners.add(listener);
      this.failed.add(onFail);
    });
  }

  /** Every worker's final report; a worker gone silent past every deadline it could need fails the layout. */
  private allDone(input: DriveWorkersInput): Promise<WorkerDone[]> {
    return new Promise((resolve, reject) => {
      let straggler: NodeJS.Timeout | null = null;
      const check = () => {
        if (this.running.every((r) => r.done)) finish(() => resolve(this.finals()));
      };
      const onFail = (error: Error) => finish(() => reject(error));
      const listener = (_index: number, message: FromWorker) => {
        if (message.type === 'done') check();
      };
      const onDeadline = () => {
        // Past the journeys' deadline a worker still settles its writes in doubt: up to the drain timeout.
        const ms = (input.signal.aborted ? 500 : this.settleMs) + STRAGGLER_GRACE_MS;
        straggler = setTimeout(() => {
          const missing = this.running.flatMap((r, index) => (r.done ? [] : [index]));
          onFail(new Error(`worker ${missing.join(', ')} did not report within ${ms} ms of the deadline`));
        }, ms);
      };
      const finish = (settle: () => void) => {
        this.listeners.delete(listener);
        this.failed.delete(onFail);
        input.deadline.removeEventListener('abort', onDeadline);
        if (straggler) clearTimeout(straggler);
        settle();
      };
      if (this.failure) return reject(this.failure);
      this.listeners.add(listener);
      this.failed.add(onFail);
      if (input.deadline.aborted) onDeadline();
      else input.deadline.addEventListener('abort', onDeadline, { once: true });
      check();
    });
  }
}

/** An in-process store's objects as the workers' calls reach them: behind its fault gate when one is set. */
function servedThroughGate(adapter: StoreAdapter, gate?: FaultGate): ServedStore {
  const through = <T extends object>(impl: T): T => (gate ? gatedObject(impl, gate) : impl);
  const roles: Partial<Record<RoleName, object>> = {};
  for (const [role, impl] of Object.entries(adapter.roles) as Array<[RoleName, object | undefined]>)
    if (impl) roles[role] = through(impl);
  return {
    roles,
    ...(adapter.atomicCheckout ? { atomicCheckout: through(adapter.atomicCheckout) } : {}),
    ...(adapter.crossStore ? { crossStore: through(adapter.crossStore) } : {}),
  };
}
