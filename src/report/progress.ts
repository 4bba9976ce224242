// The live progress line. On a terminal it rewrites one line in place, at most 4 times a second (more is
// flicker and costs the event loop the benchmark is measuring); elsewhere (CI logs, files) it stays silent
// until done() prints a single summary line.
import type { LiveStatus } from '../metrics/types.js';
import { formatCount, formatDuration, formatRate } from './format.js';

/** The live figures the line shows. */
export type ProgressUpdate = LiveStatus;

export interface Progress {
  update(p: ProgressUpdate): void;
  /** Clears the live line and prints the summary on its own line. Later updates are ignored. */
  done(summaryLine: string): void;
}

export interface ProgressOptions {
  /** Milliseconds clock used for throttling; injectable so tests need no real time. */
  nowMs?: () => number;
}

const MIN_INTERVAL_MS = 250;
const CLEAR_LINE = '\r\u001b[2K';
/** Used when the terminal does not say how wide it is. */
const FALLBACK_COLUMNS = 80;

export function progressLine(layout: string, p: ProgressUpdate): string {
  const parts = [
    `${layout} ${p.phase}`,
    `${p.elapsedS.toFixed(1)}/${p.totalS.toFixed(1)} s`,
    `${formatCount(p.ops)} ops`,
    `${formatRate(p.opsPerSec)} ops/s`,
    `p99 ${formatDuration(p.p99Us)}`,
    `${formatCount(p.errors)} err`,
    `${formatCount(p.inFlight)} in flight`,
  ];
  return parts.join(' · ');
}

export function createProgress(
  stream: NodeJS.WriteStream,
  layout: string,
  options: ProgressOptions = {},
): Progress {
  const tty = stream.isTTY === true;
  const nowMs = options.nowMs ?? (() => performance.now());
  let lastWriteMs = Number.NEGATIVE_INFINITY;
  let finished = false;

  return {
    update(p) {
      if (!tty || finished) return;
      const now = nowMs();
      if (now - lastWriteMs < MIN_INTERVAL_MS) return;
      lastWriteMs = now;
      // One column short of the width: a line that wraps can no longer be rewritten with \r.
      const width = Math.max(10, (stream.columns || FALLBACK_COLUMNS) - 1);
      const line = progressLine(layout, p);
      stream.write(CLEAR_LINE + (line.length > width ? `${line.slice(0, width - 1)}…` : line));
    },
    done(summaryLine) {
      if (finished) return;
      finished = true;
      stream.write(`${tty ? CLEAR_LINE : ''}${summaryLine}\n`);
    },
  };
}
