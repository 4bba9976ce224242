// `polyglot-bench compare <a.json> <b.json> [more…] [--markdown]`: several saved runs side by side, each against
// the first, with the changes larger than the runs' own noise marked (docs/measurements.md, "Comparing runs").
import type { Command } from 'commander';
import { UserError } from '../errors.js';
import { compareRuns } from '../compare/compare-runs.js';
import { renderComparisonMarkdown } from '../compare/render-markdown.js';
import { renderComparison } from '../compare/render-terminal.js';
import { readJsonReport } from '../report/json.js';
import type { CommandContext } from './program.js';

export async function compareCommand(files: string[], flags: { markdown?: boolean }): Promise<number> {
  if (files.length < 2) throw new UserError('compare: expected at least two report files');
  const runs = [];
  for (const file of files) runs.push({ file, report: await readJsonReport(file) });
  const comparison = compareRuns(runs);
  process.stdout.write(flags.markdown ? renderComparisonMarkdown(comparison) : renderComparison(comparison));
  return 0;
}

export function registerCompare(program: Command, { setExit }: CommandContext): void {
  program
    .command('compare')
    .description('compare saved runs side by side: deltas against the first, and which exceed the noise')
    .argument('<reports...>', 'two or more JSON reports; the first is the reference')
    .option('--markdown', 'GitHub-flavoured Markdown, e.g. for a pull-request comment')
    .action(async (files: string[], flags: { markdown?: boolean }) =>
      setExit(await compareCommand(files, flags)),
    );
}
