// `--workers N` for the comparison benches: the tool's role loop run from N worker threads at once
// (bench/role-loop-worker.ts), as `run --workers N` runs a layout's load. The main thread's store (the owner: it
// created, loaded and holds the namespace) stays where it is; each worker attaches to the same namespace with the
// same url and settings (StoreOptions.attach) and runs its share of the loop's in-flight callers (8 as 4 + 4 for
// 2 workers), warmed up, then all released together for the same seconds. The row's calls/s is the workers' sum;
// its p50/p99 come from their histograms merged.
import { Worker } from 'node:worker_threads';
import { LatencyHistogram, type HistogramState } from '../src/metrics/histogram.js';
import type { LoopResult } from './closed-loop.js';

/** What a worker loop calls, with what it needs to pick keys as the main thread's loop does. */
export type RoleCall =
  | { op: 'getProduct'; rows: number; seed: number }
  | { op: 'startSession'; sessions: number; ttlSeconds: number }
  | { op: 'getSession'; sessions: number };

export interface LoopTask {
  label: string;
  call: RoleCall;
  /** Through instrumentObject (the tool's path), else the bare role. */
  wrapped: boolean;
  /** The role method the wrapper records it under. */
  method: string;
  /** This worker's share. */
  inFlight: number;
  seconds: number;
}

export interface RoleWorkerInit {
  index: number;
  count: number;
  engine: 'postgres' | 'redis';
  role: 'catalog' | 'sessions';
  url: string;
  settings: Record<string, unknown>;
}

export type ToLoopWorker = { type: 'task'; task: LoopTask } | { type: 'go' } | { type: 'close' };

export type FromLoopWorker =
  | { type: 'ready' }
  | { type: 'warmed' }
  | {
      type: 'result';
      completed: number;
      errors: number;
      seconds: number;
      opsPerSec: number;
      histogram: HistogramState;
    }
  | { type: 'closed' }
  | { type: 'failed'; message: string };

type Message<T extends FromLoopWorker['type']> = Extract<FromLoopWorker, { type: T }>;

/** Worker w's part of the in-flight callers: the parts differ by at most one and add up to the total. */
function share(total: number, worker: number, workers: number): number {
  return Math.floor(total / workers) + (worker < total % workers ? 1 : 0);
}

export class RoleWorkers {
  private constructor(private readonly workers: Worker[]) {}

  get count(): number {
    return this.workers.length;
  }

  /** Starts `count` workers and waits until each has attached to the namespace. */
  static async start(count: number, init: Omit<RoleWorkerInit, 'index' | 'count'>): Promise<RoleWorkers> {
    const script = new URL('./role-loop-worker.js', import.meta.url);
    const workers = Array.from(
      { length: count },
      (_, index) => new Worker(script, { workerData: { ...init, index, count } satisfies RoleWorkerInit }),
    );
    const pool = new RoleWorkers(workers);
    try {
      await Promise.all(workers.map((worker, index) => pool.next(worker, index, 'ready')));
    } catch (error) {
      await Promise.all(workers.map((worker) => worker.terminate()));
      throw error;
    }
    return pool;
  }

  private next<T extends FromLoopWorker['type']>(
    worker: Worker,
    index: number,
    type: T,
  ): Promise<Message<T>> {
    return new Promise((resolve, reject) => {
      const cleanup = () => {
        worker.off('message', onMessage);
        worker.off('error', onError);
        worker.off('exit', onExit);
      };
      const onMessage = (message: FromLoopWorker) => {
        if (message.type === 'failed') {
          cleanup();
          reject(new Error(`worker ${index}: ${message.message}`));
        } else if (message.type === type) {
          cleanup();
          resolve(message as Message<T>);
        }
      };
      const onError = (error: Error) => {
        cleanup();
        reject(new Error(`worker ${index}: ${error.message}`));
      };
      const onExit = (code: number) => {
        cleanup();
        reject(new Error(`worker ${index} stopped (exit code ${code})`));
      };
      worker.on('message', onMessage);
      worker.on('error', onError);
      worker.on('exit', onExit);
    });
  }

  /** One loop over all workers: `inFlight` callers in total, `seconds` measured after each one's warm-up. */
  async loop(task: Omit<LoopTask, 'inFlight'> & { inFlight: number }): Promise<LoopResult> {
    const n = this.workers.length;
    if (task.inFlight < n)
      throw new Error(`${task.label}: ${task.inFlight} in flight cannot be split over ${n} workers`);
    const warmed = this.workers.map((worker, index) => this.next(worker, index, 'warmed'));
    const results = this.workers.map((worker, index) => this.next(worker, index, 'result'));
    this.workers.forEach((worker, index) => {
      const own: LoopTask = { ...task, inFlight: share(task.inFlight, index, n) };
      worker.postMessage({ type: 'task', task: own } satisfies ToLoopWorker);
    });
    await Promise.all(warmed);
    for (const worker of this.workers) worker.postMessage({ type: 'go' } satisfies ToLoopWorker);
    const all = await Promise.all(results);
    const histogram = new LatencyHistogram();
    try {
      for (const result of all) histogram.mergeState(result.histogram);
      const summary = histogram.count > 0 ? histogram.summary() : null;
      return {
        label: task.label,
        completed: all.reduce((sum, r) => sum + r.completed, 0),
        errors: all.reduce((sum, r) => sum + r.errors, 0),
        seconds: Math.max(...all.map((r) => r.seconds)),
        opsPerSec: all.reduce((sum, r) => sum + r.opsPerSec, 0),
        p50: summary?.p50 ?? null,
        p99: summary?.p99 ?? null,
      };
    } finally {
      histogram.destroy();
    }
  }

  /** Each worker closes its attached store (disconnects only) and ends. */
  async close(): Promise<void> {
    await Promise.all(
      this.workers.map(async (worker, index) => {
        const closed = this.next(worker, index, 'closed');
        worker.postMessage({ type: 'close' } satisfies ToLoopWorker);
        await closed.catch((error: unknown) => console.error(String(error)));
        await worker.terminate();
      }),
    );
  }
}
