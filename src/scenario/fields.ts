// Building blocks for the scenario schema. Each one carries its own wording of what it expects, so a bad value
// anywhere in the file reads "expected a number ≥ 0, got "fast"" rather than zod's generic text.
import { z } from 'zod';
import { DURATION_FORMS, durationToMs, formatDuration } from './duration.js';
import { expectedMessage, listOr, missingMessage, suggestion, unknownKeyMessage } from './messages.js';

type Issue = z.core.$ZodRawIssue;

/** An error function for a value that should be `expected`: missing → "required key is missing". */
export function expecting(expected: string): (issue: Issue) => string {
  return (issue) =>
    issue.input === undefined ? missingMessage(expected) : expectedMessage(expected, issue.input);
}

export interface NumberBounds {
  min?: number;
  max?: number;
  /** Strictly above 0 (for things like intervals where 0 would spin). */
  positive?: boolean;
  whole?: boolean;
}

function describeNumber({ min, max, positive, whole }: NumberBounds): string {
  const kind = whole ? 'a whole number' : 'a number';
  if (min !== undefined && max !== undefined) return `${kind} between ${min} and ${max}`;
  if (positive) return `${kind} > 0`;
  if (min !== undefined) return `${kind} ≥ ${min}`;
  if (max !== undefined) return `${kind} ≤ ${max}`;
  return kind;
}

export function number(bounds: NumberBounds = {}): z.ZodNumber {
  const error = expecting(describeNumber(bounds));
  let schema = z.number({ error });
  if (bounds.whole) schema = schema.int({ error });
  if (bounds.positive) schema = schema.positive({ error });
  if (bounds.min !== undefined) schema = schema.min(bounds.min, { error });
  if (bounds.max !== undefined) schema = schema.max(bounds.max, { error });
  return schema;
}

export function text(expected = 'a text'): z.ZodString {
  return z.string({ error: expecting(expected) });
}

const SLUG = /^[a-z0-9-]+$/;
export const SLUG_FORMS = 'a name of lowercase letters, digits and dashes';

/** Names that end up in file names and on the command line. */
export function slug(expected = SLUG_FORMS): z.ZodString {
  const error = expecting(expected);
  return z.string({ error }).regex(SLUG, { error });
}

/** One of a fixed set of words, with a did-you-mean for near misses ("Poisson", "closd"). */
export function oneOf<const T extends readonly [string, ...string[]]>(values: T) {
  // "uniform or poisson", "one of pglite, duckdb, kuzu"
  const expected = values.length <= 2 ? listOr(values) : `one of ${values.join(', ')}`;
  return z.enum(values, {
    error: (issue) => {
      const { input } = issue;
      if (input === undefined) return missingMessage(expected);
      return expectedMessage(expected, input) + (typeof input === 'string' ? suggestion(input, values) : '');
    },
  });
}

/** A duration in the file ("10s", 30), milliseconds after parsing. */
export function duration(options: { positive?: boolean } = {}) {
  const expected = options.positive ? DURATION_FORMS.replace('a duration', 'a duration > 0') : DURATION_FORMS;
  const error = expecting(expected);
  return z
    .custom<string | number>((value) => typeof value === 'string' || typeof value === 'number', { error })
    .transform((value, ctx) => {
      const ms = durationToMs(value);
      if (ms === null || (options.positive && ms === 0)) {
        ctx.issues.push({ code: 'custom', input: value, message: expectedMessage(expected, value) });
        return z.NEVER;
      }
      return ms;
    });
}

export interface StrictOptions {
  /** What the mapping is, for "expected …, got a list". */
  expected?: string;
  /** Messages for keys that belong elsewhere (rampTo in a closed phase): clearer than a did-you-mean. */
  hints?: Record<string, string>;
}

/**
 * A mapping that rejects unknown keys. zod lists unknown keys in input order, which is document order, so the
 * message names the first one; the loader points at that key.
 */
export function strict<Shape extends z.core.$ZodLooseShape>(shape: Shape, options: StrictOptions = {}) {
  const allowed = Object.keys(shape);
  const typeError = expecting(options.expected ?? 'a mapping');
  return z.strictObject(shape, {
    error: (issue) => {
      if (issue.code !== 'unrecognized_keys') return typeError(issue);
      const key = issue.keys[0] ?? '';
      return options.hints?.[key] ?? unknownKeyMessage(key, allowed);
    },
  });
}

/** {min, max} with defaults and min ≤ max. `item` parses one bound. */
export function range<Item extends z.ZodType<number>>(
  item: Item,
  defaults: { min: z.input<Item>; max: z.input<Item> },
  show: (value: number) => string = String,
) {
  return strict(
    { min: item.prefault(defaults.min), max: item.prefault(defaults.max) },
    { expected: 'a mapping with min and max' },
  )
    .superRefine((bounds, ctx) => {
      if (bounds.min > bounds.max) {
        ctx.addIssue({
          code: 'custom',
          input: bounds,
          message: `expected min ≤ max, got min ${show(bounds.min)} and max ${show(bounds.max)}`,
        });
      }
    })
    .prefault({});
}

export function durationRange(defaults: { min: string; max: string }) {
  return range(duration(), defaults, formatDuration);
}
