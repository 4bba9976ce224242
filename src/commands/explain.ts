// `polyglot-bench explain`: each layout's data flow, derived from the same plan the run uses, without opening a
// store: which store serves each role, what each user action touches in order, how a checkout's writes propagate
// and what can be read stale. Text by default, Mermaid with --mermaid, the data itself with --json.
import type { Command } from 'commander';
import { explainScenario } from '../explain/explain-scenario.js';
import { renderExplainMermaid } from '../explain/render-explain-mermaid.js';
import { renderExplainText } from '../explain/render-explain-text.js';
import type { StoresPreset } from '../provision/plan.js';
import { loadScenario } from '../scenario/load.js';
import { presetOf, storesOptions, type CommandContext } from './program.js';

interface ExplainFlags {
  mermaid?: boolean;
  json?: boolean;
  stores: StoresPreset;
  provision?: StoresPreset;
}

export function registerExplain(program: Command, { setExit }: CommandContext): void {
  const explain = program
    .command('explain')
    .description("show each layout's data flow: stores per role, what each action touches, what can go stale")
    .argument('<scenario>', 'scenario YAML file, e.g. scenarios/quickstart.yaml')
    .option('--mermaid', 'print Mermaid flowcharts instead of text')
    .option('--json', 'print the data flow as JSON');
  for (const option of storesOptions()) explain.addOption(option);
  explain.action(async (file: string, flags: ExplainFlags) => {
    const flows = explainScenario(await loadScenario(file), presetOf(flags));
    const out = flags.json
      ? `${JSON.stringify(flows, null, 2)}\n`
      : flags.mermaid
        ? renderExplainMermaid(flows)
        : renderExplainText(flows);
    process.stdout.write(out);
    setExit(0);
  });
}
