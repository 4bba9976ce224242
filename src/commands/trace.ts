// `polyglot-bench trace`: one journey run alone on each layout — fresh stores, the scenario's data, the same
// seeded shopper everywhere — with every store call timed and attributed, then the propagation that follows.
// Prints a waterfall per layout and Mermaid sequence diagrams; --json gives the data the HTML report draws.
import { InvalidArgumentError, type Command } from 'commander';
import { generateDataset } from '../data/generate.js';
import { UserError } from '../errors.js';
import { initHistograms } from '../metrics/histogram.js';
import { checkDataSize } from '../provision/check-data-size.js';
import { checkPropagation } from '../provision/check-propagation.js';
import { preflight } from '../provision/check-stores.js';
import { isEmbeddedKind, type StoresPreset } from '../provision/plan.js';
import { provideStores } from '../provision/provide.js';
import { loadScenario } from '../scenario/load.js';
import { applyOverrides } from '../scenario/overrides.js';
import { JOURNEY_NAMES, layoutName, type JourneyName } from '../scenario/types.js';
import { renderTraceComparison } from '../trace/render-trace-comparison.js';
import { renderTraceMermaid } from '../trace/render-trace-mermaid.js';
import { renderWaterfall } from '../trace/render-waterfall.js';
import { traceLayout, type LayoutTrace } from '../trace/trace-layout.js';
import { ShopCatalog } from '../workloads/context.js';
import { seedOption } from './options.js';
import { presetOf, storesOptions, type CommandContext } from './program.js';

interface TraceFlags {
  layout?: string;
  journey: JourneyName;
  mermaid?: boolean;
  json?: boolean;
  thinkTime?: boolean;
  seed?: number;
  stores: StoresPreset;
  provision?: StoresPreset;
}

function journeyOption(value: string): JourneyName {
  if (!(JOURNEY_NAMES as readonly string[]).includes(value)) {
    throw new InvalidArgumentError(`expected one of ${JOURNEY_NAMES.join(', ')}`);
  }
  return value as JourneyName;
}

export async function traceCommand(file: string, flags: TraceFlags): Promise<LayoutTrace[]> {
  const loaded = await loadScenario(file);
  const names = loaded.layouts.map(layoutName);
  if (flags.layout !== undefined && !names.includes(flags.layout)) {
    throw new UserError(
      `--layout: "${flags.layout}" is not a layout of this scenario (it has: ${names.join(', ')})`,
    );
  }
  const scenario = applyOverrides(loaded, {
    layouts: flags.layout ? [flags.layout] : undefined,
    seed: flags.seed,
  });
  const status = (line: string) => process.stderr.write(`${line}\n`);
  const provided = await provideStores(scenario, presetOf(flags), process.env, status);
  try {
    for (const note of provided.plan.notes) status(note);
    await preflight(provided.plan.stores, isEmbeddedKind);
    await checkPropagation(scenario, provided.plan.layouts, provided.plan.stores);
    await initHistograms();
    // As a run does: the data must fit with the stores these layouts got (embedded ones hold it in process).
    checkDataSize(scenario.data, provided.plan.layouts, provided.plan.stores);
    // One dataset for every layout, as a run has.
    const dataset = generateDataset(scenario.data, scenario.seed, Date.now());
    const catalog = new ShopCatalog(dataset, scenario.data.popularitySkew);
    const traces: LayoutTrace[] = [];
    for (const layout of provided.plan.layouts) {
      status(`layout ${layout.name}: opening stores, loading data, tracing one ${flags.journey} journey…`);
      traces.push(
        await traceLayout({
          scenario,
          layout,
          stores: provided.plan.stores,
          dataset,
          catalog,
          journey: flags.journey,
          keepThinkTime: flags.thinkTime,
        }),
      );
    }
    return traces;
  } finally {
    await provided.release();
  }
}

function render(traces: readonly LayoutTrace[], flags: TraceFlags): string {
  if (flags.json) {
    const data = traces.map((t) => ({ layout: t.layout, propagation: t.plan.propagation, trace: t.trace }));
    return `${JSON.stringify(data, null, 2)}\n`;
  }
  const mermaid = traces.map((t) => `\`\`\`mermaid\n${renderTraceMermaid(t)}\`\`\`\n`).join('\n');
  if (flags.mermaid) return mermaid;
  const waterfalls = traces.map((t) => renderWaterfall(t, { keepThinkTime: flags.thinkTime })).join('\n');
  const comparison = renderTraceComparison(traces);
  const legend = '* critical path (the calls the shopper waited for)   █ critical  ░ relay, reader\n';
  return [waterfalls, legend, comparison, mermaid].filter((part) => part !== '').join('\n');
}

export function registerTrace(program: Command, { setExit }: CommandContext): void {
  const trace = program
    .command('trace')
    .description(
      'run one journey alone on each layout and show where its time goes, store call by store call',
    )
    .argument('<scenario>', 'scenario YAML file, e.g. scenarios/quickstart.yaml')
    .option('--layout <name>', "one of the scenario's layouts (default: each)")
    .option('--journey <name>', `the journey to trace: ${JOURNEY_NAMES.join(', ')}`, journeyOption, 'buy')
    .option('--mermaid', 'print only the Mermaid sequence diagrams')
    .option('--json', "print the traces as JSON (the report's trace shape)")
    .option('--think-time', "keep the scenario's think time between steps (left out by default)")
    .option('--seed <n>', 'seed for data and the journey (default: the scenario’s)', seedOption);
  for (const option of storesOptions()) trace.addOption(option);
  trace.action(async (file: string, flags: TraceFlags) => {
    const traces = await traceCommand(file, flags);
    process.stdout.write(render(traces, flags));
    setExit(0);
  });
}
