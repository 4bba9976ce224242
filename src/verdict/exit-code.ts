// The exit code of a finished run (README "Exit codes"): 130 when interrupted wins over everything; then 2 when a
// layout could not run for a reason the user must fix (an unreachable server: what the run would have exited with
// had that layout been alone); then 1 when a layout failed otherwise or the verdict failed (unless
// --no-thresholds: judge and print, never fail); else 0. The earlier layouts' report is written either way.
import { EXIT_USER_ERROR } from '../errors.js';
import type { LayoutFailure } from '../metrics/types.js';
import type { Verdict } from './types.js';

export const EXIT_OK = 0;
export const EXIT_THRESHOLD_FAILED = 1;
export const EXIT_INTERRUPTED = 130;

export function runExitCode(
  interrupted: boolean,
  verdict: Verdict,
  enforce: boolean,
  failedLayouts: readonly LayoutFailure[] = [],
): number {
  if (interrupted) return EXIT_INTERRUPTED;
  if (failedLayouts.some((failure) => failure.userError)) return EXIT_USER_ERROR;
  if (failedLayouts.length > 0) return EXIT_THRESHOLD_FAILED;
  return enforce && !verdict.ok ? EXIT_THRESHOLD_FAILED : EXIT_OK;
}
