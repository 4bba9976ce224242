// Option parsers shared by the commands: each rejects a bad value with commander's one-line error (exit 2).
import { InvalidArgumentError } from 'commander';
import { errorMessage } from '../errors.js';
import { STORES_PRESETS, type StoresPreset } from '../provision/plan.js';
import { parseDuration } from '../scenario/duration.js';

export function durationOption(flag: string) {
  return (value: string) => {
    try {
      return parseDuration(value);
    } catch (error) {
      throw new InvalidArgumentError(`${flag}: ${errorMessage(error)}`);
    }
  };
}

export function seedOption(value: string): number {
  const seed = Number(value);
  if (!Number.isSafeInteger(seed) || seed < 0) throw new InvalidArgumentError('expected a whole number ≥ 0');
  return seed;
}

export function storesOption(value: string): StoresPreset {
  if (!(STORES_PRESETS as readonly string[]).includes(value)) {
    throw new InvalidArgumentError(`expected one of ${STORES_PRESETS.join(', ')}`);
  }
  return value as StoresPreset;
}

export const STORES_HELP =
  'where stores come from: embedded (in-process, default), local (servers on this machine, e.g. ' +
  'scripts/local-stores.sh), compose (docker-compose.yml), docker (testcontainers starts them)';
