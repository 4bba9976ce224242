// One line saying what a scenario will run, for `validate` and the start of `run`.
import { layoutName, measuredDurationMs, type Scenario } from '../scenario/types.js';

export function describeScenario(scenario: Scenario): string {
  const load = scenario.load;
  const seconds = measuredDurationMs(load) / 1000;
  const model =
    load.model === 'open'
      ? `open model, ${load.phases.length} phase(s), max ${load.maxInFlight} in flight`
      : `closed model, up to ${Math.max(...load.phases.map((p) => p.users))} virtual users`;
  const layouts = scenario.layouts
    .map((layout) =>
      layout.propagation ? `${layoutName(layout)} (${layout.propagation})` : layoutName(layout),
    )
    .join(', ');
  const faults = scenario.faults.length > 0 ? `; ${scenario.faults.length} fault(s) on the timeline` : '';
  return (
    `${scenario.name}: ${model}; ${seconds} s measured after ${scenario.warmupMs / 1000} s warm-up; ` +
    `layouts ${layouts}; propagation ${scenario.propagation.strategy}${faults}; seed ${scenario.seed}`
  );
}
