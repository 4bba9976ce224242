// Reading a scenario file: YAML → schema → cross-section checks → Scenario. Anything wrong becomes one
// UserError line, "<file>:<line>:<column>: <field path>: <what was expected>", for the first problem in
// document order (later problems are often consequences of the first).
import { readFile } from 'node:fs/promises';
import { LineCounter, parseDocument, visit, type Document } from 'yaml';
import { UserError } from '../errors.js';
import type { Scenario } from './types.js';
import { scenarioSchema } from './schema.js';
import { referenceProblems } from './references.js';
import { fallbackMessage, problemsFromIssues } from './zod-problems.js';
import { locate } from './locate.js';
import { formatPath, type Problem } from './problem.js';

function firstLine(message: string): string {
  return message.split('\n', 1)[0] ?? message;
}

function syntaxError(doc: Document, lineCounter: LineCounter, file: string): UserError | null {
  const [first] = [...doc.errors].sort((a, b) => a.pos[0] - b.pos[0]);
  if (!first) return null;
  const { line, col } = lineCounter.linePos(first.pos[0]);
  return new UserError(`${file}:${line}:${col}: YAML syntax error: ${firstLine(first.message)}`);
}

function firstProblem(
  problems: Problem[],
  doc: Document,
  lineCounter: LineCounter,
  file: string,
): UserError | null {
  const located = problems.map((problem) => ({ problem, at: locate(doc, lineCounter, problem) }));
  // A misspelt key comes first: the problems after it (a key "missing", a mapping incomplete) are its effects.
  // Otherwise document order; a stable sort keeps problems at the same place in the schema's order.
  const typoFirst = (p: Problem) => (p.unknownKey ? 0 : 1);
  located.sort((a, b) => typoFirst(a.problem) - typoFirst(b.problem) || a.at.order - b.at.order);
  if (!located[0]) return null;
  const { problem, at } = located[0];
  return new UserError(`${file}:${at.line}:${at.column}: ${formatPath(problem.path)}: ${problem.message}`);
}

function unresolvedAliasOffset(doc: Document): number | null {
  let offset: number | null = null;
  visit(doc, {
    Alias(_, alias) {
      if (alias.resolve(doc) !== undefined) return undefined;
      offset = alias.range?.[0] ?? null;
      return visit.BREAK;
    },
  });
  return offset;
}

/** `file` is only used in messages, exactly as given. */
export function parseScenario(text: string, file: string): Scenario {
  const lineCounter = new LineCounter();
  // merge: `<<: *base` lets phases and layouts share settings, as in Artillery and compose files.
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, merge: true });
  const syntax = syntaxError(doc, lineCounter, file);
  if (syntax) throw syntax;
  let input: unknown;
  try {
    input = doc.toJS({ maxAliasCount: 1000 });
  } catch (error) {
    // Alias trouble (an alias to nothing, a billion-laughs bomb) surfaces here rather than in doc.errors.
    const { line, col } = lineCounter.linePos(unresolvedAliasOffset(doc) ?? 0);
    const message = firstLine(error instanceof Error ? error.message : String(error));
    throw new UserError(`${file}:${line}:${col}: YAML error: ${message}`);
  }
  const result = scenarioSchema.safeParse(input, { error: fallbackMessage });
  // Cross-section checks need every section parsed, so they only run once the schema is satisfied.
  const problems = result.success ? referenceProblems(result.data) : problemsFromIssues(result.error.issues);
  const first = firstProblem(problems, doc, lineCounter, file);
  if (first) throw first;
  // Every zod issue yields a problem, so this only guards the types.
  if (!result.success) throw new UserError(`${file}: not a valid scenario`);
  return result.data;
}

export async function loadScenario(file: string): Promise<Scenario> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new UserError(`${file}: no such file`);
    if (code === 'EISDIR') throw new UserError(`${file}: is a directory, expected a scenario .yaml file`);
    throw new UserError(`${file}: cannot read the file (${code ?? String(error)})`);
  }
  return parseScenario(text, file);
}
