// `polyglot-bench stores check`: which stores answer — engine, version, address, ping latency.
import Table from 'cli-table3';
import type { Command } from 'commander';
import { presetOf, storesOptions, type CommandContext } from './program.js';
import { checkStores } from '../provision/check-stores.js';
import { type StoresPreset } from '../provision/plan.js';
import { provideStores } from '../provision/provide.js';
import { formatDuration } from '../report/format.js';
import { parseScenario } from '../scenario/load.js';
import { loadScenario } from '../scenario/load.js';

/** Without a scenario: both built-in layouts, i.e. every store the seed's layouts use under the preset. */
const BUILTIN_ONLY = 'name: stores-check\nload: { phases: [{ duration: 1s, arrivalRate: 1 }] }\n';

export async function storesCheckCommand(
  file: string | undefined,
  flags: { stores: StoresPreset },
): Promise<number> {
  const scenario = file ? await loadScenario(file) : parseScenario(BUILTIN_ONLY, '(built-in layouts)');
  const provided = await provideStores(scenario, flags.stores, process.env, (line) =>
    process.stderr.write(`${line}\n`),
  );
  try {
    for (const note of provided.plan.notes) process.stderr.write(`${note}\n`);
    const checks = await checkStores(provided.plan.stores);
    const plain = process.stdout.isTTY !== true;
    const table = new Table({
      head: ['store', 'engine', 'version', 'address', 'ping', 'status'],
      ...(plain ? { style: { head: [], border: [] } } : {}),
    });
    for (const check of checks) {
      table.push([
        check.store,
        check.reported?.engine ?? check.engine,
        check.reported?.version ?? '—',
        check.address,
        check.pingUs === null ? '—' : formatDuration(check.pingUs),
        check.error ? `DOWN: ${check.error}` : 'up',
      ]);
    }
    process.stdout.write(`${table.toString()}\n`);
    return checks.some((check) => check.error) ? 2 : 0;
  } finally {
    await provided.release();
  }
}

export function registerStores(program: Command, { setExit }: CommandContext): void {
  const stores = program.command('stores').description('the stores a run would use');
  const check = stores
    .command('check')
    .description('which stores answer: engine, version, address, ping latency')
    .argument('[scenario]', "a scenario's layouts (default: the built-in baseline and polyglot)");
  for (const option of storesOptions()) check.addOption(option);
  check.action(async (file: string | undefined, flags: { stores: StoresPreset; provision?: StoresPreset }) =>
    setExit(await storesCheckCommand(file, { stores: presetOf(flags) })),
  );
}
