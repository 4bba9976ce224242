// From a calibration report to simulated reports: build each layout's model, fit it on its own calibration run
// and keep the error of that fit (validation), then simulate any scenario — the same one at another rate, with
// what-ifs — in the report's own shape, marked SIMULATED and carrying the validation.
import { thisMachine } from '../metrics/environment.js';
import { compareLayouts } from '../metrics/comparison.js';
import {
  REPORT_SCHEMA,
  REPORT_SCHEMA_VERSION,
  type LayoutResult,
  type Report,
  type SimulationValidationRow,
} from '../metrics/types.js';
import { withoutSecrets } from '../runner/run-scenario.js';
import type { Scenario } from '../scenario/types.js';
import type { Calibration } from './calibration.js';
import { fitLayout, type LaneFit } from './fit.js';
import { buildLayoutSpec, type LayoutSpec } from './model.js';
import { simulateLayout } from './simulate-layout.js';
import { compareLayout } from './validation.js';
import { applyModelWhatIfs, type WhatIf } from './what-if.js';

export interface CalibratedModel {
  calibration: Calibration;
  /** Fitted specs, one per layout, before any what-if. */
  specs: LayoutSpec[];
  fits: LaneFit[][];
  /** Per layout: the model's busy share of the tool's thread in the re-simulated calibration run. */
  hostBusy: number[];
  /** The calibration run re-simulated. */
  resimulated: LayoutResult[];
  validation: SimulationValidationRow[];
}

export function calibrate(calibration: Calibration, options: { withRelease: boolean }): CalibratedModel {
  const specs: LayoutSpec[] = [];
  const fits: LaneFit[][] = [];
  const resimulated: LayoutResult[] = [];
  const hostBusy: number[] = [];
  const validation: SimulationValidationRow[] = [];
  for (const layout of calibration.layouts) {
    const spec = buildLayoutSpec(layout, calibration.scenario, options);
    const fitted = fitLayout(spec, calibration.scenario);
    specs.push(spec);
    fits.push(fitted.fits);
    resimulated.push(fitted.run.result);
    hostBusy.push(fitted.run.hostBusyShare);
    validation.push(...compareLayout(fitted.run.result, layout));
  }
  return { calibration, specs, fits, hostBusy, resimulated, validation };
}

/** A copy of a fitted spec with the model what-ifs applied (the fitted one stays as it was). */
export function withWhatIfs(spec: LayoutSpec, whatIfs: readonly WhatIf[]): LayoutSpec {
  const copy: LayoutSpec = {
    ...spec,
    lanes: spec.lanes.map((lane) => ({ ...lane })),
    kinds: spec.kinds.map((kind) => {
      const dist = Object.create(Object.getPrototypeOf(kind.dist) as object) as typeof kind.dist;
      Object.assign(dist, kind.dist);
      return { ...kind, dist };
    }),
  };
  applyModelWhatIfs(copy, whatIfs);
  return copy;
}

export function modelStatement(model: CalibratedModel): string[] {
  const lines = [
    'discrete-event simulation of the scenario’s own arrival schedule and journeys (same seed, same planner), ' +
      'on a simulated µs clock',
    'each store: FIFO lanes with a fixed number of servers; service time per role.method sampled (inverse CDF) ' +
      'from the calibration run’s store-call histograms',
    'relay: polls at its interval in batches, applies 16 orders at a time as calls on the derived stores; probes ' +
      'read every probe interval, one batched call per derived store; dual-write applies inside the request',
    'not modelled: CPU shared by the tool and in-process engines, the event loop, network, caches warming, data ' +
      'growing; invariants beyond the relay draining',
  ];
  model.specs.forEach((spec, i) => {
    const fits = model.fits[i]!;
    const lanes = spec.lanes.map((lane) => {
      const fit = fits.find((f) => f.lane === lane.id);
      const servers = Number.isFinite(lane.servers)
        ? `${lane.servers} server${lane.servers === 1 ? '' : 's'}`
        : 'no queue';
      return `${lane.id} ${servers}${fit ? `, service ×${fit.scale.toFixed(2)} (fitted: wait removed)` : ''} — ${lane.why}`;
    });
    lines.push(`${spec.name}: ${lanes.join('; ')}`);
    const stalls = spec.hostStalls;
    lines.push(
      `${spec.name}: the tool's own work ${spec.kinds[spec.dispatchKind]!.dist.scale.toFixed(0)} µs per step start and per answer (from the calibration's step times); ` +
        (stalls.ratePerS > 0
          ? `thread stalls ${stalls.ratePerS.toFixed(1)}/s × ${(stalls.meanUs / 1000).toFixed(1)} ms mean (fitted to the measured schedule lag)`
          : 'no thread stalls (the lanes explain the measured schedule lag)') +
        `; the thread busy ${(model.hostBusy[i]! * 100).toFixed(0)} % of the run in the model, measured process CPU ` +
        `${spec.calibration.health.cpuPercent.toFixed(0)} % of a core (${spec.calibration.health.cpuIncludes})`,
    );
    lines.push(...spec.substitutions);
  });
  return lines;
}

export interface Prediction {
  report: Report;
  calls: number;
  events: number;
  simulatedUs: number;
}

export function predict(
  model: CalibratedModel,
  scenario: Scenario,
  whatIfs: readonly WhatIf[],
  labels: string[],
  tool: { name: string; version: string },
): Prediction {
  let calls = 0;
  let events = 0;
  let simulatedUs = 0;
  const layouts = model.specs.map((spec) => {
    const run = simulateLayout(withWhatIfs(spec, whatIfs), scenario);
    calls += run.calls;
    events += run.events;
    simulatedUs = Math.max(simulatedUs, run.simulatedUs);
    return run.result;
  });
  return { report: simulatedReport(model, scenario, layouts, labels, tool), calls, events, simulatedUs };
}

export function simulatedReport(
  model: CalibratedModel,
  scenario: Scenario,
  layouts: LayoutResult[],
  labels: string[],
  tool: { name: string; version: string },
): Report {
  const calibrated = model.calibration.report;
  return {
    schema: REPORT_SCHEMA,
    schemaVersion: REPORT_SCHEMA_VERSION,
    tool,
    createdAt: new Date().toISOString(),
    scenario: {
      name: scenario.name,
      file: calibrated.scenario.file,
      seed: scenario.seed,
      config: withoutSecrets(scenario),
    },
    environment: thisMachine(),
    embeddedNote: calibrated.embeddedNote,
    interrupted: false,
    layouts,
    comparison: compareLayouts(layouts),
    simulation: {
      model: modelStatement(model),
      calibration: model.calibration.file,
      whatIfs: labels,
      validation: model.validation,
    },
  };
}
