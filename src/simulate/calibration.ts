// Reading a calibration report for a scenario: the report must be this tool's (schema and version, checked by
// readJsonReport), of the same scenario, with every layout the simulation is asked for, measured in the open
// model. Each mismatch is one line naming both sides.
import type { LayoutResult, Report } from '../metrics/types.js';
import { readJsonReport } from '../report/json.js';
import { UserError } from '../errors.js';
import { layoutName, type Scenario } from '../scenario/types.js';

export interface Calibration {
  file: string;
  report: Report;
  /** The scenario the calibration run ran (its config as the report kept it). */
  scenario: Scenario;
  layouts: LayoutResult[];
}

export function checkCalibration(file: string, report: Report, scenario: Scenario): Calibration {
  if (report.scenario.name !== scenario.name)
    throw new UserError(
      `${file}: a report of scenario "${report.scenario.name}", not of "${scenario.name}" ` +
        '(calibrate on a run of the scenario you simulate)',
    );
  if (report.simulation)
    throw new UserError(`${file}: a simulated report; calibrate on a measured run (polyglot-bench run)`);
  const wanted = scenario.layouts.map(layoutName);
  const have = report.layouts.map((layout) => layout.layout);
  const missing = wanted.filter((name) => !have.includes(name));
  if (missing.length > 0)
    throw new UserError(
      `${file}: layouts ${have.join(', ') || '(none)'} measured, the scenario has ${wanted.join(', ')} ` +
        `(missing: ${missing.join(', ')})`,
    );
  const layouts = wanted.map((name) => report.layouts.find((layout) => layout.layout === name)!);
  const closed = layouts.find((layout) => layout.model !== 'open');
  if (closed)
    throw new UserError(
      `${file}: layout ${closed.layout} ran the closed model; simulate needs an open-model run`,
    );
  return { file, report, scenario: asRan(scenario, report.scenario.config as Partial<Scenario>), layouts };
}

const isPlain = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * The scenario as the calibration run ran it: its recorded config over the scenario as loaded now, one level
 * deep, so a section this version added (with its defaults) is still there for a report written before it.
 */
function asRan(current: Scenario, ran: Partial<Scenario>): Scenario {
  const merged: Record<string, unknown> = structuredClone(current) as unknown as Record<string, unknown>;
  for (const [key, value] of Object.entries(ran)) {
    const now = merged[key];
    merged[key] = isPlain(now) && isPlain(value) ? { ...now, ...value } : value;
  }
  return merged as unknown as Scenario;
}

export async function readCalibration(file: string, scenario: Scenario): Promise<Calibration> {
  return checkCalibration(file, await readJsonReport(file), scenario);
}
