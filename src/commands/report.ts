// `polyglot-bench report <file.json> [--html] [--details]`: re-render a saved report — the one-screen summary, or
// every table with --details — and with --html write the HTML report beside it (same name, .html). A report of
// another schema version is refused in one line (src/report/json.ts), exit 2.
import { writeFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { renderHtmlReport } from '../report/html/render-html.js';
import { readJsonReport } from '../report/json.js';
import type { CommandContext } from './program.js';
import { renderRun } from './run.js';

interface ReportFlags {
  html?: boolean;
  details?: boolean;
}

/** report.json → report.html (anything else gets .html appended). */
export function htmlPathBeside(jsonPath: string): string {
  return /\.json$/i.test(jsonPath) ? jsonPath.replace(/\.json$/i, '.html') : `${jsonPath}.html`;
}

export async function reportCommand(file: string, flags: ReportFlags): Promise<number> {
  const report = await readJsonReport(file);
  const files = [file];
  if (flags.html) {
    const html = htmlPathBeside(file);
    await writeFile(html, await renderHtmlReport(report), 'utf8');
    files.push(html);
  }
  process.stdout.write(
    renderRun(report, {
      details: flags.details === true,
      color: process.stdout.isTTY === true,
      files,
      // Re-rendering judges nothing anew: the verdict is shown as the run recorded it.
      verdictEffect: 'recorded',
    }),
  );
  return 0;
}

export function registerReport(program: Command, { setExit }: CommandContext): void {
  program
    .command('report')
    .description('re-render a saved JSON report: the summary, every table (--details), or the HTML page')
    .argument('<file.json>', 'a report written by run, e.g. reports/quickstart-20261124T153000Z.json')
    .option('--details', 'every table instead of the summary')
    .option('--html', 'also write the HTML report beside the JSON (same name, .html)')
    .action(async (file: string, flags: ReportFlags) => setExit(await reportCommand(file, flags)));
}
