// What-ifs: changes to the calibrated model or to the scenario, from the command line. A store is named by the
// role it serves (graph) or by its store name (kuzu). Forms:
//   <store>.slower=2x | <store>.faster=1.5x   every service time of that store ×2 (÷1.5)
//   pool.<store>=16                            that store's lanes serve 16 calls at once
//   relay.interval=50ms | relay.batch=200      the relay's poll interval or batch size
//   down.<store>=10s-20s[:hung]                that store refuses (or hangs) from 10 s to 20 s of measured time
// and --rate 10x: every phase's arrival rate ×10.
import { UserError } from '../errors.js';
import { ROLE_NAMES, type RoleName } from '../roles.js';
import { durationToMs } from '../scenario/duration.js';
import type { Scenario } from '../scenario/types.js';
import type { LayoutSpec } from './model.js';

export type WhatIf =
  | { text: string; kind: 'speed'; store: string; factor: number }
  | { text: string; kind: 'pool'; store: string; servers: number }
  | { text: string; kind: 'relay'; interval?: number; batch?: number }
  | { text: string; kind: 'down'; store: string; fromMs: number; toMs: number; hung: boolean };

const FORMS =
  'graph.slower=2x, inventory.faster=1.5x, pool.inventory=16, relay.interval=50ms, relay.batch=200, down.graph=10s-20s[:hung]';

function bad(text: string, why: string): UserError {
  return new UserError(`--what-if ${text}: ${why} (forms: ${FORMS})`);
}

/** "10x", "2.5×", "3" → the factor; null if not a positive number. */
export function parseFactor(value: string): number | null {
  const n = Number(value.replace(/[x×]$/i, ''));
  return Number.isFinite(n) && n > 0 ? n : null;
}

export function parseWhatIf(text: string): WhatIf {
  const eq = text.indexOf('=');
  if (eq < 0) throw bad(text, 'expected name=value');
  const name = text.slice(0, eq).trim();
  const value = text.slice(eq + 1).trim();
  const [head, tail] = name.split('.', 2) as [string, string | undefined];
  if (tail === 'slower' || tail === 'faster') {
    const factor = parseFactor(value);
    if (factor === null) throw bad(text, `"${value}" is not a factor like 2x`);
    return { text, kind: 'speed', store: head, factor: tail === 'slower' ? factor : 1 / factor };
  }
  if (head === 'pool' && tail) {
    const servers = Number(value);
    if (!Number.isInteger(servers) || servers < 1) throw bad(text, `"${value}" is not a pool size`);
    return { text, kind: 'pool', store: tail, servers };
  }
  if (head === 'relay' && tail === 'interval') {
    const ms = durationToMs(value);
    if (ms === null || ms < 0) throw bad(text, `"${value}" is not a duration`);
    return { text, kind: 'relay', interval: ms };
  }
  if (head === 'relay' && tail === 'batch') {
    const batch = Number(value);
    if (!Number.isInteger(batch) || batch < 1) throw bad(text, `"${value}" is not a batch size`);
    return { text, kind: 'relay', batch };
  }
  if (head === 'down' && tail) {
    const match = /^([^-:]+)-([^:]+)(?::(hung|refused))?$/.exec(value);
    const fromMs = match ? durationToMs(match[1]!) : null;
    const toMs = match ? durationToMs(match[2]!) : null;
    if (fromMs === null || toMs === null || toMs <= fromMs)
      throw bad(text, `"${value}" is not a window like 10s-20s`);
    return { text, kind: 'down', store: tail, fromMs, toMs, hung: match![3] === 'hung' };
  }
  throw bad(text, `unknown what-if "${name}"`);
}

/** The store a name means in a layout: a role's store, or a store of the layout by name; null if neither. */
function storeOf(spec: LayoutSpec, name: string): string | null {
  if ((ROLE_NAMES as readonly string[]).includes(name)) return spec.stores[name as RoleName];
  return Object.values(spec.stores).includes(name) ? name : null;
}

/** Applies the model what-ifs (speed, pool) to a fitted layout spec in place. */
export function applyModelWhatIfs(spec: LayoutSpec, whatIfs: readonly WhatIf[]): void {
  for (const w of whatIfs) {
    if (w.kind !== 'speed' && w.kind !== 'pool') continue;
    const store = storeOf(spec, w.store);
    if (store === null) continue;
    if (w.kind === 'speed') {
      for (const kind of spec.kinds) if (kind.store === store) kind.dist.scale *= w.factor;
    } else {
      for (const lane of spec.lanes) if (lane.store === store) lane.servers = w.servers;
    }
  }
}

/** A name no layout knows is a typo: one line naming what exists. */
export function checkWhatIfNames(specs: readonly LayoutSpec[], whatIfs: readonly WhatIf[]): void {
  for (const w of whatIfs) {
    if (w.kind === 'relay') continue;
    if (specs.some((spec) => storeOf(spec, w.store) !== null)) continue;
    const stores = [...new Set(specs.flatMap((spec) => Object.values(spec.stores)))];
    throw new UserError(
      `--what-if ${w.text}: "${w.store}" is neither a role (${ROLE_NAMES.join(', ')}) nor a store (${stores.join(', ')})`,
    );
  }
}

/** The scenario with the rate scaled and the scenario what-ifs (relay, down) applied. */
export function applyScenarioWhatIfs(scenario: Scenario, rate: number, whatIfs: readonly WhatIf[]): Scenario {
  const result = structuredClone(scenario);
  if (result.load.model === 'open' && rate !== 1) {
    for (const phase of result.load.phases) {
      phase.arrivalRate *= rate;
      phase.rampTo *= rate;
    }
  }
  for (const w of whatIfs) {
    if (w.kind === 'relay') {
      if (w.interval !== undefined) result.propagation.pollIntervalMs = w.interval;
      if (w.batch !== undefined) result.propagation.batchSize = w.batch;
    } else if (w.kind === 'down') {
      const target = (ROLE_NAMES as readonly string[]).includes(w.store)
        ? { role: w.store as RoleName }
        : { store: w.store };
      result.faults.push({
        target,
        fromMs: w.fromMs,
        toMs: w.toMs,
        effect: { kind: 'outage', mode: w.hung ? 'hung' : 'refused' },
      });
    }
  }
  return result;
}
