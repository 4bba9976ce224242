// `polyglot-bench run`: provision the stores, check they answer, run every layout, print and save the report.
// Ctrl-C (or SIGTERM, what Kubernetes and CI send) stops the load and still writes the report for what was
// measured; a second one quits at once.
import { Option, type Command } from 'commander';
import { writeReportFiles } from '../report/write-reports.js';
import { durationOption, seedOption } from './options.js';
import { presetOf, storesOptions, type CommandContext } from './program.js';
import { createProgress } from '../report/progress.js';
import { renderTerminal } from '../report/terminal.js';
import { checkPropagation } from '../provision/check-propagation.js';
import { preflight } from '../provision/check-stores.js';
import { isEmbeddedKind, type StoresPreset } from '../provision/plan.js';
import { provideStores } from '../provision/provide.js';
import { runScenario } from '../runner/run-scenario.js';
import { loadScenario } from '../scenario/load.js';
import { applyOverrides } from '../scenario/overrides.js';
import { describeScenario } from './describe.js';

export const EXIT_INTERRUPTED = 130;

export interface RunFlags {
  layouts?: string;
  duration?: number;
  warmup?: number;
  seed?: number;
  out: string;
  progress: boolean;
  stores: StoresPreset;
}

export async function runCommand(file: string, flags: RunFlags, tool: { name: string; version: string }) {
  const scenario = applyOverrides(await loadScenario(file), {
    layouts: flags.layouts?.split(',').map((name) => name.trim()),
    durationMs: flags.duration,
    warmupMs: flags.warmup,
    seed: flags.seed,
  });
  const status = (line: string) => process.stderr.write(`${line}\n`);
  const controller = new AbortController();
  const onSignal = () => {
    if (controller.signal.aborted) process.exit(EXIT_INTERRUPTED);
    status('\nstopping: finishing in-flight work and writing the report (Ctrl-C again to quit now)');
    controller.abort();
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  const provided = await provideStores(scenario, flags.stores, process.env, status);
  let progress: ReturnType<typeof createProgress> | null = null;
  try {
    status(describeScenario(scenario));
    for (const note of provided.plan.notes) status(note);
    await preflight(provided.plan.stores, isEmbeddedKind);
    await checkPropagation(scenario, provided.plan.layouts, provided.plan.stores);
    const report = await runScenario({
      scenario,
      scenarioFile: file,
      plan: provided.plan,
      signal: controller.signal,
      tool,
      onLayoutStart: (layout) => {
        status(`layout ${layout.name}: opening stores and loading data…`);
        if (flags.progress) progress = createProgress(process.stderr, layout.name);
      },
      onProgress: (_layout, live) => progress?.update(live),
      onLayoutDone: (result) => {
        const ops = result.operations.reduce((sum, op) => sum + op.count, 0);
        const errors = result.operations.reduce((sum, op) => sum + op.errors, 0);
        const line =
          `layout ${result.layout}: ${ops} operations in ${result.measuredSeconds.toFixed(1)} s, ` +
          `${errors} errors, invariants ${result.invariants.ok ? 'OK' : 'FAILED'}`;
        if (progress) progress.done(line);
        else status(line);
        progress = null;
      },
    });
    process.stdout.write(renderTerminal(report, { color: process.stdout.isTTY === true }));
    const written = await writeReportFiles(report, flags.out);
    process.stdout.write(`\nreport: ${written.json}\n`);
    if (written.html) process.stdout.write(`report: ${written.html}\n`);
    return report.interrupted ? EXIT_INTERRUPTED : 0;
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    await provided.release();
  }
}

export function registerRun(program: Command, { tool, setExit }: CommandContext): void {
  const run = program
    .command('run')
    .description('run a scenario against each of its layouts and report side by side')
    .argument('<scenario>', 'scenario YAML file, e.g. scenarios/quickstart.yaml')
    .option('--layouts <names>', "comma-separated subset of the scenario's layouts, e.g. baseline,polyglot")
    .option(
      '--duration <duration>',
      'measured duration, phases scaled to fit (e.g. 5s)',
      durationOption('--duration'),
    )
    .option('--warmup <duration>', 'warm-up before measuring (e.g. 1s)', durationOption('--warmup'))
    .option('--seed <n>', 'seed for data and traffic (default: the scenario’s)', seedOption)
    .addOption(new Option('--out <dir>', 'directory for the JSON report').default('reports'))
    .option('--no-progress', 'no live progress line');
  for (const option of storesOptions()) run.addOption(option);
  run.action(async (file: string, flags: RunFlags & { provision?: RunFlags['stores'] }) =>
    setExit(await runCommand(file, { ...flags, stores: presetOf(flags) }, tool)),
  );
}
