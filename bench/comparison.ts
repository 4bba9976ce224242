// The side-by-side a bench prints: each measurement's requests per second against the peer tool's, and the
// latency of ours. The goal (from the issue): the tool's own path at ≥ 0.9 of the peer.
import { formatDuration, formatRate, formatRatio } from '../src/report/format.js';
import { newTable } from '../src/report/style.js';

export const GOAL_RATIO = 0.9;

export interface Measurement {
  label: string;
  opsPerSec: number;
  /** µs; null for the peer tools, whose percentiles are not read here. */
  p50: number | null;
  p99: number | null;
}

/**
 * One table: rows are measurements, one ratio column per peer compares each row with it (several when no single
 * peer command is the fair one, e.g. redis-benchmark GET as the issue asks and the very command the role sends).
 */
export function comparisonTable(
  title: string,
  rows: readonly Measurement[],
  peers: readonly Measurement[],
): string {
  const ratios = peers.map((peer) => `÷ ${peer.label}`);
  const table = newTable(['measurement', 'ops/s', ...ratios, 'p50', 'p99'], false);
  for (const row of rows) {
    table.push([
      row.label,
      formatRate(row.opsPerSec),
      ...peers.map((peer) => formatRatio(row.opsPerSec / peer.opsPerSec)),
      formatDuration(row.p50),
      formatDuration(row.p99),
    ]);
  }
  return `${title}\n${table.toString()}`;
}

/** "ours ÷ peer = 0.93 (goal ≥ 0.9: met)". */
export function verdict(ours: Measurement, peer: Measurement): string {
  const ratio = ours.opsPerSec / peer.opsPerSec;
  const met = ratio >= GOAL_RATIO ? 'met' : 'NOT met';
  return `${ours.label} ÷ ${peer.label} = ${ratio.toFixed(2)} (goal ≥ ${GOAL_RATIO}: ${met})`;
}

function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/**
 * Each row's median over rounds (ops/s, p50 and p99 separately). On a shared machine one round can be hit by
 * someone else's work; rounds run ours and the peer back to back, so a median of several is the figure to quote.
 */
export function medianOfRounds(rounds: ReadonlyArray<readonly Measurement[]>): Measurement[] {
  const first = rounds[0] ?? [];
  return first.map((row, i) => {
    const same = rounds.map((round) => round[i]!);
    const present = (values: Array<number | null>) => values.filter((v): v is number => v !== null);
    return {
      label: row.label,
      opsPerSec: median(same.map((m) => m.opsPerSec)) ?? NaN,
      p50: median(present(same.map((m) => m.p50))),
      p99: median(present(same.map((m) => m.p99))),
    };
  });
}

/** `--name N` (or `--name=N`) from the command line as a positive number, else the default. */
export function numberArgument(argv: readonly string[], name: string, fallback: number): number {
  const flag = `--${name}`;
  const index = argv.findIndex((arg) => arg === flag || arg.startsWith(`${flag}=`));
  if (index < 0) return fallback;
  const arg = argv[index]!;
  const text = arg.includes('=') ? arg.slice(arg.indexOf('=') + 1) : argv[index + 1];
  const value = Number(text);
  if (!(value > 0)) throw new Error(`${flag} needs a positive number, got ${String(text)}`);
  return value;
}
