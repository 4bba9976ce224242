// `simulate --sweep rate=1x..20x`: the model run at rising rate factors, and how each layout's p99, lag and drops
// grow with load. The knee is the last factor before the layout stops keeping up: arrivals dropped, the relay
// left with a backlog, or the worst shopper operation's p99 past three times its value at the first factor.
import { UserError } from '../errors.js';
import type { LayoutResult } from '../metrics/types.js';
import { formatDuration } from '../report/format.js';
import { newTable } from '../report/style.js';
import type { Scenario } from '../scenario/types.js';
import { SHOPPER_OPERATIONS } from '../workloads/journeys.js';
import { predict, type CalibratedModel } from './simulate-scenario.js';
import { MAX_DRAIN_MS } from './slo.js';
import { applyScenarioWhatIfs, parseFactor, type WhatIf } from './what-if.js';

const KNEE_P99_GROWTH = 3;

export function parseSweep(text: string): number[] {
  const match = /^rate=([^.]+)\.\.([^:]+)(?::(\d+))?$/.exec(text.trim());
  const from = match ? parseFactor(match[1]!) : null;
  const to = match ? parseFactor(match[2]!) : null;
  if (!match || from === null || to === null || to <= from)
    throw new UserError(`--sweep ${text}: expected rate=<from>..<to>[:<points>], e.g. rate=1x..20x`);
  const points = match[3] ? Number(match[3]) : null;
  if (points !== null) {
    if (points < 2 || points > 50) throw new UserError(`--sweep ${text}: between 2 and 50 points`);
    return Array.from({ length: points }, (_, i) => from * (to / from) ** (i / (points - 1)));
  }
  const factors: number[] = [];
  for (let f = from; f < to; f *= 2) factors.push(f);
  factors.push(to);
  return factors;
}

export interface SweepRow {
  factor: number;
  layout: string;
  worstOperation: string | null;
  worstP99Us: number | null;
  checkoutP99Us: number | null;
  applyP99Us: number | null;
  visibleP99Us: number | null;
  droppedShare: number;
  drained: boolean;
}

function rowOf(factor: number, layout: LayoutResult): SweepRow {
  let worst: { name: string; p99: number } | null = null;
  for (const op of layout.operations) {
    if (!SHOPPER_OPERATIONS.includes(op.name) || !op.response) continue;
    if (!worst || op.response.p99 > worst.p99) worst = { name: op.name, p99: op.response.p99 };
  }
  const max = (values: Array<number | undefined>) => {
    const known = values.filter((v): v is number => v !== undefined);
    return known.length > 0 ? Math.max(...known) : null;
  };
  const intended = layout.schedule?.intended ?? 0;
  return {
    factor,
    layout: layout.layout,
    worstOperation: worst?.name ?? null,
    worstP99Us: worst?.p99 ?? null,
    checkoutP99Us: layout.operations.find((op) => op.name === 'checkout')?.response?.p99 ?? null,
    applyP99Us: max(layout.lag.map((lag) => lag.apply?.p99)),
    visibleP99Us: max(layout.lag.map((lag) => lag.visible?.p99)),
    droppedShare: intended > 0 ? (layout.schedule?.dropped ?? 0) / intended : 0,
    drained: layout.invariants.drained && layout.invariants.drainMs <= MAX_DRAIN_MS,
  };
}

export function runSweep(
  model: CalibratedModel,
  base: Scenario,
  factors: readonly number[],
  whatIfs: readonly WhatIf[],
  tool: { name: string; version: string },
): SweepRow[] {
  const rows: SweepRow[] = [];
  for (const factor of factors) {
    const scenario = applyScenarioWhatIfs(base, factor, whatIfs);
    const { report } = predict(model, scenario, whatIfs, [`rate ×${factor}`], tool);
    for (const layout of report.layouts) rows.push(rowOf(factor, layout));
  }
  return rows;
}

/** The last factor at which the layout still kept up; null if it did not at the first. */
export function knee(rows: readonly SweepRow[]): number | null {
  const first = rows[0];
  let last: number | null = null;
  for (const row of rows) {
    const grown =
      first?.worstP99Us != null &&
      row.worstP99Us != null &&
      row.worstP99Us > KNEE_P99_GROWTH * first.worstP99Us;
    if (row.droppedShare > 0 || !row.drained || grown) break;
    last = row.factor;
  }
  return last;
}

export function renderSweep(rows: readonly SweepRow[], model: CalibratedModel, color = false): string {
  const table = newTable(
    [
      'rate',
      'layout',
      'worst p99 (operation)',
      'checkout p99',
      'apply p99',
      'visible p99',
      'dropped',
      'relay',
    ],
    color,
  );
  for (const row of rows) {
    table.push([
      `×${row.factor.toFixed(row.factor < 10 ? 2 : 1)}`,
      row.layout,
      row.worstP99Us === null ? '—' : `${formatDuration(row.worstP99Us)} (${row.worstOperation})`,
      formatDuration(row.checkoutP99Us),
      formatDuration(row.applyP99Us),
      formatDuration(row.visibleP99Us),
      `${(row.droppedShare * 100).toFixed(1)} %`,
      row.drained ? 'keeps up' : 'backlog',
    ]);
  }
  const knees = model.specs.map((spec) => {
    const k = knee(rows.filter((row) => row.layout === spec.name));
    return `${spec.name} ${k === null ? 'below the first rate' : `×${k.toFixed(2)}`}`;
  });
  return (
    'SIMULATED sweep (response time; every phase’s arrival rate × the factor):\n' +
    `${table.toString()}\n` +
    `knee (last rate before drops, a relay backlog, or the worst p99 past ${KNEE_P99_GROWTH}× its first value): ` +
    `${knees.join(' · ')}\n`
  );
}
