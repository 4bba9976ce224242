// Harness health (docs/measurements.md): is the tool itself keeping up? A busy event loop delays the start and the
// end-timestamp of every operation, so high loop delay or a saturated core means measured latency includes
// the tool's own queueing.
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { nowUs } from './clock.js';
import type { HealthStats } from './types.js';

/** Sampling interval of the event-loop delay monitor; finer costs CPU, coarser misses short stalls. */
const LOOP_DELAY_RESOLUTION_MS = 10;
const NS_PER_MS = 1_000_000;

export interface HealthMonitor {
  /** Stops monitoring and returns figures for the time since start. Later calls return the same figures. */
  stop(): HealthStats;
}

/**
 * Whose CPU the process figure holds: in-process engines (PGlite, DuckDB, …) run on the tool's own threads, so
 * with any of them the figure is theirs too — never to be read as the harness's cost alone.
 */
export function cpuScope(inProcessEngines: readonly string[]): string {
  return inProcessEngines.length === 0
    ? 'the tool alone (every store is a server)'
    : `the tool and the in-process engines it hosts (${inProcessEngines.join(', ')})`;
}

// Node's monitor times a repeating timer, so each sample is the whole interval (≈ 10 ms on an idle loop):
// subtracting the resolution leaves the delay itself, as the reported figure means "how late were timers".
// The histogram has NaN/huge sentinels when it has no samples (a window shorter than the resolution): 0 then.
export function delayMs(ns: number): number {
  if (!Number.isFinite(ns)) return 0;
  return Math.max(0, ns / NS_PER_MS - LOOP_DELAY_RESOLUTION_MS);
}

export function startHealthMonitor(cpuIncludes = cpuScope([])): HealthMonitor {
  const loopDelay = monitorEventLoopDelay({ resolution: LOOP_DELAY_RESOLUTION_MS });
  loopDelay.enable();
  const cpuStart = process.cpuUsage();
  const wallStartUs = nowUs();
  let stats: HealthStats | null = null;

  return {
    stop() {
      if (stats) return stats;
      loopDelay.disable();
      const cpu = process.cpuUsage(cpuStart);
      const wallUs = nowUs() - wallStartUs;
      const empty = loopDelay.count === 0;
      stats = {
        eventLoopDelayMs: {
          mean: empty ? 0 : delayMs(loopDelay.mean),
          p99: empty ? 0 : delayMs(loopDelay.percentile(99)),
          max: empty ? 0 : delayMs(loopDelay.max),
        },
        // user + system CPU µs over wall µs: 100 = one core busy the whole time (can exceed 100 with threads).
        cpuPercent: wallUs > 0 ? ((cpu.user + cpu.system) / wallUs) * 100 : 0,
        cpuIncludes,
        windowSeconds: wallUs / 1e6,
      };
      return stats;
    },
  };
}
