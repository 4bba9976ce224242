// The critical path marks the calls the shopper waited for: within a step, the chain back from its end.
import { describe, expect, it } from 'vitest';
import type { TracedCall } from '../../src/metrics/types.js';
import { markCriticalPath } from '../../src/trace/critical-path.js';

const call = (startUs: number, durationUs: number, extra: Partial<TracedCall> = {}): TracedCall => ({
  step: 'checkout',
  source: 'operation',
  store: 'pglite',
  role: 'inventory',
  method: `m${startUs}`,
  startUs,
  durationUs,
  ok: true,
  critical: false,
  ...extra,
});

describe('markCriticalPath', () => {
  it('marks every call of a step that runs them one after another', () => {
    const calls = [call(0, 10), call(10, 5), call(15, 20)];
    const marked = markCriticalPath(calls, [{ startUs: 0, durationUs: 35 }]);
    expect(marked.map((c) => c.critical)).toEqual([true, true, true]);
  });

  it('leaves out an overlapping call that ended before the one the step waited for', () => {
    // Two reads in parallel from 0: the shorter one did not hold the shopper up.
    const calls = [call(0, 30), call(0, 8), call(30, 5)];
    const marked = markCriticalPath(calls, [{ startUs: 0, durationUs: 35 }]);
    expect(marked.map((c) => c.critical)).toEqual([true, false, true]);
  });

  it('never marks propagation: the shopper did not wait for the relay or the readers', () => {
    const calls = [
      call(0, 5),
      call(1, 50, { source: 'relay', step: null }),
      call(2, 9, { source: 'probe', step: null }),
    ];
    const marked = markCriticalPath(calls, [{ startUs: 0, durationUs: 5 }]);
    expect(marked.map((c) => c.critical)).toEqual([true, false, false]);
  });
});
