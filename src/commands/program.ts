// What every command's registration gets: the tool's identity, the way to set the exit code, and the options that
// several commands share. Each command file exports a `register…(program, context)`; src/cli.ts lists them.
import { Option, type Command } from 'commander';
import type { StoresPreset } from '../provision/plan.js';
import { storesOption, STORES_HELP } from './options.js';

export interface CommandContext {
  tool: { name: string; version: string };
  setExit(code: number): void;
}

export type RegisterCommand = (program: Command, context: CommandContext) => void;

export function storesOptions(): Option[] {
  return [
    new Option('--stores <preset>', STORES_HELP).argParser(storesOption).default('embedded'),
    // The issues and the docs call it provisioning; both spellings set the same thing.
    new Option('--provision <preset>', 'same as --stores').argParser(storesOption).hideHelp(),
  ];
}

/** --provision wins over --stores when both are given (it is the more deliberate spelling). */
export function presetOf(flags: { stores: StoresPreset; provision?: StoresPreset }): StoresPreset {
  return flags.provision ?? flags.stores;
}
