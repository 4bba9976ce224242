// One worker thread of `run --workers N` (docs/architecture.md, "Worker threads"): it attaches to the stores the
// main thread opened and loaded, drives its slice of the arrivals (or virtual users) with the same journeys and the
// same measured window, records its operations itself, and hands the main thread what the run as a whole needs:
// the commits and placed orders (ledger, probes, relay lag), dual-write applies, search listings, each closed
// second of the series, its progress, and at the end its recorder, health and wire counts.
import { parentPort, workerData, type TransferListItem } from 'node:worker_threads';
import { performance } from 'node:perf_hooks';
import { errorMessage, UserError } from '../../errors.js';
import { openLayout } from '../../layouts/open-layout.js';
import { RunEvents } from '../../metrics/events.js';
import { initHistograms } from '../../metrics/histogram.js';
import { LayoutRecorder } from '../../metrics/layout-recorder.js';
import { MeasuredWindow } from '../../metrics/measured-window.js';
import { WireMeter, type WireCounts } from '../../metrics/wire-meter.js';
import { derivedTargets } from '../../propagation/targets.js';
import { ShopCatalog, type ShopContext } from '../../workloads/context.js';
import { callDeadlines } from '../call-deadline.js';
import { driveLoad } from '../drive-load.js';
import { commitHooks, instrumentedStores, readYourWritesEmitter, targetLabel } from '../layout-wiring.js';
import { runMeasuredPhase } from '../measured-phase.js';
import { writePathOf } from '../propagation-setup.js';
import { ResourceStack } from '../resource-stack.js';
import { EventForwarder } from './event-forwarder.js';
import type { FromWorker, ToWorker, WorkerInit } from './protocol.js';
import { remoteAdapter } from './store-rpc.js';

/** After Ctrl-C the report is due at once: writes still in doubt get this long (run-layout.ts does the same). */
const INTERRUPTED_SETTLE_MS = 500;

if (!parentPort) throw new Error('layout-worker.ts runs only as a worker thread');
const port = parentPort;
const post = (message: FromWorker, transfer: TransferListItem[] = []) => port.postMessage(message, transfer);

async function main(init: WorkerInit): Promise<void> {
  const stack = new ResourceStack();
  try {
    await initHistograms();
    const { scenario, layout } = init;
    const wire = stack.defer('wire meter', await WireMeter.start(init.wire), (m) => m.stop());
    const opened = stack.defer(
      'stores',
      await openLayout(layout, init.stores, undefined, (store, factory, options) => {
        const described = init.remote[store];
        if (described) return Promise.resolve(remoteAdapter(init.rpc, store, described));
        return factory.create({ ...options, attach: true });
      }),
      (o) => o.close(),
    );
    const events = new RunEvents();
    const forwarder = new EventForwarder((batch) => post({ type: 'events', events: batch }));
    forwarder.forward(events, init.faultedStores);
    const { roles, atomic, crossStore } = instrumentedStores(
      opened,
      new Map(),
      events,
      callDeadlines(scenario, opened),
    );
    // Dual-write applies inside the request: the main thread's lag recorders hear of them; probes run there.
    const targets = derivedTargets(roles, (role) => {
      const target = targetLabel(opened.storeOf, role);
      return {
        applied: (orderId, commitUs, ackUs) =>
          events.emit({ type: 'applied', target, orderId, commitUs, ackUs }),
        probed: () => undefined,
      };
    });
    const writePath = writePathOf({
      mechanism: init.propagation,
      layout,
      opened,
      roles,
      atomic,
      targets,
      hooks: commitHooks(events),
    });
    post({ type: 'ready' });

    const start = await nextMessage('start');
    const window = new MeasuredWindow(start.windowStartUs, start.windowPlannedEndUs);
    const recorder = new LayoutRecorder(window, scenario.load.model, (second, cells) =>
      post(
        { type: 'second', second, cells },
        cells.map(([, , values]) => values.buffer as ArrayBuffer),
      ),
    );
    recorder.subscribe(events);
    stack.defer('recorder', recorder, (r) => r.destroy());
    const abort = new AbortController();
    port.on('message', (message: ToWorker) => {
      if (message.type !== 'abort') return;
      window.cut(message.atUs);
      abort.abort();
    });
    const ctx: ShopContext = {
      roles,
      catalog: new ShopCatalog(init.catalog, scenario.data.popularitySkew),
      journeys: scenario.journeys,
      sessionTtlSeconds: scenario.sessions.ttlSeconds,
      writePath,
      readYourWrites: readYourWritesEmitter(events),
      crossStore,
      searchListed: (hits) => forwarder.listed(hits),
    };
    let busyFrom = performance.eventLoopUtilization();
    let busyPercent = 0;
    const phase = await runMeasuredPhase(
      {
        window,
        signal: abort.signal,
        drainTimeoutMs: scenario.consistency.drainTimeoutMs,
        healthScope: `worker thread ${init.index}`,
        mark: (at) => {
          wire.mark(at);
          if (at === 'start') busyFrom = performance.eventLoopUtilization();
          else busyPercent = performance.eventLoopUtilization(busyFrom).utilization * 100;
        },
        drive: (deadline) =>
          driveLoad({
            scenario,
            ctx,
            events,
            recorder,
            window,
            originUs: start.originUs,
            signal: abort.signal,
            deadline,
            onProgress: (status) => post({ type: 'progress', status }),
            shard: init.shard,
          }),
        afterDrive: () => recorder.seal(),
      },
      stack,
    );
    const unresolvedWrites =
      (await writePath.settle?.(
        phase.interrupted ? INTERRUPTED_SETTLE_MS : scenario.consistency.drainTimeoutMs,
      )) ?? 0;
    recorder.timeSeries.flush();
    forwarder.flush();
    const wireCounts: Record<string, WireCounts> = {};
    for (const store of opened.adapters.keys()) {
      const counts = wire.counts(store);
      if (counts) wireCounts[store] = counts;
    }
    const snapshot = recorder.snapshot();
    const loop = phase.health?.eventLoopDelayMs ?? { mean: 0, p99: 0, max: 0 };
    post({
      type: 'done',
      snapshot,
      abandoned: phase.abandoned,
      unresolvedWrites,
      health: {
        worker: init.index,
        eventLoopDelayMs: loop,
        busyPercent,
        operations: snapshot.operations.reduce((sum, op) => sum + op.count, 0),
      },
      wire: wireCounts,
    });
  } finally {
    await stack.close();
  }
}

function nextMessage<T extends ToWorker['type']>(type: T): Promise<Extract<ToWorker, { type: T }>> {
  return new Promise((resolve) => {
    const listener = (message: ToWorker) => {
      if (message.type !== type) return;
      port.off('message', listener);
      resolve(message as Extract<ToWorker, { type: T }>);
    };
    port.on('message', listener);
  });
}

main(workerData as WorkerInit).catch((error: unknown) => {
  post({ type: 'failed', message: errorMessage(error), userError: error instanceof UserError });
});
