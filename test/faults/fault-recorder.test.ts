// Fault isolation figures from known facts: operations cut at the fault's real on/off instants, the store's
// recovery, the lag spike and the backlog's catch-up.
import { describe, expect, it } from 'vitest';
import { FaultRecorder } from '../../src/faults/fault-recorder.js';
import type { PlannedFault } from '../../src/faults/injector.js';

const MS = 1000;

function fault(startedUs: number | null, endedUs: number | null): PlannedFault {
  return {
    spec: { target: { role: 'sessions' }, fromMs: 10, toMs: 20, effect: { kind: 'outage', mode: 'refused' } },
    store: 'cache',
    via: 'in-process gate',
    description: 'sessions → cache: outage (refused), 0.01s–0.02s',
    startedUs,
    endedUs,
  };
}

const op = (startUs: number, latencyUs: number, ok = true) => ({
  intendedUs: startUs,
  startUs,
  endUs: startUs + latencyUs,
  outcome: ok ? ('ok' as const) : ('error' as const),
});

describe('fault recorder', () => {
  it('splits each operation into before, during and after the applied window', () => {
    const planned = fault(10 * MS, 20 * MS);
    const recorder = new FaultRecorder([planned], 0);
    recorder.operation('start-session', op(-5 * MS, 1)); // warm-up: not counted
    recorder.operation('start-session', op(1 * MS, 100));
    recorder.operation('start-session', op(9 * MS, 300));
    recorder.operation('start-session', op(10 * MS, 50, false));
    recorder.operation('start-session', op(19 * MS, 70, false));
    recorder.operation('start-session', op(20 * MS, 200));
    recorder.operation('browse-category', op(15 * MS, 400));
    const [result] = recorder.results(['start-session', 'browse-category']);
    expect(result!.startedAtS).toBeCloseTo(0.01);
    expect(result!.endedAtS).toBeCloseTo(0.02);
    const [session, browse] = result!.operations;
    expect(session!.operation).toBe('start-session');
    expect(session!.before).toEqual({ count: 2, errors: 0, p50: 100, p99: 300, max: 300 });
    expect(session!.during).toEqual({ count: 2, errors: 2, p50: 50, p99: 70, max: 70 });
    expect(session!.after).toEqual({ count: 1, errors: 0, p50: 200, p99: 200, max: 200 });
    expect(browse!.before.count).toBe(0);
    expect(browse!.during).toMatchObject({ count: 1, errors: 0 });
  });

  it('counts an operation the fault caught in flight as during it, not before or after', () => {
    const recorder = new FaultRecorder([fault(10 * MS, 20 * MS)], 0);
    recorder.operation('start-session', op(8 * MS, 1 * MS)); // ended before the fault
    recorder.operation('start-session', op(9 * MS, 3 * MS)); // in flight when it began
    recorder.operation('start-session', op(19 * MS, 4 * MS)); // in flight when it ended
    recorder.operation('start-session', op(21 * MS, 1 * MS)); // after
    const [result] = recorder.results(['start-session']);
    const [session] = result!.operations;
    expect(session!.before).toMatchObject({ count: 1, max: 1 * MS });
    expect(session!.during).toMatchObject({ count: 2, p50: 3 * MS, max: 4 * MS });
    expect(session!.after).toMatchObject({ count: 1, max: 1 * MS });
  });

  it('times recovery from the end of the fault to the first successful call started after it', () => {
    const recorder = new FaultRecorder([fault(10 * MS, 20 * MS)], 0);
    recorder.storeCall('cache', 15 * MS, 15 * MS + 10, false);
    recorder.storeCall('cache', 19 * MS, 21 * MS, true); // started during the fault: not a recovery
    recorder.storeCall('cache', 20 * MS, 20 * MS + 500, false);
    recorder.storeCall('cache', 22 * MS, 23 * MS, true);
    recorder.storeCall('other', 20 * MS, 20 * MS + 1, true); // another store
    const [result] = recorder.results([]);
    expect(result!.recovery).toEqual({ firstSuccessAfterMs: 3, failedAfterEnd: 1 });
  });

  it('ends the after window where the next fault begins, so its effects are not blamed on this one', () => {
    const first = fault(10 * MS, 20 * MS);
    const second = { ...fault(30 * MS, 40 * MS), description: 'second' };
    const recorder = new FaultRecorder([first, second], 0);
    recorder.operation('start-session', op(25 * MS, 100));
    recorder.operation('start-session', op(35 * MS, 100, false));
    recorder.storeCall('cache', 25 * MS, 25 * MS + 200, true);
    recorder.storeCall('cache', 35 * MS, 35 * MS + 10, false);
    const [result] = recorder.results([]);
    expect(result!.operations[0]!.after).toMatchObject({ count: 1, errors: 0 });
    expect(result!.recovery).toEqual({ firstSuccessAfterMs: 5.2, failedAfterEnd: 0 });
  });

  it('reports the lag spike and when the backlog was applied, or that it never was', () => {
    const recorder = new FaultRecorder([fault(10 * MS, 20 * MS)], 0);
    for (const commit of [1 * MS, 2 * MS, 12 * MS, 18 * MS]) recorder.placed(commit);
    recorder.applied('graph@g', 1 * MS, 1 * MS + 400);
    recorder.applied('graph@g', 2 * MS, 2 * MS + 600);
    recorder.applied('graph@g', 12 * MS, 25 * MS);
    recorder.applied('graph@g', 18 * MS, 26 * MS);
    recorder.applied('analytics@a', 1 * MS, 1 * MS + 10);
    const [result] = recorder.results([]);
    const byTarget = Object.fromEntries(result!.lag.map((lag) => [lag.target, lag]));
    expect(byTarget['graph@g']).toEqual({
      target: 'graph@g',
      beforeP99Us: 600,
      duringMaxUs: 13 * MS,
      catchUpMs: 6,
    });
    // Three orders committed before the end never reached analytics.
    expect(byTarget['analytics@a']!.catchUpMs).toBeNull();
  });

  it('says when a fault never switched on', () => {
    const recorder = new FaultRecorder([fault(null, null)], 0);
    recorder.operation('start-session', op(1 * MS, 100));
    const [result] = recorder.results([]);
    expect(result!.startedAtS).toBeNull();
    expect(result!.operations).toEqual([]);
    expect(result!.recovery).toBeNull();
  });
});
