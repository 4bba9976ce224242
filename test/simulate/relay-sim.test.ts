// The simulated relay's apply chunks: on a store the model does not queue (a server with no client-side limit),
// the chunk's calls share one service-time draw, so a chunk lasts as long as one typical call there rather than
// the slowest of sixteen independent tails; on a queued lane each call draws its own.
import { describe, expect, it } from 'vitest';
import { EventQueue } from '../../src/simulate/event-queue.js';
import type { CallOwner, SimCall } from '../../src/simulate/lane.js';
import { SimRelay } from '../../src/simulate/relay-sim.js';
import type { SimContext } from '../../src/simulate/sim-context.js';
import { SimOrder } from '../../src/simulate/sim-order.js';

interface Issued {
  kind: number;
  tag: number;
  draw: number | undefined;
}

const POLL = 0;
const MARK = 1;
const QUEUED_APPLY = 2;
const UNQUEUED_APPLY = 3;

/** Just what the relay reads of its context; every call it makes is recorded, and answered at once by the test. */
function fakeContext(issued: Issued[]): SimContext {
  let draws = 0;
  return {
    queue: new EventQueue(),
    scenario: { propagation: { pollIntervalMs: 100, batchSize: 40 } },
    spec: {
      relay: { pollKind: POLL, markKind: MARK },
      targets: [{ applyKind: QUEUED_APPLY }, { applyKind: UNQUEUED_APPLY }],
    },
    lags: [{ applied: () => undefined }, { applied: () => undefined }],
    sealed: false,
    unqueued: (kind: number) => kind === UNQUEUED_APPLY,
    nextDraw: () => (draws++ % 97) / 97,
    noteCall: () => undefined,
    issue(kind: number, _owner: CallOwner, tag: number, _nowUs: number, _measured: boolean, draw?: number) {
      issued.push({ kind, tag, draw });
      return { ok: true, tag } as SimCall;
    },
  } as unknown as SimContext;
}

describe('simulated relay', () => {
  it('gives a chunk’s calls on an unqueued store one draw, and each call on a queued lane its own', () => {
    const issued: Issued[] = [];
    const ctx = fakeContext(issued);
    const relay = new SimRelay(ctx, false, () => true);
    for (let i = 0; i < 20; i++) relay.committed(new SimOrder(0, true, false, 2), 0);
    relay.start(0);
    ctx.queue.run(0);
    const answer = (call: Issued) => relay.callDone({ ok: true, tag: call.tag } as SimCall, 1);
    answer(issued.shift()!); // the poll: 20 rows, applied 16 then 4
    const chunk = (n: number) => {
      const calls = issued.splice(0, n * 2);
      expect(calls.filter((c) => c.kind === QUEUED_APPLY).map((c) => c.draw)).toEqual(
        Array(n).fill(undefined),
      );
      const shared = calls.filter((c) => c.kind === UNQUEUED_APPLY).map((c) => c.draw);
      expect(shared).toHaveLength(n);
      expect(new Set(shared).size).toBe(1);
      expect(shared[0]).toBeTypeOf('number');
      for (const call of calls) answer(call);
      return shared[0]!;
    };
    const first = chunk(16);
    const second = chunk(4);
    // Each chunk draws anew.
    expect(second).not.toBe(first);
    expect(issued.map((c) => c.kind)).toEqual([MARK]);
  });
});
