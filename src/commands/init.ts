// `polyglot-bench init [file]`: writes a commented starter scenario. It never overwrites: an existing file is
// refused in one line (exit 2), and the write itself fails rather than replace a file created meanwhile.
import { writeFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { UserError } from '../errors.js';
import type { CommandContext } from './program.js';
import { scenarioNameOf, starterScenario } from './starter-scenario.js';

export async function initScenario(file: string): Promise<void> {
  try {
    await writeFile(file, starterScenario(scenarioNameOf(file)), { flag: 'wx' });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EEXIST')
      throw new UserError(`${file} already exists; not overwriting it (name another file)`);
    if (code === 'ENOENT') throw new UserError(`${file}: no such directory`);
    throw new UserError(`${file}: cannot write it (${code ?? (error as Error).message})`);
  }
}

export function registerInit(program: Command, { setExit }: CommandContext): void {
  program
    .command('init')
    .description('write a commented starter scenario (never overwrites a file)')
    .argument('[file]', 'where to write it', 'scenario.yaml')
    .action(async (file: string) => {
      await initScenario(file);
      process.stdout.write(
        `wrote ${file}: try polyglot-bench validate ${file}, then explain, trace or run it\n`,
      );
      setExit(0);
    });
}
