// Wording shared by the schema and the loader, so every problem reads the same way:
// "expected <what>, got <value>", "unknown key (did you mean …?)", "required key is missing (expected …)".
import { closest, distance } from 'fastest-levenshtein';

/** A YAML value as a student would recognise it in their file. */
export function describeValue(value: unknown): string {
  if (value === null || value === undefined) return 'nothing';
  if (typeof value === 'string') return JSON.stringify(value);
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  return String(value);
}

/** The closest candidate when it is plausibly a typo of word (case-insensitive), else null. */
export function didYouMean(word: string, candidates: readonly string[]): string | null {
  if (candidates.length === 0) return null;
  const lower = word.toLowerCase();
  const byLower = new Map(candidates.map((candidate) => [candidate.toLowerCase(), candidate]));
  const best = closest(lower, [...byLower.keys()]);
  // Up to a third of the word may differ (at least 2 edits): "arivalRate" → arrivalRate, "seed" ≠ "name".
  const tolerance = Math.max(2, Math.floor(word.length / 3));
  return distance(lower, best) <= tolerance ? (byLower.get(best) ?? null) : null;
}

function joinLast(values: readonly string[], word: string): string {
  if (values.length <= 1) return values.join('');
  return `${values.slice(0, -1).join(', ')} ${word} ${values.at(-1)}`;
}

/** "a, b or c" */
export function listOr(values: readonly string[]): string {
  return joinLast(values, 'or');
}

/** "a, b and c" */
export function listAnd(values: readonly string[]): string {
  return joinLast(values, 'and');
}

export function suggestion(word: string, candidates: readonly string[]): string {
  const guess = didYouMean(word, candidates);
  return guess === null ? '' : ` (did you mean "${guess}"?)`;
}

export function missingMessage(expected: string): string {
  return `required key is missing (expected ${expected})`;
}

export function expectedMessage(expected: string, value: unknown): string {
  return `expected ${expected}, got ${describeValue(value)}`;
}

export function unknownKeyMessage(key: string, allowed: readonly string[]): string {
  const guess = didYouMean(key, allowed);
  if (guess !== null) return `unknown key (did you mean "${guess}"?)`;
  return `unknown key; allowed here: ${allowed.join(', ')}`;
}
