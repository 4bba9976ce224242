// Every scenario the documentation shows must load as written: readers copy these blocks into a file and run
// `validate` on them, so a renamed key in the schema has to be renamed in the docs too.
import { readdir, readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { parseScenario } from '../../src/scenario/index.js';

/** A ```yaml block with a top-level scenario section is a scenario; other YAML (compose files, …) is not. */
const SCENARIO_SECTION = /^(layouts|stores|load):/m;

interface Example {
  file: string;
  /** Line of the block's first line in the file. */
  line: number;
  /** Blank lines stand in for the prose above, so the loader's line numbers are the file's. */
  text: string;
}

function yamlBlocks(file: string, markdown: string): Example[] {
  const examples: Example[] = [];
  const lines = markdown.split('\n');
  for (let i = 0; i < lines.length; i++) {
    if (lines[i]!.trim() !== '```yaml') continue;
    const start = i + 1;
    let end = start;
    while (end < lines.length && lines[end]!.trim() !== '```') end++;
    const text = '\n'.repeat(start) + lines.slice(start, end).join('\n');
    examples.push({ file, line: start + 1, text });
    i = end;
  }
  return examples;
}

const docs = (await readdir('docs')).filter((file) => file.endsWith('.md')).sort();
const examples: Example[] = [];
for (const doc of docs) {
  const file = `docs/${doc}`;
  examples.push(
    ...yamlBlocks(file, await readFile(file, 'utf8')).filter((e) => SCENARIO_SECTION.test(e.text)),
  );
}

describe('scenarios in docs/*.md', () => {
  it('include the Neptune example', () => {
    expect(examples.map((example) => example.file)).toContain('docs/neptune.md');
  });

  it.each(examples.map((example) => [`${example.file}:${example.line}`, example] as const))(
    'the block at %s loads',
    (_at, example) => {
      expect(() => parseScenario(example.text, example.file)).not.toThrow();
    },
  );
});
