// A closed loop: `inFlight` callers, each starting its next call as soon as the last one ends, for a fixed
// time — what redis-benchmark -c and pgbench -c do, so their requests per second and ours compare.
import { nowUs } from '../src/metrics/clock.js';
import { LatencyHistogram } from '../src/metrics/histogram.js';

export interface LoopResult {
  label: string;
  completed: number;
  errors: number;
  seconds: number;
  opsPerSec: number;
  /** µs, from the histogram the loop was given. */
  p50: number | null;
  p99: number | null;
}

export interface LoopOptions {
  label: string;
  inFlight: number;
  seconds: number;
  /** One call; `n` numbers the calls, for callers that pick a key from it. */
  call: (n: number) => Promise<unknown>;
  /**
   * Latencies of the calls. The tool's own path records into it through instrumentObject's event stream; the raw driver
   * loops pass none and are timed here, the same way (clock.ts, one reading before and after).
   */
  histogram?: LatencyHistogram;
}

/**
 * Seconds of the same loop, unrecorded, before each measured loop: connections opened, statements prepared,
 * code compiled, so the first row measured is not penalised against the later ones.
 */
export const WARMUP_SECONDS = 2;

export async function closedLoop(options: LoopOptions): Promise<LoopResult> {
  const own = options.histogram === undefined;
  const histogram = options.histogram ?? new LatencyHistogram();
  let next = 0;
  let completed = 0;
  let errors = 0;
  let firstError: unknown;
  const startUs = nowUs();
  const deadlineUs = startUs + options.seconds * 1e6;
  const caller = async () => {
    while (nowUs() < deadlineUs) {
      const n = next++;
      const callStartUs = own ? nowUs() : 0;
      try {
        await options.call(n);
        completed += 1;
      } catch (error) {
        errors += 1;
        firstError ??= error;
      }
      if (own) histogram.record(nowUs() - callStartUs);
    }
  };
  await Promise.all(Array.from({ length: options.inFlight }, caller));
  const seconds = (nowUs() - startUs) / 1e6;
  if (errors > 0) console.error(`${options.label}: ${errors} errors, first: ${String(firstError)}`);
  const summary = histogram.count > 0 ? histogram.summary() : null;
  if (own) histogram.destroy();
  return {
    label: options.label,
    completed,
    errors,
    seconds,
    opsPerSec: completed / seconds,
    p50: summary?.p50 ?? null,
    p99: summary?.p99 ?? null,
  };
}

/**
 * Runs the loops one after another starting at `offset` (round r starts at r), and returns the results in the
 * order given. Whichever loop runs first in a round can be slowed by what came before (the server settling after
 * a load, the peer tool's last connections closing); rotating gives each loop that slot once, and the median
 * over rounds drops it.
 */
export async function runRotated<T>(loops: ReadonlyArray<() => Promise<T>>, offset: number): Promise<T[]> {
  const results = new Array<T>(loops.length);
  for (let k = 0; k < loops.length; k++) {
    const index = (offset + k) % loops.length;
    results[index] = await loops[index]!();
  }
  return results;
}

/** One measured loop: a label, the call, and the method whose histogram the tool's path records into. */
export type Loop = (
  label: string,
  call: (n: number) => Promise<unknown>,
  method?: string,
) => Promise<LoopResult>;

/**
 * Loops that each run unrecorded for WARMUP_SECONDS first, then measured; the instrumented role's histograms
 * forget the warm-up.
 */
export function warmedLoops(
  inFlight: number,
  seconds: number,
  instrumented: { reset(): void; histogram(method: string): LatencyHistogram },
): Loop {
  return async (label, call, method) => {
    await closedLoop({ label, inFlight, seconds: WARMUP_SECONDS, call });
    instrumented.reset();
    return closedLoop({
      label,
      inFlight,
      seconds,
      call,
      ...(method ? { histogram: instrumented.histogram(method) } : {}),
    });
  };
}
