// A relay slowed by a known delay must show at least that delay in both lag measurements, and the two
// measurements must tell the same story (docs/measurements.md).
import { beforeAll, describe, expect, it } from 'vitest';
import { oneLineOrder } from './one-line-order.js';
import { visibleIn } from './visible-in.js';
import type { Order } from '../../src/domain.js';
import { nowUs } from '../../src/metrics/clock.js';
import { initHistograms } from '../../src/metrics/histogram.js';
import { LagRecorder } from '../../src/propagation/lag.js';
import { CommitLedger } from '../../src/propagation/ledger.js';
import { OutboxRelay } from '../../src/propagation/outbox-relay.js';
import { VisibilityProbes } from '../../src/propagation/probes.js';
import type { DerivedTarget } from '../../src/propagation/targets.js';
import type { InventoryRole, OutboxRow } from '../../src/roles.js';

const DELAY_MS = 120;
const PROBE_MS = 2;

function fakeOutbox() {
  const rows: OutboxRow[] = [];
  let seq = 0;
  const inventory = {
    pendingOutbox: async (limit: number) => rows.slice(0, limit),
    markOutboxApplied: async (seqs: readonly number[]) => {
      for (const s of seqs)
        rows.splice(
          rows.findIndex((r) => r.seq === s),
          1,
        );
    },
  } as unknown as InventoryRole;
  return { inventory, push: (order: Order) => rows.push({ seq: ++seq, kind: 'purchase', order }) };
}

function fakeTarget(role: 'graph' | 'analytics', lag: LagRecorder): DerivedTarget & { held: Set<string> } {
  const held = new Set<string>();
  return {
    role,
    held,
    lag,
    apply: async (order) => void held.add(order.id),
    retract: async (order) => void held.delete(order.id),
    visibleOrders: visibleIn(held),
  };
}

const order = oneLineOrder;

beforeAll(() => initHistograms());

describe('outbox relay lag', () => {
  it('reports a relay delayed by a known amount as at least that much apply and visible lag', async () => {
    const lag = new LagRecorder('inventory@fake', 'graph@fake', 'outbox', {
      intervalUs: PROBE_MS * 1000,
      timeoutUs: 5_000_000,
    });
    const target = fakeTarget('graph', lag);
    const { inventory, push } = fakeOutbox();
    const ledger = new CommitLedger();
    const relay = new OutboxRelay(inventory, [target], ledger, {
      pollIntervalMs: 5,
      batchSize: 10,
      applyDelayMs: DELAY_MS,
    });
    const probes = new VisibilityProbes([target], PROBE_MS, 5000);
    relay.start();
    for (let i = 0; i < 10; i++) {
      const o = order(`o${i}`);
      push(o);
      const ack = nowUs();
      ledger.committed(o.id, ack);
      probes.watch(o.id, ack);
      await new Promise((r) => setTimeout(r, 15));
    }
    expect((await relay.drain(5000)).drained).toBe(true);
    await probes.settle(5000);
    probes.stop();
    await relay.stop();

    const stats = lag.stats();
    expect(stats.apply!.count).toBe(10);
    expect(stats.visible!.count).toBe(10);
    expect(stats.sampled).toBe(10);
    expect(stats.neverVisible).toBe(0);
    expect(stats.apply!.min).toBeGreaterThanOrEqual(DELAY_MS * 1000);
    expect(stats.visible!.min).toBeGreaterThanOrEqual(DELAY_MS * 1000);
    // The two measurements agree within the resolution the report states: one probe interval, or the gap the
    // probes actually achieved when a busy event loop stretched their rounds (plus a timer tick of slack).
    const resolutionUs = Math.max(PROBE_MS * 1000, stats.probeGapP99Us ?? 0) + 1000;
    expect(stats.visible!.p50 - stats.apply!.p50).toBeGreaterThanOrEqual(0);
    expect(stats.visible!.p50 - stats.apply!.p50).toBeLessThanOrEqual(resolutionUs);
    // Nothing is visible within 100 ms when the relay waits 120 ms.
    expect(stats.tVisibility.find((t) => t.withinMs === 100)!.fraction).toBe(0);
    expect(stats.tVisibility.find((t) => t.withinMs === 10_000)!.fraction).toBe(1);
    lag.destroy();
  });

  it('reports the resolution actually achieved when probe reads are slower than the interval', async () => {
    const lag = new LagRecorder('inventory@fake', 'graph@fake', 'outbox', {
      intervalUs: 1000,
      timeoutUs: 5_000_000,
    });
    const held = new Set<string>();
    const slowTarget: DerivedTarget = {
      role: 'graph',
      lag,
      apply: async (o) => void held.add(o.id),
      retract: async (o) => void held.delete(o.id),
      // Every read takes 15 ms: with a 1 ms interval, consecutive reads of a write are ≥ 15 ms apart.
      visibleOrders: async (ids) => {
        await new Promise((r) => setTimeout(r, 15));
        return visibleIn(held)(ids);
      },
    };
    const probes = new VisibilityProbes([slowTarget], 1, 5000);
    const o = order('slow-read');
    probes.watch(o.id, nowUs());
    await new Promise((r) => setTimeout(r, 40));
    held.add(o.id);
    await probes.settle(5000);
    probes.stop();
    const stats = lag.stats();
    expect(stats.sampled).toBe(1);
    expect(stats.neverVisible).toBe(0);
    expect(stats.probeIntervalUs).toBe(1000);
    expect(stats.probeGapP99Us).toBeGreaterThanOrEqual(14_000);
    lag.destroy();
  });

  it('counts a write the relay never delivers as not seen, censored at the probe timeout', async () => {
    const lag = new LagRecorder('inventory@fake', 'analytics@fake', 'outbox', {
      intervalUs: PROBE_MS * 1000,
      timeoutUs: 5_000_000,
    });
    const target = fakeTarget('analytics', lag);
    const probes = new VisibilityProbes([target], PROBE_MS, 50);
    probes.watch('lost', nowUs());
    await probes.settle(2000);
    probes.stop();
    const stats = lag.stats();
    expect(stats.sampled).toBe(1);
    expect(stats.neverVisible).toBe(1);
    expect(stats.visible).toBeNull();
    // Watched for 50 ms: not visible within 1 or 10 ms; whether it was by 100 ms or later was never observed.
    const fraction = (ms: number) => stats.tVisibility.find((t) => t.withinMs === ms)!.fraction;
    expect([fraction(1), fraction(10)]).toEqual([0, 0]);
    expect([fraction(100), fraction(1000), fraction(10_000)]).toEqual([null, null, null]);
    lag.destroy();
  });

  it('applies an order redelivered after a failed batch once, and measures its lag once', async () => {
    const lag = new LagRecorder('inventory@fake', 'graph@fake', 'outbox', {
      intervalUs: PROBE_MS * 1000,
      timeoutUs: 5_000_000,
    });
    const target = fakeTarget('graph', lag);
    let failMarks = 1;
    const { inventory, push } = fakeOutbox();
    const realMark = inventory.markOutboxApplied.bind(inventory);
    inventory.markOutboxApplied = async (seqs) => {
      if (failMarks-- > 0) throw new Error('connection reset');
      return realMark(seqs);
    };
    const ledger = new CommitLedger();
    const relay = new OutboxRelay(inventory, [target], ledger, { pollIntervalMs: 2, batchSize: 10 });
    push(order('again'));
    ledger.committed('again', nowUs());
    relay.start();
    expect((await relay.drain(5000)).drained).toBe(true);
    await relay.stop();
    expect(relay.errors).toBe(1);
    expect(target.held.has('again')).toBe(true);
    expect(lag.stats().apply!.count).toBe(1);
    lag.destroy();
  });

  it('probes from the commit, counts a write only once its checkout is acknowledged, and never a compensated one', async () => {
    const lag = new LagRecorder('inventory@fake', 'graph@fake', 'outbox', {
      intervalUs: PROBE_MS * 1000,
      timeoutUs: 5_000_000,
    });
    const target = fakeTarget('graph', lag);
    const probes = new VisibilityProbes([target], PROBE_MS, 5000);
    const commitUs = nowUs();
    probes.watch('kept', commitUs, true);
    probes.watch('compensated', commitUs, true);
    target.held.add('kept');
    target.held.add('compensated');
    // Seen before the shopper is told: held, not yet counted.
    probes.abandon('compensated');
    while (probes.outstanding > 0) await new Promise((r) => setTimeout(r, PROBE_MS));
    expect(lag.stats().sampled).toBe(0);
    const acknowledgedUs = nowUs();
    probes.acknowledge('kept');
    probes.stop();
    const stats = lag.stats();
    expect(stats.sampled).toBe(1);
    expect(stats.neverVisible).toBe(0);
    // Measured from the commit: the probe saw the write before the shopper was told.
    expect(stats.visible!.max).toBeLessThan(acknowledgedUs - commitUs);
    lag.destroy();
  });
});
