// Capacity: the highest rate factor (× every phase's arrival rate) a layout sustains within the SLO. Steps the
// factor by doubling until a step fails, then bisects between the last pass and the first failure. The same
// search drives real runs (src/commands/capacity.ts) and the model (predictCapacity), so the two are comparable.
import type { Scenario } from '../scenario/types.js';
import { newTable } from '../report/style.js';
import { simulateLayout } from './simulate-layout.js';
import { withWhatIfs, type CalibratedModel } from './simulate-scenario.js';
import { judge, type Judgement, type Objective } from './slo.js';
import { applyScenarioWhatIfs, type WhatIf } from './what-if.js';

export interface CapacityStep {
  factor: number;
  judgement: Judgement;
}

export interface CapacityResult {
  layout: string;
  /** Highest factor that passed; null if even the lowest tried failed. */
  factor: number | null;
  /** Arrivals per second at the scenario's busiest phase at that factor. */
  peakRate: number | null;
  steps: CapacityStep[];
}

export interface SearchOptions {
  start: number;
  maxFactor: number;
  minFactor: number;
  bisections: number;
}

/** The scenario's highest arrival rate (any phase, ramps included), per second. */
export function peakRate(scenario: Scenario): number {
  if (scenario.load.model !== 'open') return 0;
  return Math.max(...scenario.load.phases.map((p) => Math.max(p.arrivalRate, p.rampTo)));
}

export async function searchCapacity(
  layout: string,
  basePeak: number,
  evaluate: (factor: number) => Promise<Judgement>,
  options: SearchOptions,
): Promise<CapacityResult> {
  const steps: CapacityStep[] = [];
  const tryFactor = async (factor: number) => {
    const judgement = await evaluate(factor);
    steps.push({ factor, judgement });
    return judgement.pass;
  };
  let pass: number | null = null;
  let fail: number | null = null;
  let factor = options.start;
  if (await tryFactor(factor)) {
    pass = factor;
    while (factor * 2 <= options.maxFactor) {
      factor *= 2;
      if (await tryFactor(factor)) pass = factor;
      else {
        fail = factor;
        break;
      }
    }
  } else {
    fail = factor;
    while (factor / 2 >= options.minFactor) {
      factor /= 2;
      if (await tryFactor(factor)) {
        pass = factor;
        break;
      }
      fail = factor;
    }
  }
  if (pass !== null && fail !== null) {
    let low: number = pass;
    let high: number = fail;
    for (let i = 0; i < options.bisections; i++) {
      const mid = (low + high) / 2;
      if (await tryFactor(mid)) low = mid;
      else high = mid;
    }
    pass = low;
  }
  return { layout, factor: pass, peakRate: pass === null ? null : pass * basePeak, steps };
}

/** The model's answer: the same search over simulated runs. */
export async function predictCapacity(
  model: CalibratedModel,
  base: Scenario,
  objectives: readonly Objective[],
  whatIfs: readonly WhatIf[],
): Promise<CapacityResult[]> {
  const results: CapacityResult[] = [];
  for (const fitted of model.specs) {
    const spec = withWhatIfs(fitted, whatIfs);
    const evaluate = (factor: number) =>
      Promise.resolve(judge(simulateLayout(spec, applyScenarioWhatIfs(base, factor, [])).result, objectives));
    results.push(
      await searchCapacity(spec.name, peakRate(base), evaluate, {
        start: 1,
        maxFactor: 1024,
        minFactor: 1 / 64,
        bisections: 6,
      }),
    );
  }
  return results;
}

function factorText(result: CapacityResult | undefined): string {
  if (!result) return '—';
  if (result.factor === null) return 'none (fails at the lowest rate tried)';
  return `×${result.factor.toFixed(2)} · ${result.peakRate!.toFixed(0)}/s peak`;
}

export function renderCapacity(
  objectives: readonly Objective[],
  predicted: readonly CapacityResult[] | null,
  measured: readonly CapacityResult[] | null,
  color = false,
): string {
  const layouts = (measured ?? predicted ?? []).map((r) => r.layout);
  const head = [
    'layout',
    ...(measured ? ['measured capacity'] : []),
    ...(predicted ? ['predicted (SIMULATED)'] : []),
  ];
  const table = newTable(
    head,
    color,
    head.map(() => 'left' as const),
  );
  for (const layout of layouts) {
    table.push([
      layout,
      ...(measured ? [factorText(measured.find((r) => r.layout === layout))] : []),
      ...(predicted ? [factorText(predicted.find((r) => r.layout === layout))] : []),
    ]);
  }
  const lines = [
    `capacity within ${objectives.map((o) => o.text).join(', ')}, no dropped arrivals, no growing backlog ` +
      '(rate factor × every phase of the scenario):',
    table.toString(),
  ];
  for (const [label, results] of [
    ['measured', measured],
    ['predicted', predicted],
  ] as const) {
    for (const r of results ?? []) {
      const steps = r.steps.map(
        (s) => `×${s.factor.toFixed(2)} ${s.judgement.pass ? 'ok' : `✗ ${s.judgement.reason}`}`,
      );
      lines.push(`  ${label} ${r.layout}: ${steps.join(' · ')}`);
    }
  }
  return `${lines.join('\n')}\n`;
}
