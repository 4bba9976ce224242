// Durations as people write them in scenario files and flags ("250ms", "10s", "2m", "1h", "1.5s", or a bare
// number of seconds, as in Artillery's `duration: 60`) ↔ milliseconds, the unit every other module reads.
import { UserError } from '../errors.js';

const UNIT_MS = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 } as const;
type Unit = keyof typeof UNIT_MS;

// No sign, no exponent, no spaces: "-5s" and "1e3" are more likely typos than intent.
const DURATION_PATTERN = /^(\d+(?:\.\d+)?|\.\d+)(ms|s|m|h)?$/;

/** What the parser accepts, for error messages. */
export const DURATION_FORMS = 'a duration like 250ms, 10s, 2m, 1h or a number of seconds';

/** Milliseconds, or null when the value is not a duration ≥ 0. Numbers (YAML `duration: 30`) are seconds. */
export function durationToMs(value: unknown): number | null {
  if (typeof value === 'number') return Number.isFinite(value) && value >= 0 ? value * 1000 : null;
  if (typeof value !== 'string') return null;
  const match = DURATION_PATTERN.exec(value.trim());
  if (!match) return null;
  const unit = (match[2] ?? 's') as Unit;
  // Rounded to the microsecond: 1.1 * 1000 is 1100.0000000000002 in floating point.
  return Math.round(Number(match[1]) * UNIT_MS[unit] * 1000) / 1000;
}

/** For command-line flags: throws a UserError naming the accepted forms. */
export function parseDuration(value: string | number): number {
  const ms = durationToMs(value);
  if (ms === null) throw new UserError(`expected ${DURATION_FORMS}, got ${JSON.stringify(value)}`);
  return ms;
}

/** The shortest exact form: 1500 → "1.5s", 120000 → "2m", 250 → "250ms". */
export function formatDuration(ms: number): string {
  for (const unit of ['h', 'm', 's'] as const) {
    const amount = ms / UNIT_MS[unit];
    // Whole units, or a short decimal of seconds ("1.5s"); anything else reads better in ms.
    if (amount >= 1 && (Number.isInteger(amount) || (unit === 's' && Number.isInteger(amount * 10)))) {
      return `${amount}${unit}`;
    }
  }
  return `${ms}ms`;
}
