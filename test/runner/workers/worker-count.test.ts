// How `--workers` divides a run: every arrival to exactly one worker (inside its process's shard), the in-flight cap
// shared out to its total, and the flag read as users write it.
import { describe, expect, it } from 'vitest';
import { UserError } from '../../../src/errors.js';
import { inShard } from '../../../src/runner/shard.js';
import { parseWorkers, workerShard, workerShareOfCap } from '../../../src/runner/workers/worker-count.js';

describe('--workers', () => {
  it('reads a count, and auto as one per core but the one the main thread keeps', () => {
    expect(parseWorkers(undefined)).toBe(1);
    expect(parseWorkers('3')).toBe(3);
    expect(parseWorkers('auto', 4)).toBe(3);
    expect(parseWorkers('auto', 1)).toBe(1);
    for (const bad of ['0', '-1', '1.5', 'many', '']) expect(() => parseWorkers(bad), bad).toThrow(UserError);
  });

  it.each([null, { index: 0, count: 1 }, { index: 1, count: 3 }])(
    'gives every arrival of the shard %o to exactly one of 4 workers, and no other arrival',
    (shard) => {
      for (let arrival = 0; arrival < 500; arrival += 1) {
        const takers = [0, 1, 2, 3].filter((w) => inShard(workerShard(shard, w, 4), arrival));
        expect(takers.length, `arrival ${arrival}`).toBe(inShard(shard, arrival) ? 1 : 0);
      }
    },
  );

  it('shares the in-flight cap out to its total, the parts one apart at most', () => {
    for (const [cap, workers] of [
      [500, 2],
      [7, 3],
      [3, 3],
      [1000, 7],
    ] as const) {
      const parts = Array.from({ length: workers }, (_, w) => workerShareOfCap(cap, w, workers));
      expect(parts.reduce((a, b) => a + b, 0)).toBe(cap);
      expect(Math.max(...parts) - Math.min(...parts)).toBeLessThanOrEqual(1);
    }
  });
});
