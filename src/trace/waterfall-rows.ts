// A trace as the rows a waterfall draws, shared by the terminal and any other renderer: the shopper's steps with
// their calls under them, then the propagation (the relay's calls one by one, a reader's repeated probe reads of
// one store folded into one row), then when each derived store got the write.
import type { JourneyTrace, TracedCall } from '../metrics/types.js';

export interface WaterfallRow {
  kind: 'step' | 'call' | 'probes' | 'target';
  /** "checkout", "inventory.reserve", "graph.visibleOrders ×3", "graph@kuzu" */
  label: string;
  store: string | null;
  source: TracedCall['source'] | null;
  startUs: number;
  durationUs: number;
  critical: boolean;
  ok: boolean;
  /** Target rows: when the derived store acknowledged the write and when a reader first saw it. */
  appliedUs?: number | null;
  visibleUs?: number | null;
}

export interface Waterfall {
  shopper: WaterfallRow[];
  propagation: WaterfallRow[];
  /** The instant the checkout's source commit returned (the end of the call that committed), if any. */
  commitUs: number | null;
  /** The waterfall's right edge: the last thing that happened. */
  endUs: number;
}

export function waterfallRows(trace: JourneyTrace): Waterfall {
  const shopper: WaterfallRow[] = [];
  for (const step of trace.steps) {
    shopper.push({
      kind: 'step',
      label: step.outcome === 'ok' ? step.name : `${step.name} (${step.outcome})`,
      store: null,
      source: null,
      startUs: step.startUs,
      durationUs: step.durationUs,
      critical: false,
      ok: step.outcome !== 'error',
    });
    const endUs = step.startUs + step.durationUs;
    for (const call of trace.calls) {
      if (call.source !== 'operation' || call.startUs < step.startUs || call.startUs > endUs) continue;
      shopper.push(callRow(call));
    }
  }

  const propagation: WaterfallRow[] = [];
  const probeRows = new Map<string, WaterfallRow & { count: number; method: string }>();
  for (const call of trace.calls) {
    if (call.source === 'relay' || call.source === 'reconcile') propagation.push(callRow(call));
    if (call.source !== 'probe') continue;
    const key = `${call.store}\u0000${call.role}.${call.method}`;
    const row = probeRows.get(key);
    if (!row) {
      const first = {
        ...callRow(call),
        kind: 'probes' as const,
        count: 1,
        method: `${call.role}.${call.method}`,
      };
      probeRows.set(key, first);
      propagation.push(first);
      continue;
    }
    row.count += 1;
    row.durationUs = Math.max(row.durationUs, call.startUs + call.durationUs - row.startUs);
    row.ok &&= call.ok;
  }
  for (const row of probeRows.values()) row.label = `${row.method} ×${row.count}`;

  const commitUs = commitInstant(trace);
  for (const target of trace.propagation) {
    const startUs = commitUs ?? 0;
    const lastUs = Math.max(target.appliedUs ?? startUs, target.visibleUs ?? startUs);
    propagation.push({
      kind: 'target',
      label: target.target,
      store: null,
      source: null,
      startUs,
      durationUs: lastUs - startUs,
      critical: false,
      ok: target.visibleUs !== null,
      appliedUs: target.appliedUs,
      visibleUs: target.visibleUs,
    });
  }

  const ends = [...shopper, ...propagation].map((row) => row.startUs + row.durationUs);
  return { shopper, propagation, commitUs, endUs: Math.max(1, ...ends) };
}

/** Where the checkout committed: the end of the inventory write it made (reserve, or the one transaction). */
export function commitInstant(trace: JourneyTrace): number | null {
  if (!trace.steps.some((step) => step.name === 'checkout' && step.outcome === 'ok')) return null;
  const commit = trace.calls.find(
    (call) => call.step === 'checkout' && call.role === 'inventory' && call.source === 'operation' && call.ok,
  );
  return commit ? commit.startUs + commit.durationUs : null;
}

function callRow(call: TracedCall): WaterfallRow {
  return {
    kind: 'call',
    label: `${call.role}.${call.method}`,
    store: call.store,
    source: call.source,
    startUs: call.startUs,
    durationUs: call.durationUs,
    critical: call.critical,
    ok: call.ok,
  };
}

/** How the shopper's time split: per store on the critical path, and the rest (the tool, between calls). */
export function timeByStore(trace: JourneyTrace): {
  totalUs: number;
  stores: Array<[string, number]>;
  otherUs: number;
} {
  const totalUs = trace.steps.reduce((sum, step) => sum + step.durationUs, 0);
  const byStore = new Map<string, number>();
  for (const call of trace.calls) {
    if (!call.critical) continue;
    byStore.set(call.store, (byStore.get(call.store) ?? 0) + call.durationUs);
  }
  const stores = [...byStore.entries()].sort((a, b) => b[1] - a[1]);
  const inStores = stores.reduce((sum, [, us]) => sum + us, 0);
  return { totalUs, stores, otherUs: Math.max(0, totalUs - inStores) };
}
