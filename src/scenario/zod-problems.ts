// zod issues → Problems. Most messages were worded by the schema (fields.ts); this file fixes up paths
// (an unknown key points at the key) and unwraps unions to the branch the user evidently meant.
import type { z } from 'zod';
import { expectedMessage, missingMessage } from './messages.js';
import type { PathSegment, Problem } from './problem.js';

type Issue = z.core.$ZodIssue;

function toPath(path: readonly PropertyKey[]): PathSegment[] {
  return path.map((segment) => (typeof segment === 'number' ? segment : String(segment)));
}

/**
 * A branch "does not apply" when it rejected the value's type at its root (a mapping given to the name branch
 * of `layouts: [baseline, {name, roles}]`). If exactly one branch applies, its issues are the real story.
 */
function appliesTo(branch: readonly Issue[]): boolean {
  return !branch.some(
    (issue) => issue.path.length === 0 && (issue.code === 'invalid_type' || issue.code === 'invalid_value'),
  );
}

function fromIssue(issue: Issue, prefix: PathSegment[]): Problem[] {
  const path = [...prefix, ...toPath(issue.path)];
  if (issue.code === 'unrecognized_keys') {
    // zod lists unknown keys in document order; the schema's message is about the first.
    return [{ path: [...path, issue.keys[0] ?? ''], message: issue.message, unknownKey: true }];
  }
  if (issue.code === 'invalid_union') {
    const applicable = issue.errors.filter(appliesTo);
    const [only] = applicable;
    if (applicable.length === 1 && only) return only.flatMap((inner) => fromIssue(inner, path));
  }
  return [{ path, message: issue.message }];
}

export function problemsFromIssues(issues: readonly Issue[]): Problem[] {
  return issues.flatMap((issue) => fromIssue(issue, []));
}

const TYPE_WORDS: Record<string, string> = {
  object: 'a mapping',
  array: 'a list',
  record: 'a mapping',
  string: 'a text',
  number: 'a number',
  int: 'a whole number',
  boolean: 'true or false',
};

/** For the few issues the schema does not word itself (zod's defaults name JavaScript types). */
export function fallbackMessage(issue: z.core.$ZodRawIssue): string | undefined {
  if (issue.code !== 'invalid_type') return undefined;
  const expected = TYPE_WORDS[issue.expected] ?? issue.expected;
  return issue.input === undefined ? missingMessage(expected) : expectedMessage(expected, issue.input);
}
