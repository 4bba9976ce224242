// The probes read each derived store once per round for all of its outstanding writes (docs/measurements.md,
// "Consistency lag"), and the figures stay those of the definition: visible lag = the completion of the read
// that first returned the write − its commit ack; a failed read is no evidence for any id it asked about; a write
// not seen is censored at the last read that answered "not there". The clock is the test's, so every figure is
// exact.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { PROBE_BATCH_MAX, VisibilityProbes } from '../../src/propagation/probes.js';
import type { DerivedTarget, ProbeOutcome } from '../../src/propagation/targets.js';

const clock = vi.hoisted(() => ({ us: 0 }));
vi.mock('../../src/metrics/clock.js', () => ({ nowUs: () => clock.us }));

interface Read {
  ids: string[];
  /** Answers the read at the test clock's `atUs`: with the ids it found, or by failing. */
  answer(atUs: number, found: readonly string[] | Error): Promise<void>;
}

/** A derived store whose reads wait until the test answers them, each at an instant the test chooses. */
function heldTarget(role: DerivedTarget['role'] = 'graph') {
  const reads: Read[] = [];
  const outcomes: ProbeOutcome[] = [];
  const target: DerivedTarget = {
    role,
    apply: async () => undefined,
    retract: async () => undefined,
    visibleOrders: (orderIds) =>
      new Promise<Set<string>>((resolve, reject) => {
        reads.push({
          ids: [...orderIds],
          async answer(atUs, found) {
            clock.us = atUs;
            if (found instanceof Error) reject(found);
            else resolve(new Set(found));
            // Let the probes take in the answer before the clock moves on.
            await new Promise((r) => setTimeout(r, 0));
          },
        });
      }),
    lag: { applied: () => undefined, probed: (outcome) => void outcomes.push(outcome) },
  };
  return { target, reads, outcomes };
}

/** Waits (without timing anything) until the probes have issued `count` reads in all. */
async function readsIssued(reads: readonly Read[], count: number): Promise<void> {
  while (reads.length < count) await new Promise((r) => setTimeout(r, 1));
}

const ids = (count: number, prefix = 'o') => Array.from({ length: count }, (_, i) => `${prefix}${i}`);

let probes: VisibilityProbes | null = null;
afterEach(() => {
  probes?.stop();
  probes = null;
});

describe('probe reads, batched per store', () => {
  it('reads N outstanding writes of one store with one call per round', async () => {
    const { target, reads } = heldTarget();
    probes = new VisibilityProbes([target], 1, 60_000);
    const watched = ids(50);
    for (const id of watched) probes.watch(id, 0);

    await readsIssued(reads, 1);
    expect(reads).toHaveLength(1);
    expect(reads[0]!.ids.sort()).toEqual([...watched].sort());
    await reads[0]!.answer(1_000, []);

    await readsIssued(reads, 2);
    expect(reads).toHaveLength(2);
    expect(reads[1]!.ids).toHaveLength(50);
    await reads[1]!.answer(2_000, watched.slice(0, 10));

    // The ten seen are no longer asked about.
    await readsIssued(reads, 3);
    expect(reads).toHaveLength(3);
    expect(reads[2]!.ids.sort()).toEqual(watched.slice(10).sort());
  });

  it('gives each derived store its own read, and splits a backlog into reads of at most PROBE_BATCH_MAX ids', async () => {
    const graph = heldTarget('graph');
    const search = heldTarget('search');
    probes = new VisibilityProbes([graph.target, search.target], 1, 60_000);
    const watched = ids(PROBE_BATCH_MAX * 2 + 7);
    for (const id of watched) probes.watch(id, 0);

    await readsIssued(graph.reads, 3);
    await readsIssued(search.reads, 3);
    for (const { reads } of [graph, search]) {
      expect(reads.map((read) => read.ids.length).sort((a, b) => a - b)).toEqual([
        7,
        PROBE_BATCH_MAX,
        PROBE_BATCH_MAX,
      ]);
      expect(new Set(reads.flatMap((read) => read.ids))).toEqual(new Set(watched));
    }
  });

  it('measures each write from the read that first returned it, the gap from the last read that answered', async () => {
    const { target, reads, outcomes } = heldTarget();
    probes = new VisibilityProbes([target], 1, 60_000);
    probes.watch('a', 100);
    probes.watch('b', 300);
    probes.watch('c', 500);

    await readsIssued(reads, 1);
    await reads[0]!.answer(1_000, ['a']);
    await readsIssued(reads, 2);
    // A failed read: no evidence for b or c, counted once however many ids it asked about.
    await reads[1]!.answer(2_000, new Error('store down'));
    expect(probes.errors).toBe(1);
    await readsIssued(reads, 3);
    await reads[2]!.answer(4_000, ['b']);
    await readsIssued(reads, 4);
    await reads[3]!.answer(9_000, []);
    probes.stop();

    const byId = Object.fromEntries(outcomes.map((o) => [o.orderId, o]));
    expect(byId['a']).toEqual({ orderId: 'a', commitUs: 100, seenUs: 1_000, gapUs: 900, censoredAtUs: null });
    // Seen at 4 000; the last read that answered before it was the one at 1 000, not the failed one at 2 000.
    expect(byId['b']).toEqual({
      orderId: 'b',
      commitUs: 300,
      seenUs: 4_000,
      gapUs: 3_000,
      censoredAtUs: null,
    });
    // Never seen: censored at the last read that answered "not there".
    expect(byId['c']).toEqual({
      orderId: 'c',
      commitUs: 500,
      seenUs: null,
      gapUs: null,
      censoredAtUs: 9_000,
    });
    expect(outcomes).toHaveLength(3);
  });

  it('censors a write at its deadline on the last read that answered, after a failed one', async () => {
    const { target, reads, outcomes } = heldTarget();
    // Watched for 5 ms from its commit at 0.
    probes = new VisibilityProbes([target], 1, 5);
    probes.watch('late', 0);

    await readsIssued(reads, 1);
    await reads[0]!.answer(2_000, []);
    await readsIssued(reads, 2);
    await reads[1]!.answer(6_000, new Error('store down'));

    expect(outcomes).toEqual([
      { orderId: 'late', commitUs: 0, seenUs: null, gapUs: null, censoredAtUs: 2_000 },
    ]);
    expect(probes.outstanding).toBe(0);
  });

  it('drops a compensated checkout seen in a batch, and counts the others of that batch once acknowledged', async () => {
    const { target, reads, outcomes } = heldTarget();
    probes = new VisibilityProbes([target], 1, 60_000);
    probes.watch('kept', 0, true);
    probes.watch('compensated', 0, true);

    await readsIssued(reads, 1);
    // The compensation lands while the read that will find both is in flight.
    probes.abandon('compensated');
    await reads[0]!.answer(1_500, ['kept', 'compensated']);
    expect(outcomes).toEqual([]);
    probes.acknowledge('kept');

    expect(outcomes).toEqual([
      { orderId: 'kept', commitUs: 0, seenUs: 1_500, gapUs: 1_500, censoredAtUs: null },
    ]);
    expect(probes.outstanding).toBe(0);
  });
});
