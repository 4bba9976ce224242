// Command-line overrides of a loaded scenario (--layouts, --duration, --warmup, --seed).
import { UserError } from '../errors.js';
import { layoutName, measuredDurationMs, type Scenario } from './types.js';
import { checkDurationFlag } from './window-problems.js';

export interface ScenarioOverrides {
  layouts?: string[];
  /** New measured duration; every phase and fault is scaled by the same factor, so ramps keep their shape. */
  durationMs?: number;
  warmupMs?: number;
  seed?: number;
}

export function applyOverrides(scenario: Scenario, overrides: ScenarioOverrides): Scenario {
  const result = structuredClone(scenario);
  if (overrides.layouts) {
    const known = scenario.layouts.map(layoutName);
    result.layouts = overrides.layouts.map((name) => {
      const ref = scenario.layouts.find((layout) => layoutName(layout) === name);
      if (!ref)
        throw new UserError(
          `--layouts: "${name}" is not a layout of this scenario (it has: ${known.join(', ')})`,
        );
      return ref;
    });
  }
  if (overrides.durationMs !== undefined) {
    checkDurationFlag(overrides.durationMs);
    const factor = overrides.durationMs / measuredDurationMs(scenario.load);
    for (const phase of result.load.phases) phase.durationMs = phase.durationMs * factor;
    // Faults keep their place on the shortened (or stretched) timeline, as the phases do.
    for (const fault of result.faults) {
      fault.fromMs *= factor;
      fault.toMs *= factor;
    }
  }
  if (overrides.warmupMs !== undefined) result.warmupMs = overrides.warmupMs;
  if (overrides.seed !== undefined) result.seed = overrides.seed;
  return result;
}
