// Formatting of numbers for people: durations, counts, rates, percents, ratios. Three significant digits
// for measurements (HdrHistogram keeps three, more would be noise); a missing value is always "—", never
// "NaN", "undefined" or a zero that looks measured.

export const MISSING = '—';

function isNumber(value: number | null | undefined): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}

/** Three significant digits, no exponent: 1.23, 12.3, 123. For 0 ≤ x < 999.5. */
function threeDigits(x: number): string {
  if (x < 9.995) return x.toFixed(2);
  if (x < 99.95) return x.toFixed(1);
  return x.toFixed(0);
}

/** Microseconds → "850 µs", "12.3 ms", "1.20 s", "3600 s"; the unit is chosen after rounding. */
export function formatDuration(us: number | null | undefined): string {
  if (!isNumber(us)) return MISSING;
  if (us < 0) return `-${formatDuration(-us)}`;
  if (us < 999.5) return `${Math.round(us)} µs`;
  const ms = us / 1000;
  if (ms < 999.5) return `${threeDigits(ms)} ms`;
  const s = ms / 1000;
  if (s < 999.5) return `${threeDigits(s)} s`;
  return `${Math.round(s)} s`;
}

/** Milliseconds (as the report holds drain times and loop delay) → the same form as formatDuration. */
export function formatMs(ms: number | null | undefined): string {
  return isNumber(ms) ? formatDuration(ms * 1000) : MISSING;
}

/** A threshold given in whole milliseconds, as a label: "1 ms", "100 ms", "1 s", "10 s". */
export function formatThresholdMs(ms: number): string {
  if (!isNumber(ms)) return MISSING;
  return ms >= 1000 ? `${ms / 1000} s` : `${ms} ms`;
}

/** A whole count with thousands separators: "12,345". */
export function formatCount(n: number | null | undefined): string {
  if (!isNumber(n)) return MISSING;
  return Math.round(n).toLocaleString('en-US');
}

/** Operations per second, without unit: "1,234", "56.7", "0.50". */
export function formatRate(perSecond: number | null | undefined): string {
  if (!isNumber(perSecond)) return MISSING;
  if (perSecond >= 99.95) return formatCount(perSecond);
  return threeDigits(Math.max(0, perSecond));
}

/**
 * A fraction 0..1 as a percent with one decimal: "99.5%". Exactly 0 and 1 print as "0%" and "100%"; values
 * that would round to those without being them print as "<0.1%" and ">99.9%", so "100%" always means all.
 */
export function formatPercent(fraction: number | null | undefined): string {
  if (!isNumber(fraction)) return MISSING;
  if (fraction === 0) return '0%';
  if (fraction === 1) return '100%';
  const percent = fraction * 100;
  if (percent > 0 && percent < 0.05) return '<0.1%';
  if (percent < 100 && percent >= 99.95) return '>99.9%';
  return `${percent.toFixed(1)}%`;
}

/** CPU as percent of one core (may exceed 100): "85%". */
export function formatCpuPercent(percent: number | null | undefined): string {
  if (!isNumber(percent)) return MISSING;
  return `${Math.round(percent)}%`;
}

/** A ratio with two significant digits: "×1.8", "×0.45", "×12". */
export function formatRatio(ratio: number | null | undefined): string {
  if (!isNumber(ratio) || ratio < 0) return MISSING;
  if (ratio >= 9.95) return `×${Math.round(ratio)}`;
  if (ratio >= 0.995) return `×${ratio.toFixed(1)}`;
  return `×${ratio.toFixed(2)}`;
}

/**
 * Completions over the measured window as a rate, without unit. The one derived figure the terminal shows:
 * the report holds count and measuredSeconds, and this is their plain quotient (— for an empty window).
 */
export function formatThroughput(count: number, seconds: number): string {
  return seconds > 0 ? formatRate(count / seconds) : MISSING;
}

/** "1.2 MB", "340 kB", "512 B". */
export function formatBytes(bytes: number): string {
  if (bytes >= 1e9) return `${(bytes / 1e9).toFixed(1)} GB`;
  if (bytes >= 1e6) return `${(bytes / 1e6).toFixed(1)} MB`;
  if (bytes >= 1e3) return `${(bytes / 1e3).toFixed(0)} kB`;
  return `${bytes} B`;
}
