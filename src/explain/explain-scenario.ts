// Every layout of a scenario explained, resolved as `run` would resolve it for the chosen --stores preset (the
// built-in layouts take server engines unless embedded), without opening any store.
import { planLayouts, type StoresPreset } from '../provision/plan.js';
import type { Scenario } from '../scenario/types.js';
import { explainLayout } from './explain-layout.js';
import type { LayoutFlow } from './layout-flow.js';

export function explainScenario(scenario: Scenario, preset: StoresPreset): LayoutFlow[] {
  const { layouts, notes } = planLayouts(scenario, preset);
  return layouts.map((layout) =>
    explainLayout(
      layout,
      scenario,
      notes.filter((note) => note.startsWith(`layout ${layout.name}:`)),
    ),
  );
}
