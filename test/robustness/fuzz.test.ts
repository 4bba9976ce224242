// Property-based: whatever YAML or flags a user gives, the tool answers with success or one line and exit 2 — never
// a stack trace, never an internal error. Over parseScenario (arbitrary YAML, shipped scenarios mutated, huge and
// negative numbers, deep nesting) and over the CLI's flags through main().
import { readdirSync, readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { main } from '../../src/cli.js';
import { UserError } from '../../src/errors.js';
import { parseScenario } from '../../src/scenario/load.js';

const SHIPPED = readdirSync('scenarios')
  .filter((name) => name.endsWith('.yaml'))
  .map((name) => parse(readFileSync(`scenarios/${name}`, 'utf8')) as unknown);

/** Accepted, or refused with one line naming the file: anything else is a bug. */
function loadsOrRefuses(text: string): void {
  try {
    parseScenario(text, 'fuzz.yaml');
  } catch (error) {
    if (!(error instanceof UserError)) throw error;
    expect(error.message.split('\n')).toHaveLength(1);
    expect(error.message.startsWith('fuzz.yaml')).toBe(true);
  }
}

const weirdNumber = fc.oneof(
  fc.integer(),
  fc.double(),
  fc.constantFrom(0, -1, 1e308, -1e308, 2 ** 53, 1e21, Number.MAX_SAFE_INTEGER, 0.5),
);
const scalar = fc.oneof(
  weirdNumber,
  fc.string(),
  fc.boolean(),
  fc.constant(null),
  fc.constantFrom('1s', '-5s', '1e9h', '0ms'),
);
const value = fc.letrec((tie) => ({
  tree: fc.oneof(
    { depthSize: 'small' },
    scalar,
    fc.array(tie('tree'), { maxLength: 4 }),
    fc.dictionary(fc.string({ maxLength: 12 }), tie('tree'), { maxKeys: 4 }),
  ),
})).tree;

/** Every path of keys into a parsed document. */
function paths(node: unknown, prefix: Array<string | number> = []): Array<Array<string | number>> {
  if (node === null || typeof node !== 'object') return [prefix];
  const entries = Array.isArray(node) ? node.map((v, i) => [i, v] as const) : Object.entries(node);
  return [prefix, ...entries.flatMap(([key, child]) => paths(child, [...prefix, key]))];
}

function setAt(doc: unknown, path: Array<string | number>, replacement: unknown): unknown {
  if (path.length === 0) return replacement;
  const copy = structuredClone(doc) as Record<string | number, unknown>;
  let node = copy;
  for (const key of path.slice(0, -1)) node = node[key] as Record<string | number, unknown>;
  node[path[path.length - 1]!] = replacement;
  return copy;
}

describe('scenario loading never throws anything but a one-line user error', () => {
  it('on arbitrary text', () => {
    fc.assert(fc.property(fc.string({ maxLength: 300 }), loadsOrRefuses), { numRuns: 300 });
  });

  it('on arbitrary YAML values', () => {
    fc.assert(
      fc.property(value, (doc) => loadsOrRefuses(stringify(doc))),
      { numRuns: 300 },
    );
  });

  it('on shipped scenarios with one value replaced (huge, negative, wrong type, nested)', () => {
    const mutation = fc.integer({ min: 0, max: SHIPPED.length - 1 }).chain((index) => {
      const doc = SHIPPED[index];
      const all = paths(doc);
      return fc.tuple(fc.constant(doc), fc.constantFrom(...all), value);
    });
    fc.assert(
      fc.property(mutation, ([doc, path, replacement]) =>
        loadsOrRefuses(stringify(setAt(doc, path, replacement))),
      ),
      { numRuns: 400 },
    );
  });

  it('on deep nesting', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 2000 }), fc.constantFrom('[', '{a: '), (depth, open) => {
        const close = open === '[' ? ']' : '}';
        loadsOrRefuses(`name: deep\nload: ${open.repeat(depth)}1${close.repeat(depth)}\n`);
      }),
      { numRuns: 30 },
    );
  });
});

describe('the CLI answers any flags with success or one line and exit 2', () => {
  // Commands that would start a run are given a scenario that cannot run long: validate only, or a bad flag.
  const flag = fc.oneof(
    fc.constantFrom(
      '--duration',
      '--warmup',
      '--seed',
      '--layouts',
      '--stores',
      '--namespace',
      '--out',
      '--provision',
      '--bogus',
      '-x',
      '--',
    ),
    fc.string({ maxLength: 8 }),
  );
  const flagValue = fc.oneof(
    fc.constantFrom(
      '0s',
      '1ms',
      '-1',
      '1e400',
      'NaN',
      '',
      'polyglot',
      'BAD NAME',
      '999999999999999999999',
      '../x',
    ),
    fc.string({ maxLength: 10 }),
  );

  it('for validate', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.tuple(flag, flagValue), { maxLength: 3 }), async (pairs) => {
        const argv = ['node', 'polyglot-bench', 'validate', 'scenarios/quickstart.yaml', ...pairs.flat()];
        const { code, stderr } = await captured(() => main(argv));
        expect([0, 2]).toContain(code);
        expect(stderr).not.toMatch(/internal error|\n\s+at /);
      }),
      { numRuns: 150 },
    );
  });

  it('for run, with every flag refused before any store opens', async () => {
    // A duration under a second is refused first, so whatever else comes, no run starts.
    await fc.assert(
      fc.asyncProperty(fc.array(fc.tuple(flag, flagValue), { maxLength: 3 }), async (pairs) => {
        const argv = [
          'node',
          'polyglot-bench',
          'run',
          'scenarios/quickstart.yaml',
          ...pairs.flat(),
          '--duration',
          '1ms',
        ];
        const { code, stderr } = await captured(() => main(argv));
        // 0 only for --version/--help, which print and start nothing.
        expect([0, 2]).toContain(code);
        expect(stderr.trim().split('\n').length).toBeLessThanOrEqual(2);
        expect(stderr).not.toMatch(/internal error|\n\s+at /);
      }),
      { numRuns: 150 },
    );
  });
});

async function captured(fn: () => Promise<number>): Promise<{ code: number; stderr: string }> {
  let stderr = '';
  const writeErr = process.stderr.write.bind(process.stderr);
  const writeOut = process.stdout.write.bind(process.stdout);
  process.stderr.write = ((chunk: string) =>
    (stderr += String(chunk)).length > 0) as typeof process.stderr.write;
  process.stdout.write = (() => true) as typeof process.stdout.write;
  try {
    return { code: await fn(), stderr };
  } finally {
    process.stderr.write = writeErr;
    process.stdout.write = writeOut;
  }
}
