// `polyglot-bench run`: provision the stores, check they answer, run every layout, print and save the report.
// Ctrl-C (or SIGTERM, what Kubernetes and CI send) stops the load and still writes the report for what was
// measured; a second one quits at once. The scenario's thresholds are judged on the report (src/verdict) and set
// the exit code: 0 all met, 1 one not met (or failed invariants), 2 a user error, 130 interrupted.
import { Option, type Command } from 'commander';
import type { Report } from '../metrics/types.js';
import { renderSummary } from '../report/summary.js';
import { verdictLines, type VerdictEffect } from '../report/summary-verdict.js';
import { painter } from '../report/style.js';
import { evaluateVerdict } from '../verdict/evaluate.js';
import { EXIT_INTERRUPTED, runExitCode } from '../verdict/exit-code.js';
import { checkOutDir, saveReport } from './run-output.js';
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
import { runNamespaceOption, withRunNamespace } from '../stores/namespace-setting.js';
import { parseStartAt, resolveShard } from '../runner/shard.js';
import { checkWorkers, parseWorkers } from '../runner/workers/worker-count.js';

export { EXIT_INTERRUPTED };

export interface RunFlags {
  layouts?: string;
  duration?: number;
  warmup?: number;
  seed?: number;
  out: string;
  progress: boolean;
  stores: StoresPreset;
  namespace?: string;
  /** false under --no-thresholds: judge and print the thresholds, never fail on them (default true). */
  thresholds?: boolean;
  /** Every table (the full terminal report) instead of the one-screen summary. */
  details?: boolean;
  /** `--shard i/N` or `auto` (JOB_COMPLETION_INDEX); absent: the whole run, unless an Indexed Job's env says so. */
  shard?: string;
  /** `--start-at <ISO time>`: the wall-clock barrier the first layout's clock waits for. */
  startAt?: string;
  /** `--workers N|auto`: worker threads driving the load (default 1: this thread). */
  workers?: string;
}

/** The summary, or under --details every table followed by the verdict and the files. */
export function renderRun(
  report: Report,
  options: { details: boolean; color: boolean; files: string[]; verdictEffect: VerdictEffect },
): string {
  if (!options.details) return renderSummary(report, options);
  const lines = [renderTerminal(report, { color: options.color })];
  if (report.verdict)
    lines.push(
      ...verdictLines(report.verdict, options.verdictEffect, options.color, painter(options.color)),
      '',
    );
  for (const file of options.files) lines.push(`report: ${file}`);
  return `${lines.join('\n')}\n`;
}

export async function runCommand(file: string, flags: RunFlags, tool: { name: string; version: string }) {
  const scenario = applyOverrides(await loadScenario(file), {
    layouts: flags.layouts?.split(',').map((name) => name.trim()),
    durationMs: flags.duration,
    warmupMs: flags.warmup,
    seed: flags.seed,
  });
  const status = (line: string) => process.stderr.write(`${line}\n`);
  const shard = resolveShard(flags.shard, process.env);
  const startAtMs = flags.startAt === undefined ? null : parseStartAt(flags.startAt);
  const workers = parseWorkers(flags.workers);
  checkWorkers(workers, scenario, file);
  // Before any store is touched: a bad --out must not cost the run (issue 14).
  await checkOutDir(flags.out);
  const controller = new AbortController();
  const onSignal = () => {
    if (controller.signal.aborted) process.exit(EXIT_INTERRUPTED);
    status('\nstopping: finishing in-flight work and writing the report (Ctrl-C again to quit now)');
    controller.abort();
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  const provided = await provideStores(scenario, flags.stores, process.env, status);
  // Every run creates and drops its own namespace on the servers: shards sharing one would wipe each other's.
  const namespace = flags.namespace ?? (shard ? `polyglot_bench_shard_${shard.index}` : undefined);
  if (namespace) withRunNamespace(provided.plan.stores, namespace, isEmbeddedKind);
  let progress: ReturnType<typeof createProgress> | null = null;
  try {
    status(describeScenario(scenario));
    if (shard)
      status(
        `shard ${shard.index}/${shard.count}: every ${shard.count}th arrival (or user) from #${shard.index}`,
      );
    if (workers > 1) status(`${workers} worker threads: each every ${workers}th arrival (or user)`);
    for (const note of provided.plan.notes) status(note);
    await preflight(provided.plan.stores, isEmbeddedKind);
    await checkPropagation(scenario, provided.plan.layouts, provided.plan.stores);
    const report = await runScenario({
      scenario,
      scenarioFile: file,
      plan: provided.plan,
      signal: controller.signal,
      tool,
      shard,
      startAtMs,
      workers,
      onLayoutStart: (layout) => {
        status(`layout ${layout.name}: opening stores and loading data…`);
        if (flags.progress) progress = createProgress(process.stderr, layout.name);
      },
      onProgress: (_layout, live) => progress?.update(live),
      // On its own line even under a live progress line (which the next update redraws below it).
      onStoreWarning: (layout, line) =>
        status(`${progress && process.stderr.isTTY ? '\n' : ''}layout ${layout.name}: ${line}`),
      onLayoutFailed: (layout, message) => {
        progress?.done(`layout ${layout.name} failed: ${message}`);
        if (!progress) status(`layout ${layout.name} failed: ${message}`);
        progress = null;
      },
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
    report.verdict = evaluateVerdict(report, scenario.thresholds ?? []);
    // Saved before anything is printed: the results are safe whatever the terminal does.
    const files = await saveReport(report, flags.out, status);
    process.stdout.write(
      renderRun(report, {
        details: flags.details === true,
        color: process.stdout.isTTY === true,
        files,
        verdictEffect: flags.thresholds === false ? 'ignored' : 'enforced',
      }),
    );
    return runExitCode(report.interrupted, report.verdict, flags.thresholds !== false, report.failedLayouts);
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
    .addOption(
      new Option('--out <dir>', 'directory for the report files (checked before any load)').default(
        'reports',
      ),
    )
    .option('--no-progress', 'no live progress line')
    .option('--details', 'print every table (store calls, per-layout sections) instead of the summary')
    .option('--no-thresholds', "judge and print the scenario's thresholds, but never fail on them (exit 0)")
    .option(
      '--shard <i/N>',
      'run slice i of N (arrivals, or users, whose index % N == i) and write a shard report for `merge`; ' +
        '"auto" takes i from JOB_COMPLETION_INDEX and N from POLYGLOT_BENCH_SHARDS',
    )
    .option(
      '--workers <n>',
      'worker threads driving the load, each every Nth arrival (or user); "auto" = cores - 1 (default 1)',
    )
    .option('--start-at <time>', 'ISO wall-clock time to start the load at (a barrier for shards)')
    .option(
      '--namespace <name>',
      "the servers' namespace this run owns (default polyglot_bench): two runs with different ones coexist",
      runNamespaceOption,
    );
  for (const option of storesOptions()) run.addOption(option);
  run.action(async (file: string, flags: RunFlags & { provision?: RunFlags['stores'] }) =>
    setExit(await runCommand(file, { ...flags, stores: presetOf(flags) }, tool)),
  );
}
