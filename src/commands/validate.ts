// `polyglot-bench validate`: check a scenario file and print what it would run, without touching any store.
import type { Command } from 'commander';
import { loadScenario } from '../scenario/load.js';
import { describeScenario } from './describe.js';
import type { CommandContext } from './program.js';

export function registerValidate(program: Command, { setExit }: CommandContext): void {
  program
    .command('validate')
    .description('check a scenario file and print what it would run')
    .argument('<scenario>', 'scenario YAML file')
    .action(async (file: string) => {
      const scenario = await loadScenario(file);
      process.stdout.write(`${file}: OK — ${describeScenario(scenario)}\n`);
      setExit(0);
    });
}
