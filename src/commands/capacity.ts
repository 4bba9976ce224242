// `polyglot-bench capacity <scenario> --slo 'checkout p99 < 250ms'`: the highest arrival rate each layout sustains
// on the real stores, found by short real runs — rate factor doubled until a step fails the SLO (or drops
// arrivals, or leaves the relay a backlog), then bisected. With --calibrate the model's prediction of the same
// search is shown beside it (src/simulate/capacity-search.ts).
import { Option, type Command } from 'commander';
import { initHistograms } from '../metrics/histogram.js';
import { checkPropagation } from '../provision/check-propagation.js';
import { preflight } from '../provision/check-stores.js';
import { isEmbeddedKind, type StoresPreset } from '../provision/plan.js';
import { provideStores } from '../provision/provide.js';
import { runScenario } from '../runner/run-scenario.js';
import { loadScenario } from '../scenario/load.js';
import { applyOverrides } from '../scenario/overrides.js';
import { layoutName, type Scenario } from '../scenario/types.js';
import { UserError } from '../errors.js';
import {
  peakRate,
  predictCapacity,
  renderCapacity,
  searchCapacity,
  type CapacityResult,
} from '../simulate/capacity-search.js';
import { judge, parseSlo, type Judgement, type Objective } from '../simulate/slo.js';
import { applyScenarioWhatIfs, parseFactor } from '../simulate/what-if.js';
import { checkWorkers, parseWorkers } from '../runner/workers/worker-count.js';
import { durationOption } from './options.js';
import { presetOf, storesOptions, type CommandContext } from './program.js';
import { loadModel } from './simulate.js';

interface CapacityFlags {
  slo: string;
  layouts?: string;
  stepDuration: number;
  warmup: number;
  start: string;
  max: string;
  bisect: string;
  calibrate?: string;
  stores: StoresPreset;
  provision?: StoresPreset;
  /** `--workers N|auto`: each step's load from N worker threads, as `run --workers`. */
  workers?: string;
}

/** One short real run of one layout at a rate factor, judged against the objectives. */
async function realStep(
  scenario: Scenario,
  file: string,
  layout: string,
  factor: number,
  preset: StoresPreset,
  objectives: readonly Objective[],
  tool: { name: string; version: string },
  workers: number,
): Promise<Judgement> {
  const stepScenario = applyScenarioWhatIfs(applyOverrides(scenario, { layouts: [layout] }), factor, []);
  const status = (line: string) => process.stderr.write(`${line}\n`);
  const provided = await provideStores(stepScenario, preset, process.env, status);
  try {
    await preflight(provided.plan.stores, isEmbeddedKind);
    await checkPropagation(stepScenario, provided.plan.layouts, provided.plan.stores);
    const report = await runScenario({
      scenario: stepScenario,
      scenarioFile: file,
      plan: provided.plan,
      signal: new AbortController().signal,
      tool,
      workers,
    });
    const result = report.layouts[0];
    if (!result) throw new UserError(`capacity: layout ${layout} produced no result`);
    const judgement = judge(result, objectives);
    // Which threads drove the step, from the step's own result: what the figures were measured with.
    const threads = result.workers ? ` (${result.workers.length} worker threads)` : '';
    status(`  ${layout} ×${factor.toFixed(2)}${threads}: ${judgement.pass ? 'ok' : '✗'} ${judgement.reason}`);
    return judgement;
  } finally {
    await provided.release();
  }
}

function positive(flag: string, value: string): number {
  const n = parseFactor(value);
  if (n === null) throw new UserError(`${flag} ${value}: expected a positive factor like 2x`);
  return n;
}

async function capacityCommand(file: string, flags: CapacityFlags, tool: { name: string; version: string }) {
  const objectives = parseSlo(flags.slo);
  await initHistograms();
  const loaded = await loadScenario(file);
  if (loaded.load.model !== 'open')
    throw new UserError('capacity steps the arrival rate: the scenario must use the open model');
  const scenario = applyOverrides(loaded, {
    layouts: flags.layouts?.split(',').map((name) => name.trim()),
    durationMs: flags.stepDuration,
    warmupMs: flags.warmup,
  });
  const preset = presetOf(flags);
  // One process's event loop is often what saturates first: worker threads measure past it, as `run --workers`.
  const workers = parseWorkers(flags.workers);
  checkWorkers(workers, scenario, file);
  if (workers > 1) process.stderr.write(`${workers} worker threads drive each step\n`);
  const options = {
    start: positive('--start', flags.start),
    maxFactor: positive('--max', flags.max),
    minFactor: 1 / 64,
    bisections: Number(flags.bisect),
  };
  const measured: CapacityResult[] = [];
  for (const layout of scenario.layouts.map(layoutName)) {
    process.stderr.write(`capacity of ${layout} (${flags.stepDuration / 1000} s per step):\n`);
    measured.push(
      await searchCapacity(
        layout,
        peakRate(scenario),
        (factor) => realStep(scenario, file, layout, factor, preset, objectives, tool, workers),
        options,
      ),
    );
  }
  let predicted: CapacityResult[] | null = null;
  if (flags.calibrate) {
    const { model } = await loadModel(file, flags.calibrate, {
      layouts: flags.layouts,
      duration: flags.stepDuration,
      warmup: flags.warmup,
    });
    predicted = await predictCapacity(model, applyOverrides(scenario, {}), objectives, []);
  }
  process.stdout.write(renderCapacity(objectives, predicted, measured, process.stdout.isTTY === true));
  return 0;
}

export function registerCapacity(program: Command, { tool, setExit }: CommandContext): void {
  const command = program
    .command('capacity')
    .description('find the highest arrival rate each layout sustains within an SLO, by short real runs')
    .argument('<scenario>', 'scenario YAML file (open model)')
    .requiredOption('--slo <objective>', "e.g. 'checkout p99 < 250ms' (several: comma-separated)")
    .option('--layouts <names>', "comma-separated subset of the scenario's layouts")
    .addOption(
      new Option('--step-duration <duration>', 'measured time per step')
        .argParser(durationOption('--step-duration'))
        .default(3000, '3s'),
    )
    .addOption(
      new Option('--warmup <duration>', 'warm-up per step')
        .argParser(durationOption('--warmup'))
        .default(1000, '1s'),
    )
    .option('--start <factor>', 'first rate factor (× every phase)', '1x')
    .option('--max <factor>', 'highest rate factor tried', '16x')
    .option('--bisect <n>', 'bisection steps after the first failure', '3')
    .option('--calibrate <report.json>', 'also show what the model predicts (simulate --capacity)')
    .option('--workers <n>', 'worker threads driving each step, as `run --workers` ("auto" = cores - 1)');
  for (const option of storesOptions()) command.addOption(option);
  command.action(async (file: string, flags: CapacityFlags) =>
    setExit(await capacityCommand(file, flags, tool)),
  );
}
