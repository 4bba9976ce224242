// `polyglot-bench micro`: each role operation on each store of a scenario's layouts alone, with tinybench —
// a table of unit costs per store (also-bought on Kuzu against the same query on PGlite, or on Neo4j against
// PostgreSQL with --stores local).
import type { Command } from 'commander';
import { durationOption } from './options.js';
import { presetOf, storesOptions, type CommandContext } from './program.js';
import { generateDataset } from '../data/generate.js';
import { renderMicro } from '../micro/render-micro.js';
import { runMicro } from '../micro/run-micro.js';
import type { StoresPreset } from '../provision/plan.js';
import { provideStores } from '../provision/provide.js';
import { loadScenario, parseScenario } from '../scenario/load.js';

export interface MicroFlags {
  stores: StoresPreset;
  time?: number;
  warmup?: number;
}

/** Without a scenario: the built-in layouts on small data, enough for unit costs. */
const BUILTIN_ONLY =
  'name: micro\nload: { phases: [{ duration: 1s, arrivalRate: 1 }] }\n' +
  'data: { users: 1000, products: 2000, historicalOrders: 5000 }\n';

export async function microCommand(file: string | undefined, flags: MicroFlags): Promise<number> {
  const scenario = file ? await loadScenario(file) : parseScenario(BUILTIN_ONLY, '(built-in layouts)');
  const status = (line: string) => process.stderr.write(`${line}\n`);
  const provided = await provideStores(scenario, flags.stores, process.env, status);
  const controller = new AbortController();
  const onSigint = () => controller.abort();
  process.once('SIGINT', onSigint);
  try {
    for (const note of provided.plan.notes) status(note);
    const stores = Object.entries(provided.plan.stores).map(([name, spec]) => ({
      name,
      kind: spec.engine,
      url: spec.url ?? undefined,
      settings: spec.pool === null ? spec.options : { ...spec.options, pool: spec.pool },
    }));
    const result = await runMicro({
      stores,
      dataset: generateDataset(scenario.data, scenario.seed, Date.now()),
      timeMs: flags.time,
      warmupMs: flags.warmup,
      signal: controller.signal,
      onStore: (name) => status(`micro: ${name}: loading data and measuring each operation…`),
    });
    process.stdout.write(renderMicro(result, { color: process.stdout.isTTY === true }));
    return result.interrupted ? 130 : 0;
  } finally {
    process.off('SIGINT', onSigint);
    await provided.release();
  }
}

export function registerMicro(program: Command, { setExit }: CommandContext): void {
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
  micro.action(async (file: string | undefined, flags: MicroFlags & { provision?: StoresPreset }) =>
    setExit(await microCommand(file, { ...flags, stores: presetOf(flags) })),
  );
}
