// The command line: run, validate. User errors print one line and exit 2; Ctrl-C during a run still
// writes the report for what was measured.
import { readFileSync } from 'node:fs';
import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { UserError, errorMessage } from './errors.js';
import { layoutName } from './layouts/resolve.js';
import { writeJsonReport } from './report/json.js';
import { createProgress } from './report/progress.js';
import { renderTerminal } from './report/terminal.js';
import { runScenario } from './runner/run-scenario.js';
import { parseDuration } from './scenario/duration.js';
import { loadScenario } from './scenario/load.js';
import { applyOverrides } from './scenario/overrides.js';
import { measuredDurationMs, type Scenario } from './scenario/types.js';

const EXIT_USER_ERROR = 2;
const EXIT_INTERRUPTED = 130;

function toolVersion(): string {
  const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
    version: string;
  };
  return pkg.version;
}

function durationOption(flag: string) {
  return (value: string) => {
    try {
      return parseDuration(value);
    } catch (error) {
      throw new InvalidArgumentError(`${flag}: ${errorMessage(error)}`);
    }
  };
}

function seedOption(value: string): number {
  const seed = Number(value);
  if (!Number.isSafeInteger(seed) || seed < 0) throw new InvalidArgumentError('expected a whole number ≥ 0');
  return seed;
}

interface RunFlags {
  layouts?: string;
  duration?: number;
  warmup?: number;
  seed?: number;
  out: string;
  progress: boolean;
}

async function runCommand(file: string, flags: RunFlags): Promise<number> {
  const scenario = applyOverrides(await loadScenario(file), {
    layouts: flags.layouts?.split(',').map((name) => name.trim()),
    durationMs: flags.duration,
    warmupMs: flags.warmup,
    seed: flags.seed,
  });
  const controller = new AbortController();
  const onSigint = () => {
    if (controller.signal.aborted) process.exit(EXIT_INTERRUPTED);
    process.stderr.write(
      '\nstopping: finishing in-flight work and writing the report (Ctrl-C again to quit now)\n',
    );
    controller.abort();
  };
  process.on('SIGINT', onSigint);
  let progress: ReturnType<typeof createProgress> | null = null;
  try {
    process.stderr.write(`${describe(scenario)}\n`);
    const report = await runScenario({
      scenario,
      scenarioFile: file,
      signal: controller.signal,
      tool: { name: 'polyglot-bench', version: toolVersion() },
      onLayoutStart: (layout) => {
        process.stderr.write(`layout ${layout.name}: opening stores and loading data…\n`);
        if (flags.progress) progress = createProgress(process.stderr, layout.name);
      },
      onProgress: (_layout, status) => progress?.update(status),
      onLayoutDone: (result) => {
        const ops = result.operations.reduce((sum, op) => sum + op.count, 0);
        const errors = result.operations.reduce((sum, op) => sum + op.errors, 0);
        const line =
          `layout ${result.layout}: ${ops} operations in ${result.measuredSeconds.toFixed(1)} s, ` +
          `${errors} errors, invariants ${result.invariants.ok ? 'OK' : 'FAILED'}`;
        if (progress) progress.done(line);
        else process.stderr.write(`${line}\n`);
        progress = null;
      },
    });
    process.stdout.write(renderTerminal(report, { color: process.stdout.isTTY === true }));
    const path = await writeJsonReport(report, flags.out);
    process.stdout.write(`\nreport: ${path}\n`);
    return report.interrupted ? EXIT_INTERRUPTED : 0;
  } finally {
    process.off('SIGINT', onSigint);
  }
}

function describe(scenario: Scenario): string {
  const load = scenario.load;
  const seconds = measuredDurationMs(load) / 1000;
  const model =
    load.model === 'open'
      ? `open model, ${load.phases.length} phase(s), max ${load.maxInFlight} in flight`
      : `closed model, up to ${Math.max(...load.phases.map((p) => p.users))} virtual users`;
  const layouts = scenario.layouts.map(layoutName).join(', ');
  return `${scenario.name}: ${model}; ${seconds} s measured after ${scenario.warmupMs / 1000} s warm-up; layouts ${layouts}; seed ${scenario.seed}`;
}

async function validateCommand(file: string): Promise<number> {
  const scenario = await loadScenario(file);
  process.stdout.write(`${file}: OK — ${describe(scenario)}\n`);
  return 0;
}

function buildProgram(setExit: (code: number) => void): Command {
  const program = new Command('polyglot-bench')
    .description(
      'Benchmark what polyglot persistence costs: latency per user action and consistency lag,\n' +
        'a single-database baseline against a store per job, side by side.',
    )
    .version(toolVersion())
    .showHelpAfterError('(add --help for usage)')
    .exitOverride();

  program
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
    .option('--no-progress', 'no live progress line')
    .action(async (file: string, flags: RunFlags) => setExit(await runCommand(file, flags)));

  program
    .command('validate')
    .description('check a scenario file and print what it would run')
    .argument('<scenario>', 'scenario YAML file')
    .action(async (file: string) => setExit(await validateCommand(file)));

  return program;
}

/** Runs the CLI; returns the process exit code. */
export async function main(argv: readonly string[]): Promise<number> {
  let exitCode = 0;
  const program = buildProgram((code) => {
    exitCode = code;
  });
  try {
    await program.parseAsync([...argv]);
    return exitCode;
  } catch (error) {
    if (error instanceof CommanderError) {
      // Commander already printed its one-line message (or the help / version text).
      const benign = ['commander.helpDisplayed', 'commander.version', 'commander.help'];
      return benign.includes(error.code) ? 0 : EXIT_USER_ERROR;
    }
    if (error instanceof UserError) {
      process.stderr.write(`polyglot-bench: ${error.message}\n`);
      return EXIT_USER_ERROR;
    }
    process.stderr.write(`polyglot-bench: internal error: ${errorMessage(error)}\n`);
    if (process.env.POLYGLOT_BENCH_DEBUG) process.stderr.write(`${(error as Error).stack ?? ''}\n`);
    return 1;
  }
}
