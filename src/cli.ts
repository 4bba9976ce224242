// The command line. User errors print one line and exit 2; Ctrl-C during a run still writes the report.
import { readFileSync } from 'node:fs';
import { Command, CommanderError } from 'commander';
import { EXIT_USER_ERROR, UserError, errorMessage } from './errors.js';
import { registerMicro } from './commands/micro.js';
import type { CommandContext, RegisterCommand } from './commands/program.js';
import { registerCompare } from './commands/compare.js';
import { registerReport } from './commands/report.js';
import { registerRun } from './commands/run.js';
import { registerSelftest } from './commands/selftest.js';
import { registerStores } from './commands/stores-check.js';
import { registerValidate } from './commands/validate.js';
import { registerExplain } from './commands/explain.js';
import { registerInit } from './commands/init.js';
import { registerTrace } from './commands/trace.js';
import { registerSimulate } from './commands/simulate.js';
import { registerCapacity } from './commands/capacity.js';
import { registerMerge } from './commands/merge.js';
import { registerDeploy } from './commands/deploy.js';

/** Every command, in the order `--help` lists them: one line each. */
const COMMANDS: readonly RegisterCommand[] = [
  registerRun,
  registerMerge,
  registerDeploy,
  registerReport,
  registerCompare,
  registerValidate,
  registerExplain,
  registerTrace,
  registerInit,
  registerStores,
  registerMicro,
  registerSelftest,
  registerSimulate,
  registerCapacity,
];

function toolVersion(): string {
  const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
    version: string;
  };
  return pkg.version;
}

function buildProgram(setExit: (code: number) => void): Command {
  const context: CommandContext = { tool: { name: 'polyglot-bench', version: toolVersion() }, setExit };
  const program = new Command('polyglot-bench')
    .description(
      'Benchmark what polyglot persistence costs: latency per user action and consistency lag,\n' +
        'a single-database baseline against a store per job, side by side.',
    )
    .version(context.tool.version)
    .showHelpAfterError('(add --help for usage)')
    .exitOverride();
  for (const register of COMMANDS) register(program, context);
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
