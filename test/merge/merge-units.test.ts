// The pieces of shards and merge (issue 13) on their own: merged summaries equal the union's histogram, the
// shard checks' one-line errors, --shard parsing (JOB_COMPLETION_INDEX), and the closed model's user slice.
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { initHistograms, LatencyHistogram } from '../../src/metrics/histogram.js';
import type { Report, ShardInfo } from '../../src/metrics/types.js';
import { checkShards, mergeSummaries } from '../../src/merge/merge-reports.js';
import { runClosedModel } from '../../src/runner/closed-model.js';
import { inShard, resolveShard } from '../../src/runner/shard.js';
import { nowUs } from '../../src/metrics/clock.js';
import { nearestRank, TimeSeries } from '../../src/metrics/timeseries.js';
import { Random } from '../../src/data/random.js';
import { buildOpenSchedule, openSchedule } from '../../src/runner/schedule.js';
import type { OpenLoad } from '../../src/scenario/types.js';

beforeAll(() => initHistograms());

describe('mergeSummaries', () => {
  it('equals the summary of one histogram holding every value (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.array(fc.integer({ min: 1, max: 5_000_000 }), { minLength: 1, maxLength: 200 }), {
          minLength: 1,
          maxLength: 5,
        }),
        (parts) => {
          const union = new LatencyHistogram();
          const summaries = parts.map((values) => {
            const h = new LatencyHistogram();
            for (const v of values) {
              h.record(v);
              union.record(v);
            }
            const s = h.summary();
            h.destroy();
            return s;
          });
          const merged = mergeSummaries(summaries)!;
          const want = union.summary();
          union.destroy();
          expect({ ...merged, hdr: '' }).toEqual({ ...want, hdr: '' });
        },
      ),
      { numRuns: 40 },
    );
  });

  it('is null with nothing recorded, and adds the out-of-range counts', () => {
    expect(mergeSummaries([null, undefined])).toBeNull();
    const a = new LatencyHistogram();
    a.record(0.2);
    const b = new LatencyHistogram();
    b.record(0.1);
    b.record(10);
    const merged = mergeSummaries([a.summary(), b.summary()])!;
    expect(merged.count).toBe(3);
    expect(merged.outOfRange).toEqual({ belowMin: 2, aboveMax: 0, invalid: 0 });
    a.destroy();
    b.destroy();
  });
});

function shardReport(shard: Partial<ShardInfo>): Report {
  return {
    shard: { index: 0, count: 2, scenarioHash: 'h', seed: 1, startAt: null, layouts: [], ...shard },
    layouts: [],
  } as unknown as Report;
}

describe('checkShards', () => {
  it('names missing, duplicated and foreign shards in one line', () => {
    expect(() => checkShards([{ file: 'a', report: shardReport({ index: 0 }) }])).toThrow(
      /^merge: 2 shards expected: missing shard 1$/,
    );
    expect(() =>
      checkShards([
        { file: 'a', report: shardReport({ index: 0 }) },
        { file: 'b', report: shardReport({ index: 0 }) },
      ]),
    ).toThrow(/missing shard 1; shard given twice: 0 \(a, b\)/);
    expect(() =>
      checkShards([
        { file: 'a', report: shardReport({ index: 0 }) },
        { file: 'b', report: shardReport({ index: 1, seed: 2 }) },
      ]),
    ).toThrow(/b is not of the same run as a \(seed 2 vs 1\)/);
    expect(() =>
      checkShards([
        { file: 'a', report: shardReport({ index: 0 }) },
        { file: 'b', report: shardReport({ index: 1, scenarioHash: 'x' }) },
      ]),
    ).toThrow(/scenario hash/);
    expect(() => checkShards([{ file: 'r.json', report: { layouts: [] } as unknown as Report }])).toThrow(
      /r.json is not a shard report/,
    );
  });
});

describe('resolveShard', () => {
  it('reads i/N, auto from an Indexed Job, and nothing', () => {
    expect(resolveShard('1/3', {})).toEqual({ index: 1, count: 3 });
    expect(resolveShard(undefined, {})).toBeNull();
    expect(resolveShard(undefined, { JOB_COMPLETION_INDEX: '2' })).toBeNull();
    const env = { JOB_COMPLETION_INDEX: '2', POLYGLOT_BENCH_SHARDS: '4' };
    expect(resolveShard(undefined, env)).toEqual({ index: 2, count: 4 });
    expect(resolveShard('auto', env)).toEqual({ index: 2, count: 4 });
    expect(resolveShard('auto/5', { JOB_COMPLETION_INDEX: '3' })).toEqual({ index: 3, count: 5 });
    expect(() => resolveShard('3/3', {})).toThrow(/not below the count/);
    expect(() => resolveShard('auto', {})).toThrow(/JOB_COMPLETION_INDEX is not set/);
    expect(() => resolveShard('x/2', {})).toThrow(/whole number/);
  });

  it('slices by index modulo the count', () => {
    const mine = [...Array(10).keys()].filter((n) => inShard({ index: 1, count: 3 }, n));
    expect(mine).toEqual([1, 4, 7]);
  });
});

describe('closed model in a shard', () => {
  it("runs only the shard's users, and stops cleanly", async () => {
    const seen = new Set<number>();
    const start = nowUs();
    const run = runClosedModel({
      phases: [{ users: 5, durationMs: 50, startUs: start } as never],
      endUs: start + 50_000,
      signal: new AbortController().signal,
      includeUser: (user) => inShard({ index: 1, count: 2 }, user),
      runIteration: async (user) => {
        seen.add(user);
        await new Promise((resolve) => setTimeout(resolve, 5));
      },
    });
    await run.done;
    expect([...seen].sort()).toEqual([1, 3]);
  });
});

describe('openSchedule (lazy arrivals)', () => {
  it('yields exactly buildOpenSchedule’s arrivals, uniform and poisson, warm-up included, on every pass', () => {
    for (const arrivals of ['uniform', 'poisson'] as const) {
      const load = {
        model: 'open',
        arrivals,
        maxInFlight: 10,
        phases: [
          { name: 'ramp', durationMs: 2000, arrivalRate: 10, rampTo: 50 },
          { name: 'idle', durationMs: 500, arrivalRate: 0, rampTo: 0 },
          { name: 'steady', durationMs: 1000, arrivalRate: 40, rampTo: 40 },
        ],
      } as unknown as OpenLoad;
      const eager = buildOpenSchedule(load, 500, 11);
      const lazy = openSchedule(load, 500, 11);
      expect(Float64Array.from(lazy.arrivals())).toEqual(eager.intendedUs);
      expect(Float64Array.from(lazy.arrivals())).toEqual(eager.intendedUs);
      expect([lazy.measureStartUs, lazy.endUs, lazy.phases]).toEqual([
        eager.measureStartUs,
        eager.endUs,
        eager.phases,
      ]);
    }
  });
});

describe('TimeSeries over a long run', () => {
  it('reduces finished seconds to rows and gives the same rows as holding every value', () => {
    const series = new TimeSeries(0);
    const raw = new Map<number, number[]>();
    const rng = new Random(3);
    for (let endUs = 0; endUs < 20_000_000; endUs += 997) {
      const latency = rng.int(1, 10_000);
      series.record('op', endUs, latency, latency % 17 !== 0);
      const second = Math.floor(endUs / 1e6);
      raw.set(second, [...(raw.get(second) ?? []), latency]);
    }
    const rows = series.samples();
    expect(rows).toHaveLength(20);
    for (const row of rows) {
      const values = Float64Array.from(raw.get(row.second)!).sort();
      expect(row.operations.op).toEqual({
        count: values.length,
        errors: [...values].filter((v) => v % 17 === 0).length,
        p50: nearestRank(values, 50),
        p99: nearestRank(values, 99),
      });
    }
    // samples() again, after more seconds: the reduced rows are unchanged.
    series.record('op', 25_000_000, 5, true);
    expect(series.samples().slice(0, 20)).toEqual(rows);
  });
});
