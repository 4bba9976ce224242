// `polyglot-bench merge <reports…>`: the shard reports of one run (`run --shard i/N`) as one report, percentiles
// from the merged histograms (src/merge/merge-reports.ts). Shards of different runs, or a missing or duplicated
// shard: one line, exit 2.
import { readFile } from 'node:fs/promises';
import { Option, type Command } from 'commander';
import { UserError, errorMessage } from '../errors.js';
import { initHistograms } from '../metrics/histogram.js';
import type { Report } from '../metrics/types.js';
import { mergeReports } from '../merge/merge-reports.js';
import type { Threshold } from '../verdict/threshold.js';
import { evaluateVerdict } from '../verdict/evaluate.js';
import { runExitCode } from '../verdict/exit-code.js';
import type { CommandContext } from './program.js';
import { renderRun } from './run.js';
import { checkOutDir, saveReport } from './run-output.js';

async function readReport(file: string): Promise<Report> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new UserError(
      `merge: cannot read ${file} (${(error as NodeJS.ErrnoException).code ?? errorMessage(error)})`,
    );
  }
  try {
    return JSON.parse(text) as Report;
  } catch {
    throw new UserError(`merge: ${file} is not JSON`);
  }
}

export async function mergeCommand(
  files: string[],
  flags: { out: string; thresholds?: boolean; details?: boolean },
): Promise<number> {
  const status = (line: string) => process.stderr.write(`${line}\n`);
  await checkOutDir(flags.out);
  const inputs = await Promise.all(files.map(async (file) => ({ file, report: await readReport(file) })));
  await initHistograms();
  const report = mergeReports(inputs);
  const config = report.scenario.config as { thresholds?: Threshold[] } | null;
  report.verdict = evaluateVerdict(report, config?.thresholds ?? []);
  status(
    `merged ${inputs.length} shards (scenario ${report.merge?.scenarioHash}, seed ${report.scenario.seed})`,
  );
  for (const shard of report.merge?.shards ?? []) {
    const offsets = shard.layouts.map(
      (l) =>
        `${l.layout} started ${l.startedAt}${l.clockOffsetMs === null ? '' : ` (offset ${l.clockOffsetMs} ms)`}`,
    );
    status(`  shard ${shard.index}: ${shard.file}: ${offsets.join('; ')}`);
  }
  // What was added exactly and what is unknown: said where the user looks, and kept in the JSON (merge.notes).
  for (const note of report.merge?.notes ?? []) status(`  note: ${note}`);
  const saved = await saveReport(report, flags.out, status);
  process.stdout.write(
    renderRun(report, {
      details: flags.details === true,
      color: process.stdout.isTTY === true,
      files: saved,
      verdictEffect: flags.thresholds === false ? 'ignored' : 'enforced',
    }),
  );
  return runExitCode(report.interrupted, report.verdict, flags.thresholds !== false, report.failedLayouts);
}

export function registerMerge(program: Command, { setExit }: CommandContext): void {
  program
    .command('merge')
    .description('merge the shard reports of one run (run --shard i/N) into one report, percentiles exact')
    .argument('<reports...>', 'the shard reports (JSON), every index of the run exactly once')
    .addOption(new Option('--out <dir>', 'directory for the merged report').default('reports'))
    .option('--details', 'print every table instead of the summary')
    .option('--no-thresholds', "judge and print the scenario's thresholds, but never fail on them (exit 0)")
    .action(async (files: string[], flags: { out: string; thresholds?: boolean; details?: boolean }) =>
      setExit(await mergeCommand(files, flags)),
    );
}
