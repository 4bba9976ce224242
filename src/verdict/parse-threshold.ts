// Parsing one threshold: its key (which figure) and its expression (what the figure must satisfy). Pure, and
// worded for the scenario loader: an error is the text after "<file>:<line>:<column>: <path>: ".
import { T_VISIBILITY_THRESHOLDS_MS } from '../metrics/visibility.js';
import { durationToMs } from '../scenario/duration.js';
import { listOr, suggestion } from '../scenario/messages.js';
import {
  COMPARATORS,
  DERIVED_ROLES,
  LATENCY_STATS,
  type Comparator,
  type LatencyStat,
  type ThresholdCondition,
  type ThresholdMetric,
} from './threshold.js';

export type Parsed<T> = { ok: true; value: T } | { ok: false; message: string };

const ok = <T>(value: T): Parsed<T> => ({ ok: true, value });
const fail = <T>(message: string): Parsed<T> => ({ ok: false, message });

/** The reads docs/measurements.md checks for read-your-writes: "my orders" and "also bought" after a checkout. */
export const READ_YOUR_WRITES_OPERATIONS = ['my-orders', 'also-bought'] as const;

export const KEY_FORMS =
  'an operation name, lag.<role>, lag.<role>.visible, visible.<role>, read-your-writes, errors, dropped, ' +
  'footprint.roundTrips.<operation> or invariants';

function roleOf(word: string, key: string): Parsed<(typeof DERIVED_ROLES)[number]> {
  const role = DERIVED_ROLES.find((candidate) => candidate === word);
  if (role) return ok(role);
  return fail(
    `unknown derived store "${word}" in ${key}${suggestion(word, DERIVED_ROLES)}; expected ` +
      `${listOr(DERIVED_ROLES)} (the roles a checkout propagates to)`,
  );
}

function operationOf(word: string, operations: readonly string[], what = 'operation'): Parsed<string> {
  if (operations.includes(word)) return ok(word);
  return fail(
    `unknown ${what} "${word}"${suggestion(word, operations)}; expected one of ${operations.join(', ')}`,
  );
}

/** `operations` is every operation name a run can report (shopper steps and analysts' queries). */
export function parseThresholdKey(key: string, operations: readonly string[]): Parsed<ThresholdMetric> {
  const [head = '', ...rest] = key.split('.');
  const tail = rest.join('.');
  if (key === 'invariants') return ok({ kind: 'invariants' });
  if (key === 'dropped') return ok({ kind: 'dropped' });
  if (head === 'errors') {
    if (rest.length === 0) return ok({ kind: 'errors', operation: null });
    const operation = operationOf(tail, operations);
    return operation.ok ? ok({ kind: 'errors', operation: operation.value }) : operation;
  }
  if (head === 'read-your-writes') {
    if (rest.length === 0) return ok({ kind: 'read-your-writes', operation: null });
    const operation = operationOf(tail, READ_YOUR_WRITES_OPERATIONS, 'read-your-writes read');
    return operation.ok ? ok({ kind: 'read-your-writes', operation: operation.value }) : operation;
  }
  if (head === 'lag') {
    const [roleWord = '', which = 'apply', ...extra] = rest;
    if (rest.length === 0 || extra.length > 0 || (which !== 'apply' && which !== 'visible'))
      return fail(`expected lag.<role>, lag.<role>.apply or lag.<role>.visible, got "${key}"`);
    const role = roleOf(roleWord, key);
    return role.ok ? ok({ kind: 'lag', role: role.value, lag: which }) : role;
  }
  if (head === 'footprint') {
    const [what = '', ...opWords] = rest;
    if (what !== 'roundTrips' || opWords.length === 0)
      return fail(`expected footprint.roundTrips.<operation>, got "${key}"`);
    const operation = operationOf(opWords.join('.'), operations);
    return operation.ok ? ok({ kind: 'round-trips', operation: operation.value }) : operation;
  }
  if (head === 'visible') {
    if (rest.length !== 1) return fail(`expected visible.<role>, got "${key}"`);
    const role = roleOf(tail, key);
    return role.ok ? ok({ kind: 'visibility', role: role.value }) : role;
  }
  if (operations.includes(key)) return ok({ kind: 'operation', operation: key });
  return fail(
    `unknown threshold "${key}"${suggestion(key, [...operations, 'invariants'])}; expected ${KEY_FORMS}`,
  );
}

interface Comparison {
  left: string;
  comparator: Comparator;
  right: string;
}

function splitComparison(expression: string): Comparison | null {
  for (const comparator of COMPARATORS) {
    const at = expression.indexOf(comparator);
    if (at > 0) {
      return {
        left: expression.slice(0, at).trim(),
        comparator,
        right: expression.slice(at + comparator.length).trim(),
      };
    }
  }
  return null;
}

// k6 spells them avg, med and p(95); the report's own names are mean, p50 and p95. Both are accepted.
const STAT_ALIASES: Record<string, LatencyStat> = {
  avg: 'mean',
  med: 'p50',
  'p99.9': 'p999',
  'p(50)': 'p50',
  'p(90)': 'p90',
  'p(95)': 'p95',
  'p(99)': 'p99',
  'p(99.9)': 'p999',
};

function latencyStat(word: string): LatencyStat | null {
  const stat = LATENCY_STATS.find((candidate) => candidate === word);
  return stat ?? STAT_ALIASES[word] ?? null;
}

/** A threshold latency needs a unit: k6's `p(95) < 200` means milliseconds, a scenario's bare 200 seconds. */
function durationWithUnit(text: string): number | null {
  if (!/(ms|s|m|h)$/.test(text)) return null;
  const ms = durationToMs(text);
  return ms === null ? null : ms * 1000;
}

/** "95%" → 0.95; a bare fraction 0..1 ("0.95", k6's rate) when allowFraction. */
function share(text: string, allowFraction: boolean): number | null {
  const percent = /^(\d+(?:\.\d+)?)%$/.exec(text);
  if (percent) {
    const value = Number(percent[1]) / 100;
    return value <= 1 ? value : null;
  }
  if (!allowFraction || !/^(\d+(?:\.\d+)?|\.\d+)$/.test(text)) return null;
  const value = Number(text);
  return value <= 1 ? value : null;
}

function wholeCount(text: string): number | null {
  return /^\d+$/.test(text) ? Number(text) : null;
}

const LATENCY_FORM =
  'a latency threshold like "p99 < 250ms" (min, mean, p50, p90, p95, p99, p99.9 or max; <, <=, > or >=; a ' +
  'duration with its unit)';
const WITHIN_FORM = `a threshold like "within(100ms) > 95%" (t one of ${T_VISIBILITY_THRESHOLDS_MS.map((ms) => (ms >= 1000 ? `${ms / 1000}s` : `${ms}ms`)).join(', ')})`;
const MISSED_FORM = 'a threshold like "missed < 1%" (a percent of the reads checked, or a count)';
const RATE_FORM = 'a threshold like "rate < 0.5%" (a percent or a fraction 0..1) or "count < 10"';

function latencyCondition(comparison: Comparison | null): ThresholdCondition | null {
  if (!comparison) return null;
  const stat = latencyStat(comparison.left);
  const us = durationWithUnit(comparison.right);
  if (stat === null || us === null) return null;
  return { kind: 'latency', stat, comparator: comparison.comparator, us };
}

function withinCondition(comparison: Comparison | null): ThresholdCondition | null {
  const match = comparison ? /^within\((.+)\)$/.exec(comparison.left) : null;
  if (!comparison || !match) return null;
  const us = durationWithUnit((match[1] ?? '').trim());
  const fraction = share(comparison.right, true);
  if (us === null || fraction === null || !T_VISIBILITY_THRESHOLDS_MS.includes(us / 1000)) return null;
  return { kind: 'within', withinMs: us / 1000, comparator: comparison.comparator, fraction };
}

function missedCondition(comparison: Comparison | null): ThresholdCondition | null {
  if (!comparison || comparison.left !== 'missed') return null;
  const fraction = share(comparison.right, false);
  if (fraction !== null) return { kind: 'rate', comparator: comparison.comparator, fraction };
  const count = wholeCount(comparison.right);
  return count === null ? null : { kind: 'count', comparator: comparison.comparator, count };
}

function rateCondition(comparison: Comparison | null): ThresholdCondition | null {
  if (!comparison) return null;
  if (comparison.left === 'rate') {
    const fraction = share(comparison.right, true);
    return fraction === null ? null : { kind: 'rate', comparator: comparison.comparator, fraction };
  }
  if (comparison.left === 'count') {
    const count = wholeCount(comparison.right);
    return count === null ? null : { kind: 'count', comparator: comparison.comparator, count };
  }
  return null;
}

const CALLS_FORM = 'a threshold like "mean < 6" (mean, p50, p99 or max store calls per execution)';

function callsCondition(comparison: Comparison | null): ThresholdCondition | null {
  if (!comparison) return null;
  const stat = (['mean', 'p50', 'p99', 'max'] as const).find((s) => s === comparison.left);
  const count = /^\d+(?:\.\d+)?$/.test(comparison.right) ? Number(comparison.right) : null;
  if (!stat || count === null) return null;
  return { kind: 'calls', stat, comparator: comparison.comparator, count };
}

export function parseThresholdExpression(
  metric: ThresholdMetric,
  expression: string,
): Parsed<ThresholdCondition> {
  const text = expression.trim();
  const comparison = splitComparison(text);
  const [condition, form] = ((): [ThresholdCondition | null, string] => {
    switch (metric.kind) {
      case 'operation':
      case 'lag':
        return [latencyCondition(comparison), LATENCY_FORM];
      case 'visibility':
        return [withinCondition(comparison), WITHIN_FORM];
      case 'read-your-writes':
        return [missedCondition(comparison), MISSED_FORM];
      case 'errors':
      case 'dropped':
        return [rateCondition(comparison), RATE_FORM];
      case 'round-trips':
        return [callsCondition(comparison), CALLS_FORM];
      case 'invariants':
        return [text === 'ok' ? { kind: 'ok' } : null, '"ok" (every invariant holds)'];
    }
  })();
  return condition ? ok(condition) : fail(`expected ${form}, got ${JSON.stringify(expression)}`);
}
