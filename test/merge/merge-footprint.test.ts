// The footprint of a merged report: its shape from the shards (they must agree), its measured figures added per
// shard process, round trips weighted by executions, and no footprint at all rather than a sum that is short.
import { beforeAll, describe, expect, it } from 'vitest';
import { initHistograms, LatencyHistogram } from '../../src/metrics/histogram.js';
import type {
  LayoutFootprint,
  LayoutResult,
  OperationStats,
  Report,
  StoreFootprintStats,
} from '../../src/metrics/types.js';
import { mergeFootprint, type FootprintPart } from '../../src/merge/merge-footprint.js';
import { mergeReports } from '../../src/merge/merge-reports.js';

beforeAll(() => initHistograms());

function server(overrides: Partial<StoreFootprintStats> = {}): StoreFootprintStats {
  return {
    store: 'postgres',
    engine: 'PostgreSQL',
    embedded: false,
    roles: ['inventory'],
    dataBytes: 1000,
    dataSource: 'pg_total_relation_size of schema polyglot_bench',
    connections: { opened: 3, peak: 2 },
    wire: { sentBytes: 500, receivedBytes: 800 },
    ...overrides,
  };
}

const embedded: StoreFootprintStats = {
  store: 'kuzu',
  engine: 'Kuzu',
  embedded: true,
  roles: ['graph'],
  dataBytes: null,
  dataSource: 'not reported by this engine',
  connections: null,
  wire: null,
  wireNote: 'in process: no wire',
};

function footprint(
  stores: StoreFootprintStats[],
  roundTrips: LayoutFootprint['roundTrips'],
  copyStoreBytes: number | null = 40,
): LayoutFootprint {
  return {
    engines: ['PostgreSQL', 'Kuzu'],
    serverProcesses: 1,
    stores: [...stores, embedded],
    roundTrips,
    duplication: { copies: 2, stores: ['postgres', 'kuzu'], copyStoreBytes },
  };
}

const op = (name: string, count: number) => ({ name, count }) as OperationStats;

describe('mergeFootprint', () => {
  const parts: FootprintPart[] = [
    {
      shard: 0,
      footprint: footprint([server()], { checkout: { mean: 4, p99: 5 }, search: { mean: 1, p99: 1 } }),
      operations: [op('checkout', 30), op('search', 10)],
    },
    {
      shard: 1,
      footprint: footprint(
        [
          server({
            dataBytes: 1200,
            connections: { opened: 4, peak: 3 },
            wire: { sentBytes: 70, receivedBytes: 9 },
          }),
        ],
        { checkout: { mean: 6, p99: 7 }, search: { mean: 1, p99: 1 } },
        60,
      ),
      operations: [op('checkout', 10), op('search', 20)],
    },
  ];

  it('keeps the shards’ shape and adds what each shard process measured', () => {
    const merged = mergeFootprint(parts, []);
    expect('footprint' in merged).toBe(true);
    const fp = (merged as { footprint: LayoutFootprint }).footprint;
    expect(fp.engines).toEqual(['PostgreSQL', 'Kuzu']);
    expect(fp.serverProcesses).toBe(1);
    expect(fp.stores.map((s) => [s.store, s.roles])).toEqual([
      ['postgres', ['inventory']],
      ['kuzu', ['graph']],
    ]);
    const pg = fp.stores[0]!;
    expect(pg.connections).toEqual({ opened: 7, peak: 5 });
    expect(pg.wire).toEqual({ sentBytes: 570, receivedBytes: 809 });
    expect(pg.dataBytes).toBe(2200);
    expect(pg.dataSource).toMatch(/^pg_total_relation_size of schema polyglot_bench; summed over 2 shards/);
    expect(pg.wireNote).toBeUndefined();
    // Not reported anywhere: unknown, with the engine's own reason, not a shard's.
    expect(fp.stores[1]).toMatchObject({ dataBytes: null, dataSource: 'not reported by this engine' });
    expect(fp.stores[1]!.wireNote).toBe('in process: no wire');
    expect(fp.duplication).toEqual({ copies: 2, stores: ['postgres', 'kuzu'], copyStoreBytes: 100 });
  });

  it('weights round trips by the shards’ executions, with the largest p99 as the bound', () => {
    const fp = (mergeFootprint(parts, []) as { footprint: LayoutFootprint }).footprint;
    // (4 × 30 + 6 × 10) / 40
    expect(fp.roundTrips.checkout).toEqual({ mean: 4.5, p99: 7 });
    expect(fp.roundTrips.search).toEqual({ mean: 1, p99: 1 });
  });

  it('takes the merged operation’s own calls per execution where the merge has them', () => {
    const merged = { ...op('checkout', 40), storeCallsPerRun: { mean: 4.4, p50: 4, p99: 6, max: 9 } };
    const fp = (mergeFootprint(parts, [merged]) as { footprint: LayoutFootprint }).footprint;
    expect(fp.roundTrips.checkout).toEqual({ mean: 4.4, p99: 6 });
  });

  it('leaves a figure unknown, naming the shard, where one shard lacks it', () => {
    const unseen = server({
      dataBytes: null,
      dataSource: 'not reported (no answer within 5000 ms)',
      connections: null,
      wire: null,
      wireNote: 'not seen: no plain TCP connection to its address (a TLS connection is not counted)',
    });
    const fp = (
      mergeFootprint([parts[0]!, { ...parts[1]!, footprint: footprint([unseen], {}, null) }], []) as {
        footprint: LayoutFootprint;
      }
    ).footprint;
    const pg = fp.stores[0]!;
    expect(pg.dataBytes).toBeNull();
    expect(pg.dataSource).toBe('shard 1: not reported (no answer within 5000 ms)');
    expect(pg.connections).toBeNull();
    expect(pg.wire).toBeNull();
    expect(pg.wireNote).toMatch(/^shard 1: not seen: no plain TCP connection/);
    expect(fp.duplication.copyStoreBytes).toBeNull();
    // Round trips from the shard that counted them, weighted by its own executions only.
    expect(fp.roundTrips.checkout).toEqual({ mean: 4, p99: 5 });
  });

  it('is absent when a shard has none, or the shards disagree on its shape', () => {
    expect(mergeFootprint([parts[0]!, { ...parts[1]!, footprint: undefined }], [])).toEqual({
      absent: 'shard 1 reported none, and a sum without them would be short',
    });
    const otherRoles = footprint([server({ roles: ['inventory', 'orders'] })], {});
    expect(mergeFootprint([parts[0]!, { ...parts[1]!, footprint: otherRoles }], [])).toEqual({
      absent: expect.stringMatching(/^shards 0 and 1 disagree on its engines, stores, roles or copies/),
    });
    const otherCopies = {
      ...parts[1]!.footprint!,
      duplication: { copies: 3, stores: [], copyStoreBytes: 1 },
    };
    expect('absent' in mergeFootprint([parts[0]!, { ...parts[1]!, footprint: otherCopies }], [])).toBe(true);
  });
});

/** The least of a layout result mergeReports reads, with a footprint or none. */
function layoutResult(fp: LayoutFootprint | undefined, count: number): LayoutResult {
  const histogram = new LatencyHistogram();
  histogram.record(1000);
  const service = histogram.summary();
  histogram.destroy();
  return {
    layout: 'polyglot',
    notes: [],
    measuredSeconds: 1,
    interrupted: false,
    loadSeconds: 1,
    abandonedJourneys: 0,
    operations: [{ ...op('checkout', count), errors: 0, rejected: 0, response: null, service }],
    storeCalls: [],
    backgroundCalls: [],
    schedule: null,
    timeSeries: [],
    lag: [],
    readYourWrites: { checks: 0, violations: {}, checksByOperation: {} },
    invariants: {
      drained: true,
      drainMs: 0,
      stockNegative: 0,
      unitsSold: 0,
      unitsDecremented: 0,
      stores: [],
      ok: true,
    },
    health: {
      eventLoopDelayMs: { mean: 0, p99: 0, max: 0 },
      cpuPercent: 0,
      cpuIncludes: 'x',
      windowSeconds: 1,
    },
    errors: [],
    faults: [],
    ...(fp ? { footprint: fp } : {}),
  } as unknown as LayoutResult;
}

function shardReport(index: number, layout: LayoutResult): { file: string; report: Report } {
  return {
    file: `shard-${index}.json`,
    report: {
      shard: {
        index,
        count: 2,
        scenarioHash: 'h',
        seed: 1,
        startAt: null,
        layouts: [{ layout: 'polyglot', startedAt: '', clockOffsetMs: null, ledger: [] }],
      },
      layouts: [layout],
    } as unknown as Report,
  };
}

describe('mergeReports: the layout’s footprint', () => {
  const fp = footprint([server()], { checkout: { mean: 4, p99: 5 } });

  it('is the merged one, not the first shard’s', () => {
    const report = mergeReports([shardReport(0, layoutResult(fp, 3)), shardReport(1, layoutResult(fp, 1))]);
    const merged = report.layouts[0]!.footprint!;
    expect(merged.stores[0]!.connections).toEqual({ opened: 6, peak: 4 });
    expect(merged.roundTrips.checkout).toEqual({ mean: 4, p99: 5 });
    expect(report.merge!.notes.join(' ')).toMatch(/sum of each shard’s peak, an upper bound/);
  });

  it('is absent, with a note, when a shard lacks one', () => {
    const report = mergeReports([
      shardReport(0, layoutResult(fp, 3)),
      shardReport(1, layoutResult(undefined, 1)),
    ]);
    expect(report.layouts[0]!.footprint).toBeUndefined();
    expect(report.merge!.notes).toContain(
      'layout polyglot: no footprint: shard 1 reported none, and a sum without them would be short',
    );
  });
});
