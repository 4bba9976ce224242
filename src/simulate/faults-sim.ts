// The scenario's fault timeline applied to the model, on and off at the stated instants of measured time: added
// latency before a store's calls, a refused store failing them at once, a hung store's calls waiting until
// the fault ends, a slowed relay waiting before each batch. The fault-impact tables
// (before / during / after) are not simulated; the figures of the whole run carry the faults' effect.
import type { FaultResult } from '../metrics/types.js';
import type { FaultSpec } from '../scenario/types.js';
import type { EventTarget } from './event-queue.js';
import type { SimContext } from './sim-context.js';
import type { SimRelay } from './relay-sim.js';

const ON = 0;
const OFF = 1;

class SimFault implements EventTarget {
  constructor(
    private readonly ctx: SimContext,
    private readonly fault: FaultSpec,
    private readonly store: string | null,
    private readonly relay: SimRelay | null,
    /** When the fault ends: a hung store's calls wait until then. */
    private readonly untilUs: number,
  ) {}

  fire(code: number): void {
    const on = code === ON;
    const effect = this.fault.effect;
    if (effect.kind === 'slow-relay') {
      if (this.relay) this.relay.applyDelayUs = on ? effect.delayMs * 1000 : 0;
      return;
    }
    const state = this.store === null ? undefined : this.ctx.storeFault(this.store);
    if (!state || this.store === null) return;
    if (effect.kind === 'latency') state.latencyUs += (on ? 1 : -1) * effect.ms * 1000;
    else if (effect.mode === 'refused') state.refused = on;
    else state.hungUntilUs = on ? this.untilUs : 0;
  }
}

function describe(fault: FaultSpec, store: string | null): string {
  const effect = fault.effect;
  const what =
    effect.kind === 'latency'
      ? `+${effect.ms} ms latency`
      : effect.kind === 'outage'
        ? `outage (${effect.mode})`
        : `relay slowed by ${effect.delayMs} ms a batch`;
  const target =
    fault.target === null
      ? 'relay'
      : 'role' in fault.target
        ? `${fault.target.role} → ${store}`
        : (store ?? '?');
  return `${target}: ${what}, ${fault.fromMs / 1000}s–${fault.toMs / 1000}s`;
}

/** Schedules every fault that hits this layout; returns what the report lists for them. */
export function scheduleFaults(ctx: SimContext, relay: SimRelay | null): FaultResult[] {
  const results: FaultResult[] = [];
  for (const fault of ctx.scenario.faults) {
    let store: string | null = null;
    if (fault.target !== null) {
      store = 'role' in fault.target ? ctx.spec.stores[fault.target.role] : fault.target.store;
      if (!ctx.storeFault(store)) continue;
    }
    const startUs = ctx.times.windowStartUs + fault.fromMs * 1000;
    const endUs = ctx.times.windowStartUs + fault.toMs * 1000;
    const simFault = new SimFault(ctx, fault, store, relay, endUs);
    ctx.queue.at(startUs, simFault, ON);
    ctx.queue.at(endUs, simFault, OFF);
    results.push({
      description: describe(fault, store),
      store,
      via: 'the simulation model',
      startedAtS: fault.fromMs / 1000,
      endedAtS: fault.toMs / 1000,
      operations: [],
      recovery: null,
      lag: [],
    });
  }
  return results;
}
