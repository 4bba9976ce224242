// The exit code of a finished run (README "Commands"): 130 when interrupted wins over everything, then 1 when the
// verdict failed (unless --no-thresholds: judge and print, never fail), else 0. 2, a user error, never gets here.
import type { Verdict } from './types.js';

export const EXIT_OK = 0;
export const EXIT_THRESHOLD_FAILED = 1;
export const EXIT_INTERRUPTED = 130;

export function runExitCode(interrupted: boolean, verdict: Verdict, enforce: boolean): number {
  if (interrupted) return EXIT_INTERRUPTED;
  return enforce && !verdict.ok ? EXIT_THRESHOLD_FAILED : EXIT_OK;
}
