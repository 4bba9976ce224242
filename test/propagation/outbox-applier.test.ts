// The relays' apply of outbox rows (docs/architecture.md, "A compensated checkout"): a retraction undoes its
// purchase in every derived store, and no order of delivery — in one batch, the purchase again after its
// retraction (at-least-once), or the retraction alone — leaves the purchase behind.
import { describe, expect, it } from 'vitest';
import type { Order } from '../../src/domain.js';
import { CommitLedger } from '../../src/propagation/ledger.js';
import { OutboxApplier } from '../../src/propagation/outbox-applier.js';
import type { DerivedTarget } from '../../src/propagation/targets.js';
import type { OutboxKind, OutboxRow } from '../../src/roles.js';
import { oneLineOrder } from './one-line-order.js';
import { visibleIn } from './visible-in.js';

/** A derived store that holds orders as a set and records every call, in order. */
function fakeTarget(role: DerivedTarget['role']) {
  const held = new Set<string>();
  const calls: string[] = [];
  const target: DerivedTarget = {
    role,
    lag: { applied: () => undefined, probed: () => undefined },
    apply: async (order: Order) => {
      calls.push(`apply ${order.id}`);
      held.add(order.id);
    },
    retract: async (order: Order) => {
      calls.push(`retract ${order.id}`);
      held.delete(order.id);
    },
    visibleOrders: visibleIn(held),
  };
  return { target, held, calls };
}

let seq = 0;
const row = (kind: OutboxKind, id: string): OutboxRow => ({ seq: ++seq, kind, order: oneLineOrder(id) });

describe('outbox applier', () => {
  it('applies purchases and undoes retracted ones in every derived store', async () => {
    const graph = fakeTarget('graph');
    const search = fakeTarget('search');
    const applier = new OutboxApplier([graph.target, search.target], new CommitLedger());
    await applier.apply([row('purchase', 'kept'), row('purchase', 'compensated')]);
    await applier.apply([row('retraction', 'compensated')]);
    for (const store of [graph, search]) expect([...store.held]).toEqual(['kept']);
  });

  it('never applies a purchase that shares its batch with its retraction', async () => {
    const graph = fakeTarget('graph');
    const applier = new OutboxApplier([graph.target], new CommitLedger());
    await applier.apply([row('purchase', 'compensated'), row('retraction', 'compensated')]);
    expect(graph.calls).toEqual(['retract compensated']);
    expect(graph.held.size).toBe(0);
  });

  it('skips a purchase delivered again after its retraction, and undoes a twice-released order once', async () => {
    const graph = fakeTarget('graph');
    const applier = new OutboxApplier([graph.target], new CommitLedger());
    await applier.apply([row('purchase', 'compensated')]);
    await applier.apply([row('retraction', 'compensated'), row('retraction', 'compensated')]);
    // A cdc catch-up after a reconnect redelivers a purchase whose marking was lost.
    await applier.apply([row('purchase', 'compensated')]);
    expect(graph.calls).toEqual(['apply compensated', 'retract compensated']);
    expect(graph.held.size).toBe(0);
  });

  it('retracts an order whose purchase never came (dropped while pending) without touching others', async () => {
    const graph = fakeTarget('graph');
    const applier = new OutboxApplier([graph.target], new CommitLedger());
    await applier.apply([row('purchase', 'other'), row('retraction', 'dropped')]);
    await applier.apply([row('purchase', 'dropped')]);
    expect([...graph.held]).toEqual(['other']);
  });

  it('throws when a store fails, so the relay offers the rows again', async () => {
    const graph = fakeTarget('graph');
    graph.target.retract = async () => {
      throw new Error('graph is down');
    };
    const applier = new OutboxApplier([graph.target], new CommitLedger());
    await applier.apply([row('purchase', 'compensated')]);
    const retraction = row('retraction', 'compensated');
    await expect(applier.apply([retraction])).rejects.toThrow('graph is down');
    // Offered again with the store back: the purchase goes.
    graph.target.retract = async (order) => void graph.held.delete(order.id);
    await applier.apply([retraction]);
    expect(graph.held.size).toBe(0);
  });
});
