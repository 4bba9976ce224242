// The command line. User errors print one line and exit 2; Ctrl-C during a run still writes the report.
import { readFileSync } from 'node:fs';
import { Command, CommanderError, Option } from 'commander';
import { UserError, errorMessage } from './errors.js';
import { runCommand, type RunFlags } from './commands/run.js';
import { durationOption, seedOption, storesOption, STORES_HELP } from './commands/options.js';
import { storesCheckCommand } from './commands/stores-check.js';
import { microCommand, type MicroFlags } from './commands/micro.js';
import { describeScenario } from './commands/describe.js';
import { loadScenario } from './scenario/load.js';

const EXIT_USER_ERROR = 2;

function toolVersion(): string {
  const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
    version: string;
  };
  return pkg.version;
}

function storesOptions() {
  return [
    new Option('--stores <preset>', STORES_HELP).argParser(storesOption).default('embedded'),
    // The issue tracker and DESIGN.md call it provisioning; both spellings set the same thing.
    new Option('--provision <preset>', 'same as --stores').argParser(storesOption).hideHelp(),
  ];
}

/** --provision wins over --stores when both are given (it is the more deliberate spelling). */
function presetOf(flags: { stores: RunFlags['stores']; provision?: RunFlags['stores'] }) {
  return flags.provision ?? flags.stores;
}

function buildProgram(setExit: (code: number) => void): Command {
  const tool = { name: 'polyglot-bench', version: toolVersion() };
  const program = new Command('polyglot-bench')
    .description(
      'Benchmark what polyglot persistence costs: latency per user action and consistency lag,\n' +
        'a single-database baseline against a store per job, side by side.',
    )
    .version(tool.version)
    .showHelpAfterError('(add --help for usage)')
    .exitOverride();

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

  program
    .command('validate')
    .description('check a scenario file and print what it would run')
    .argument('<scenario>', 'scenario YAML file')
    .action(async (file: string) => {
      const scenario = await loadScenario(file);
      process.stdout.write(`${file}: OK — ${describeScenario(scenario)}\n`);
      setExit(0);
    });

  const stores = program.command('stores').description('the stores a run would use');
  const check = stores
    .command('check')
    .description('which stores answer: engine, version, address, ping latency')
    .argument('[scenario]', "a scenario's layouts (default: the built-in baseline and polyglot)");
  for (const option of storesOptions()) check.addOption(option);
  check.action(
    async (file: string | undefined, flags: { stores: RunFlags['stores']; provision?: RunFlags['stores'] }) =>
      setExit(await storesCheckCommand(file, { stores: presetOf(flags) })),
  );

  const micro = program
    .command('micro')
    .description('unit cost of each role operation on each store alone (tinybench: mean ± margin of error)')
    .argument(
      '[scenario]',
      "a scenario's stores and data (default: the built-in layouts' stores, small data)",
    )
    .option('--time <duration>', 'time budget per operation (default 1s)', durationOption('--time'))
    .option('--warmup <duration>', 'warm-up per operation (default 250ms)', durationOption('--warmup'));
  for (const option of storesOptions()) micro.addOption(option);
  micro.action(async (file: string | undefined, flags: MicroFlags & { provision?: RunFlags['stores'] }) =>
    setExit(await microCommand(file, { ...flags, stores: presetOf(flags) })),
  );

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
