// `polyglot-bench compare <a.json> <b.json> [more…] [--markdown]`: several saved runs side by side, each against
// the first, with the changes larger than the runs' own noise marked (docs/measurements.md, "Comparing runs").
import type { Command } from 'commander';
import { writeFile } from 'node:fs/promises';
import { errorMessage, UserError } from '../errors.js';
import { compareRuns } from '../compare/compare-runs.js';
import { renderComparisonHtml } from '../compare/render-html.js';
import { renderComparisonMarkdown } from '../compare/render-markdown.js';
import { renderComparison } from '../compare/render-terminal.js';
import { readJsonReport } from '../report/json.js';
import type { CommandContext } from './program.js';

interface CompareFlags {
  markdown?: boolean;
  html?: string;
}

export async function compareCommand(files: string[], flags: CompareFlags): Promise<number> {
  if (files.length < 2) throw new UserError('compare: expected at least two report files');
  const runs = [];
  for (const file of files) runs.push({ file, report: await readJsonReport(file) });
  const comparison = compareRuns(runs);
  process.stdout.write(flags.markdown ? renderComparisonMarkdown(comparison) : renderComparison(comparison));
  if (flags.html) {
    await writeNewFile(flags.html, await renderComparisonHtml(comparison));
    process.stdout.write(`comparison: ${flags.html}\n`);
  }
  return 0;
}

/** Never over what is there: the user's file stays theirs. */
async function writeNewFile(path: string, text: string): Promise<void> {
  try {
    await writeFile(path, text, { flag: 'wx' });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') throw new UserError(`compare --html: ${path} already exists; not overwriting it`);
    throw new UserError(`compare --html: cannot write ${path} (${errorMessage(error)})`);
  }
}

export function registerCompare(program: Command, { setExit }: CommandContext): void {
  program
    .command('compare')
    .description('compare saved runs side by side: deltas against the first, and which exceed the noise')
    .argument('<reports...>', 'two or more JSON reports; the first is the reference')
    .option('--markdown', 'GitHub-flavoured Markdown, e.g. for a pull-request comment')
    .option('--html <file>', 'also write the comparison as a self-contained HTML page (a new file)')
    .action(async (files: string[], flags: CompareFlags) => setExit(await compareCommand(files, flags)));
}
