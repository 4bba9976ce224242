// One worker thread of a comparison bench's `--workers N` rows (bench/role-workers.ts): it attaches to the
// namespace the main thread's store created and loaded (StoreOptions.attach: same url and settings, a connection or
// pool of its own, no lease, no reset), and runs its share of a loop's in-flight callers — warm-up, then on "go"
// the measured loop — through the role wrapped by instrumentObject (the tool's path) or bare. It posts the loop's
// counts and its latency histogram; the main thread sums calls/s and merges the histograms.
import { parentPort, workerData } from 'node:worker_threads';
import { Random } from '../src/data/random.js';
import { nowUs } from '../src/metrics/clock.js';
import { initHistograms, LatencyHistogram } from '../src/metrics/histogram.js';
import type { RoleImpls } from '../src/roles.js';
import { storeFactory } from '../src/stores/registry.js';
import type { StoreAdapter } from '../src/stores/types.js';
import { WARMUP_SECONDS, closedLoop } from './closed-loop.js';
import { instrumented, type Instrumented } from './instrumented.js';
import { randomKeyDigits, readSessionId } from './redis-peer.js';
import type { FromLoopWorker, LoopTask, RoleCall, RoleWorkerInit, ToLoopWorker } from './role-workers.js';

if (!parentPort) throw new Error('role-loop-worker.ts runs only as a worker thread');
const port = parentPort;
const init = workerData as RoleWorkerInit;
const post = (message: FromLoopWorker) => port.postMessage(message);

function failed(error: unknown): FromLoopWorker {
  return { type: 'failed', message: error instanceof Error ? (error.stack ?? error.message) : String(error) };
}

/**
 * The call of each loop the benches run in workers, as the main thread's loop makes it; `n` is numbered across
 * all workers (this worker's calls are index, index + count, …) so the workers spread over the same keys.
 */
function loopCall(call: RoleCall, roles: Partial<RoleImpls>): (n: number) => Promise<unknown> {
  const global = (n: number) => n * init.count + init.index;
  switch (call.op) {
    case 'getProduct': {
      const catalog = roles.catalog!;
      const rng = new Random(call.seed + init.index);
      return () => catalog.getProduct(rng.int(1, call.rows));
    }
    case 'startSession': {
      const sessions = roles.sessions!;
      return (n) => {
        const m = global(n);
        return sessions.startSession(
          { id: `w${m % call.sessions}`, userId: (m % 1000) + 1 },
          call.ttlSeconds,
        );
      };
    }
    case 'getSession': {
      const sessions = roles.sessions!;
      return (n) => sessions.getSession(readSessionId(randomKeyDigits(global(n) % call.sessions)));
    }
  }
}

/** Resolves the measured loop a warmed-up task waits for (the main thread's "go"). */
let releaseGo: (() => void) | null = null;

/** Warm-up (unrecorded), then after "go" the measured loop: latencies from the wrapper's events, or timed here. */
async function runTask(
  task: LoopTask,
  store: StoreAdapter,
  wrapped: Instrumented<'catalog'> | Instrumented<'sessions'>,
): Promise<FromLoopWorker> {
  const roles: Partial<RoleImpls> = task.wrapped ? { [init.role]: wrapped.role } : store.roles;
  const call = loopCall(task.call, roles);
  await closedLoop({ label: task.label, inFlight: task.inFlight, seconds: WARMUP_SECONDS, call });
  wrapped.reset();
  const go = new Promise<void>((resolve) => (releaseGo = resolve));
  post({ type: 'warmed' });
  await go;
  // closedLoop times the calls itself only when it owns the histogram; here the histogram must outlive it.
  const own = task.wrapped ? null : new LatencyHistogram();
  const timed = own
    ? async (n: number) => {
        const startUs = nowUs();
        try {
          return await call(n);
        } finally {
          own.record(nowUs() - startUs);
        }
      }
    : call;
  const histogram = own ?? wrapped.histogram(task.method);
  try {
    const result = await closedLoop({
      label: task.label,
      inFlight: task.inFlight,
      seconds: task.seconds,
      call: timed,
      histogram,
    });
    return {
      type: 'result',
      completed: result.completed,
      errors: result.errors,
      seconds: result.seconds,
      opsPerSec: result.opsPerSec,
      histogram: histogram.state(),
    };
  } finally {
    own?.destroy();
  }
}

async function main(): Promise<void> {
  await initHistograms();
  const store = await (
    await storeFactory(init.engine)
  ).create({ url: init.url, settings: init.settings, attach: true });
  if (!store.roles[init.role]) throw new Error(`store ${init.engine} serves no ${init.role} role`);
  const wrapped =
    init.role === 'catalog'
      ? instrumented('catalog', init.engine, store.roles.catalog!)
      : instrumented('sessions', init.engine, store.roles.sessions!);
  port.on('message', (message: ToLoopWorker) => {
    switch (message.type) {
      case 'go':
        releaseGo?.();
        releaseGo = null;
        return;
      case 'close':
        wrapped.destroy();
        store.close().then(
          () => {
            post({ type: 'closed' });
            port.close();
          },
          (error: unknown) => post({ type: 'failed', message: String(error) }),
        );
        return;
      case 'task':
        runTask(message.task, store, wrapped).then(post, (error: unknown) => post(failed(error)));
    }
  });
  post({ type: 'ready' });
}

main().catch((error: unknown) => post(failed(error)));
