// One worker thread of bench/workers-scaling.ts: warms up measureHarnessCost (JIT, histogram module), says it is
// ready, and on "go" runs the measured journeys and posts what it measured. Compiled beside workers-scaling.js
// (bench/run.sh), which starts it as `new URL('./harness-worker.js', import.meta.url)`.
import { parentPort, workerData } from 'node:worker_threads';
import { measureHarnessCost } from '../src/selftest/harness-cost.js';
import { threadCpuSeconds } from './cpu-time.js';

export interface HarnessWorkerInit {
  journeys: number;
  warmupJourneys: number;
  callsPerJourney: number;
}

export type HarnessWorkerMessage =
  | { type: 'ready' }
  | {
      type: 'done';
      calls: number;
      usPerCall: number;
      callsPerSecond: number;
      /** CPU seconds this thread spent in the measured journeys; null without /proc. */
      cpuSeconds: number | null;
    }
  | { type: 'failed'; message: string };

if (!parentPort) throw new Error('harness-worker.ts runs only as a worker thread');
const port = parentPort;
const init = workerData as HarnessWorkerInit;
const post = (message: HarnessWorkerMessage) => port.postMessage(message);

async function main(): Promise<void> {
  await measureHarnessCost(init.warmupJourneys, init.callsPerJourney);
  port.once('message', () => {
    const cpuBefore = threadCpuSeconds();
    measureHarnessCost(init.journeys, init.callsPerJourney).then(
      (cost) => {
        const cpuAfter = threadCpuSeconds();
        const cpuSeconds = cpuBefore === null || cpuAfter === null ? null : cpuAfter - cpuBefore;
        post({ type: 'done', ...cost, cpuSeconds });
        port.close();
      },
      (error: unknown) => post({ type: 'failed', message: String(error) }),
    );
  });
  post({ type: 'ready' });
}

main().catch((error: unknown) => post({ type: 'failed', message: String(error) }));
