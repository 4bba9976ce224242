// A measured window too short to measure: under a second there is no full per-second sample, ops/s is a count
// divided by a sliver (2 operations in 1 ms read as "2,000 ops/s"), and 0 s measures nothing while still saying
// "invariants OK". Refused, as the user's to fix, rather than reported as figures that mean nothing.
import { UserError } from '../errors.js';
import { formatDuration } from './duration.js';
import type { Problem } from './problem.js';
import { measuredDurationMs, type Scenario } from './types.js';

export const MIN_MEASURED_MS = 1_000;

function reason(ms: number): string {
  return (
    `expected a measured window of at least ${formatDuration(MIN_MEASURED_MS)}, got ${formatDuration(ms)}: ` +
    'shorter windows hold no full per-second sample and their ops/s and percentiles mean nothing'
  );
}

export function windowProblems(scenario: Scenario): Problem[] {
  const ms = measuredDurationMs(scenario.load);
  return ms >= MIN_MEASURED_MS ? [] : [{ path: ['load', 'phases'], message: reason(ms) }];
}

/** For --duration, which replaces the scenario's window after it was validated. */
export function checkDurationFlag(ms: number): void {
  if (ms < MIN_MEASURED_MS) throw new UserError(`--duration: ${reason(ms)}`);
}
