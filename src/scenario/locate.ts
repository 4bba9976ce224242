// Problem path → line:column in the YAML source, from the document's node ranges (offsets) and a LineCounter.
import { isAlias, isMap, isScalar, isSeq, type Document, type LineCounter, type Node, type Pair } from 'yaml';
import type { PathSegment, Problem } from './problem.js';

export interface Location {
  line: number;
  column: number;
  /** Sort key for "first problem in document order". */
  order: number;
}

interface Step {
  node: Node | null;
  /** The map entry holding node, when reached through a key. */
  pair: Pair<unknown, unknown> | null;
}

function childOf(parent: Node | null, segment: PathSegment, doc: Document): Step | undefined {
  const node = isAlias(parent) ? (parent.resolve(doc) ?? null) : parent;
  if (isMap(node)) {
    // Compare as text: YAML `1:` is a number key, but zod paths through records are strings.
    const pair = node.items.find((item) => isScalar(item.key) && String(item.key.value) === String(segment));
    return pair ? { node: (pair.value as Node | null) ?? null, pair } : undefined;
  }
  if (isSeq(node) && typeof segment === 'number') {
    const item = node.items[segment] as Node | undefined;
    return item === undefined ? undefined : { node: item, pair: null };
  }
  return undefined;
}

/** The nodes along path, as far as they exist in the document. */
function walk(doc: Document, path: readonly PathSegment[]): Step[] {
  const steps: Step[] = [{ node: (doc.contents as Node | null) ?? null, pair: null }];
  for (const segment of path) {
    const next = childOf(steps.at(-1)?.node ?? null, segment, doc);
    if (!next) break;
    steps.push(next);
  }
  return steps;
}

function startOf(step: Step): number | null {
  const { node, pair } = step;
  // `load:` with nothing after it: the empty value sits at the next line; the key is what the user sees.
  const empty = node === null || (isScalar(node) && !!node.range && node.range[0] === node.range[1]);
  if (empty && pair && isScalar(pair.key) && pair.key.range) return pair.key.range[0];
  return node?.range?.[0] ?? null;
}

export function locate(doc: Document, lineCounter: LineCounter, problem: Problem): Location {
  const steps = walk(doc, problem.path);
  const found = steps.length === problem.path.length + 1;
  const last = steps.at(-1) ?? { node: null, pair: null };
  let offset: number;
  let order: number;
  if (found && problem.unknownKey && last.pair && isScalar(last.pair.key) && last.pair.key.range) {
    offset = order = last.pair.key.range[0];
  } else if (found) {
    offset = order = startOf(last) ?? 0;
  } else {
    // A missing key: point at the mapping that should hold it, but order it after that mapping's own content,
    // so a misspelt key inside ("laod:") is reported before the "load is missing" it causes.
    offset = startOf(last) ?? 0;
    order = last.node?.range?.[1] ?? offset;
  }
  const { line, col } = lineCounter.linePos(offset);
  return { line, column: col, order };
}
