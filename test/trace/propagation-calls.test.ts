// Of the relay's calls, the trace keeps those that carried the traced write: the read that found it, the
// applies, and the mark that closed it — not the idle polls before or after.
import { describe, expect, it } from 'vitest';
import type { EventOf } from '../../src/metrics/events.js';
import type { RoleName } from '../../src/roles.js';
import { relayCallsOfWrite } from '../../src/trace/propagation-calls.js';

const relay = (role: RoleName, method: string, startUs: number, endUs: number): EventOf<'store-call'> => ({
  type: 'store-call',
  store: role,
  role,
  method,
  startUs,
  endUs,
  ok: true,
  source: 'relay',
  measured: false,
});

describe('relayCallsOfWrite', () => {
  it('keeps the poll that found the row, the applies and the closing mark', () => {
    const calls = [
      relay('inventory', 'pendingOutbox', 0, 5), // idle, before the commit
      relay('inventory', 'pendingOutbox', 20, 25), // idle, after the commit
      relay('inventory', 'pendingOutbox', 30, 32), // found it
      relay('graph', 'recordPurchase', 33, 40),
      relay('analytics', 'recordOrder', 33, 38),
      relay('inventory', 'markOutboxApplied', 41, 43),
      relay('inventory', 'pendingOutbox', 60, 61), // idle again
    ];
    const kept = relayCallsOfWrite(calls, 10, new Set<RoleName>(['graph', 'analytics']));
    expect(kept.map((c) => `${c.method}@${c.startUs}`)).toEqual([
      'pendingOutbox@30',
      'recordPurchase@33',
      'recordOrder@33',
      'markOutboxApplied@41',
    ]);
  });

  it('keeps nothing when the write was never applied', () => {
    const calls = [relay('inventory', 'pendingOutbox', 20, 25)];
    expect(relayCallsOfWrite(calls, 10, new Set<RoleName>(['graph']))).toEqual([]);
  });
});
