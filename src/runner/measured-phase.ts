// The measure stage's clockwork (docs/architecture.md, "A layout's lifecycle"), one piece for the main thread and
// for every worker thread of `run --workers`: harness health and the wire marks cover the measured window, no
// more; at the window's planned end the faults end and the journeys still running get the drain timeout; Ctrl-C
// cuts the window at once, ends the faults (a hung store lets its calls go) and gives the journeys a short grace
// to finish the step they are in.
import { nowUs } from '../metrics/clock.js';
import { startHealthMonitor, type HealthMonitor } from '../metrics/health.js';
import type { MeasuredWindow } from '../metrics/measured-window.js';
import type { HealthStats } from '../metrics/types.js';
import { sleepUntilUs } from '../propagation/sleep.js';
import type { ResourceStack } from './resource-stack.js';

/** After Ctrl-C the report must be out within 2 s: journeys get this long to finish the step they are in. */
export const INTERRUPTED_JOURNEYS_MS = 500;

export interface PhaseInput {
  window: MeasuredWindow;
  /** Ctrl-C or SIGTERM. */
  signal: AbortSignal;
  /** How long journeys begun in the window may run on after its planned end. */
  drainTimeoutMs: number;
  /** Whose CPU the health figure holds (health.ts cpuScope). */
  healthScope: string;
  /** At the window's start and end (the wire meter's marks). */
  mark(at: 'start' | 'end'): void;
  /** Once, when the window ends for any reason (the faults end). */
  onWindowEnd?: () => void;
  /** Drives the load; journeys still running at `deadline` are abandoned. */
  drive(deadline: AbortSignal): Promise<{ abandoned: number }>;
  /** After the drive returns, before the window is closed (the recorder seals). */
  afterDrive?: () => void;
}

export interface PhaseResult {
  health: HealthStats | null;
  abandoned: number;
  interrupted: boolean;
}

export async function runMeasuredPhase(input: PhaseInput, stack: ResourceStack): Promise<PhaseResult> {
  const { window, signal } = input;
  const windowOver = new AbortController();
  const deadline = new AbortController();
  const timers: NodeJS.Timeout[] = [];
  stack.defer('measure timers', timers, (list) => list.forEach(clearTimeout));
  const giveUpAfter = (ms: number) => {
    timers.push(setTimeout(() => deadline.abort(), ms));
  };

  let health: HealthMonitor | null = null;
  let healthStats: HealthStats | null = null;
  const endWindow = () => {
    if (windowOver.signal.aborted) return;
    windowOver.abort();
    input.mark('end');
    healthStats = health?.stop() ?? null;
    input.onWindowEnd?.();
  };
  void sleepUntilUs(window.startUs, windowOver.signal).then(() => {
    if (windowOver.signal.aborted) return;
    health = startHealthMonitor(input.healthScope);
    input.mark('start');
  });
  void sleepUntilUs(window.plannedEndUs, windowOver.signal).then(() => {
    if (windowOver.signal.aborted) return;
    endWindow();
    giveUpAfter(input.drainTimeoutMs);
  });
  const onAbort = () => {
    window.cut(nowUs());
    endWindow();
    giveUpAfter(INTERRUPTED_JOURNEYS_MS);
  };
  if (signal.aborted) onAbort();
  else signal.addEventListener('abort', onAbort, { once: true });
  stack.defer('signal listener', onAbort, (listener) => signal.removeEventListener('abort', listener));

  const { abandoned } = await input.drive(deadline.signal);
  input.afterDrive?.();
  endWindow();
  return { health: healthStats, abandoned, interrupted: signal.aborted };
}
