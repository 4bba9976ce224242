// How the harness's own per-call cost scales over worker_threads (`run --workers N`): measureHarnessCost (the
// journey runner, timing wrapper, event stream and layout recorder over a store that answers at once,
// src/selftest/harness-cost.ts) run at once in 1, 2 and N threads, each thread the same number of journeys. The
// main thread only starts them (all warmed up, then released together) and waits, so the figure is the threads'
// alone: aggregate store calls/s = all threads' calls ÷ the wall time from release to the last one done.
// The goal: 2 workers ≥ 1.8× one.
// On a machine shared with other work the wall figure depends on how many cores the others left free, so each
// measurement also says how busy the rest of the machine was meanwhile (cores' worth of CPU not ours, from
// /proc/stat) and what each thread did per second of its own CPU time (/proc/thread-self/stat, 10 ms ticks): that
// one stays put when the threads scale and drops when they slow each other down.
//
// Usage: bench/run.sh workers-scaling [--rounds R] [--workers N] [--journeys J]
//   R rounds of every thread count (default 3), medians shown; N the largest thread count (default 2);
//   J journeys of 5 calls per thread (default 200,000).
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { nowUs } from '../src/metrics/clock.js';
import { formatRate, formatRatio } from '../src/report/format.js';
import { newTable } from '../src/report/style.js';
import { numberArgument } from './comparison.js';
import { machineBusySeconds } from './cpu-time.js';
import type { HarnessWorkerInit, HarnessWorkerMessage } from './harness-worker.js';

const CALLS_PER_JOURNEY = 5;
const SCALING_GOAL = 1.8;

interface Measured {
  threads: number;
  calls: number;
  /** All threads' calls over the wall time from release to the last thread done. */
  aggregate: number;
  /** Each thread's own calls/s (its own elapsed time), averaged. */
  perThread: number;
  /** Calls per second of the threads' own CPU time, all threads together; null without /proc. */
  perCpuSecond: number | null;
  /** Cores' worth of CPU the rest of the machine used meanwhile (not this process); null without /proc. */
  othersCores: number | null;
}

/** Starts `threads` workers, waits for all to be warmed up, releases them together, times them to the last. */
async function measure(threads: number, init: HarnessWorkerInit): Promise<Measured> {
  const script = new URL('./harness-worker.js', import.meta.url);
  const workers = Array.from({ length: threads }, () => new Worker(script, { workerData: init }));
  const next = (worker: Worker, type: HarnessWorkerMessage['type']) =>
    new Promise<HarnessWorkerMessage>((resolve, reject) => {
      const onMessage = (message: HarnessWorkerMessage) => {
        if (message.type === 'failed') reject(new Error(`harness worker: ${message.message}`));
        else if (message.type === type) resolve(message);
        else return;
        worker.off('message', onMessage);
      };
      worker.on('message', onMessage);
      worker.once('error', reject);
    });
  try {
    await Promise.all(workers.map((worker) => next(worker, 'ready')));
    const done = workers.map((worker) => next(worker, 'done'));
    const busyBefore = machineBusySeconds();
    const oursBefore = process.cpuUsage();
    const startUs = nowUs();
    for (const worker of workers) worker.postMessage('go');
    const results = await Promise.all(done);
    const wallUs = nowUs() - startUs;
    const ours = process.cpuUsage(oursBefore);
    const busyAfter = machineBusySeconds();
    let calls = 0;
    let perThread = 0;
    let cpuSeconds: number | null = 0;
    for (const result of results) {
      if (result.type !== 'done') continue;
      calls += result.calls;
      perThread += result.callsPerSecond / threads;
      cpuSeconds = cpuSeconds === null || result.cpuSeconds === null ? null : cpuSeconds + result.cpuSeconds;
    }
    const othersCores =
      busyBefore === null || busyAfter === null
        ? null
        : Math.max(0, busyAfter - busyBefore - (ours.user + ours.system) / 1e6) / (wallUs / 1e6);
    return {
      threads,
      calls,
      aggregate: (calls * 1e6) / wallUs,
      perThread,
      perCpuSecond: cpuSeconds ? calls / cpuSeconds : null,
      othersCores,
    };
  } finally {
    await Promise.all(workers.map((worker) => worker.terminate()));
  }
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

function medianOrNull(values: readonly number[]): number | null {
  return values.length === 0 ? null : median(values);
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  const rounds = numberArgument(argv, 'rounds', 3);
  const most = numberArgument(argv, 'workers', 2);
  const journeys = numberArgument(argv, 'journeys', 200_000);
  const counts = [...new Set([1, ...(most >= 2 ? [2] : []), Math.floor(most)])].sort((a, b) => a - b);
  const init: HarnessWorkerInit = {
    journeys,
    warmupJourneys: Math.max(1_000, Math.round(journeys / 5)),
    callsPerJourney: CALLS_PER_JOURNEY,
  };
  console.error(
    `measureHarnessCost in ${counts.join(', ')} worker thread(s), ${journeys} journeys × ${CALLS_PER_JOURNEY} ` +
      `calls per thread, ${rounds} round(s); ${availableParallelism()} cores`,
  );
  const byCount = new Map<number, Measured[]>(counts.map((count) => [count, []]));
  for (let round = 1; round <= rounds; round++) {
    const line: string[] = [];
    for (const count of counts) {
      const measured = await measure(count, init);
      byCount.get(count)!.push(measured);
      const others = measured.othersCores === null ? '' : `, others ${measured.othersCores.toFixed(2)} cores`;
      line.push(`${count}: ${formatRate(measured.aggregate)} calls/s${others}`);
    }
    console.error(`round ${round}: ${line.join('; ')}`);
  }
  const one = median(byCount.get(1)!.map((m) => m.aggregate));
  const table = newTable(
    [
      'threads',
      'calls',
      'calls/s (all)',
      '÷ 1 thread',
      'calls/s per thread',
      'calls per CPU-s',
      'others (cores)',
    ],
    false,
  );
  const present = (values: Array<number | null>) => values.filter((v): v is number => v !== null);
  for (const count of counts) {
    const all = byCount.get(count)!;
    const aggregate = median(all.map((m) => m.aggregate));
    table.push([
      String(count),
      String(all[0]!.calls),
      formatRate(aggregate),
      formatRatio(aggregate / one),
      formatRate(median(all.map((m) => m.perThread))),
      formatRate(medianOrNull(present(all.map((m) => m.perCpuSecond)))),
      medianOrNull(present(all.map((m) => m.othersCores)))?.toFixed(2) ?? '—',
    ]);
  }
  const of = rounds > 1 ? `, median of ${rounds} rounds` : '';
  console.log(`harness cost (noop store) in worker threads${of}\n${table.toString()}`);
  const two = byCount.get(2);
  if (two) {
    const ratio = median(two.map((m) => m.aggregate)) / one;
    const met = ratio >= SCALING_GOAL ? 'met' : 'NOT met';
    console.log(`2 threads ÷ 1 thread = ${ratio.toFixed(2)} (goal ≥ ${SCALING_GOAL}: ${met})`);
    console.log(
      "others (cores): the CPU the rest of the machine used meanwhile, in cores' worth; a wall ratio measured " +
        `while others took part of the ${availableParallelism()} cores understates the scaling`,
    );
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
  process.exitCode = 1;
});
