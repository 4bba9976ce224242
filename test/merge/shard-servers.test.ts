// Shards and merge against real servers (PostgreSQL + Redis): one unsharded run, then the same scenario and seed
// as two CLI processes told their index the way a Kubernetes Indexed Job tells it (JOB_COMPLETION_INDEX,
// POLYGLOT_BENCH_SHARDS, `--shard auto`), merged. Each shard keeps its data under its own namespace
// (polyglot_bench_shard_<i>): its keys' prefix on Redis, its schema on PostgreSQL, so both shards share ONE
// PostgreSQL database (README, "Shards and merge"); the unsharded run has a database of its own.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { initHistograms, LatencyHistogram } from '../../src/metrics/histogram.js';
import type { LatencySummary, LayoutResult, Report } from '../../src/metrics/types.js';
import { engineUrlVariable } from '../../src/provision/local-endpoints.js';
import { ownPostgresDatabase } from '../servers/own-postgres-database.js';
import { describeWithServer, serverUrl } from '../servers/server.js';
import { cli, reportsIn, type Ran } from './shard-cli.js';

const SCENARIO = 'test/merge/shard-servers.yaml';

/**
 * The summary of one histogram holding every shard's values: what a merged summary's percentiles must equal. (The
 * out-of-range counts travel beside the histograms and are compared apart: test/merge/merge-units.test.ts.)
 */
function unionOf(parts: ReadonlyArray<LatencySummary | null | undefined>): Percentiles {
  const union = new LatencyHistogram();
  for (const part of parts) {
    if (!part) continue;
    const h = LatencyHistogram.decode(part.hdr);
    union.merge(h);
    h.destroy();
  }
  const summary = percentiles(union.summary());
  union.destroy();
  return summary;
}

type Percentiles = Omit<LatencySummary, 'hdr' | 'outOfRange'>;

function percentiles(summary: LatencySummary | null | undefined): Percentiles {
  const { hdr: _hdr, outOfRange: _outOfRange, ...rest } = summary!;
  return rest;
}

const counts = (layout: LayoutResult) =>
  Object.fromEntries(layout.operations.map((op) => [op.name, op.count]));

// A run's journeys own their order ids ("o-a12"); the checkout each run traces after its window has one fixed id.
const RUN_ORDER = /^o-[av]\d/;

await describeWithServer('redis', () =>
  describeWithServer('postgres', () => {
    const databases = ['whole', 'shards'].map((name) =>
      ownPostgresDatabase(serverUrl('postgres'), `pgb_merge_${name}`),
    );
    let dir: string;
    const runs: Ran[] = [];
    let whole: LayoutResult;
    let shards: Array<{ file: string; report: Report }>;
    let merged: Report;
    const printed = () => runs.map((r) => `${r.stderr}\n${r.stdout}`).join('\n');

    beforeAll(async () => {
      await initHistograms();
      dir = await mkdtemp(join(tmpdir(), 'pgb-shard-servers-'));
      await Promise.all(databases.map((db) => db.create()));
      const common = ['run', SCENARIO, '--stores', 'local', '--no-progress'];
      const env = (database: number) => ({
        [engineUrlVariable('postgres')]: databases[database]!.url,
        [engineUrlVariable('redis')]: serverUrl('redis'),
      });
      // Its own Redis namespace too: other suites use the default one on the same server.
      runs.push(
        await cli([...common, '--namespace', 'pgb_merge_whole', '--out', join(dir, 'whole')], env(0)),
      );
      runs.push(
        ...(await Promise.all(
          [0, 1].map((i) =>
            cli([...common, '--shard', 'auto', '--out', join(dir, 'shards')], {
              ...env(1),
              JOB_COMPLETION_INDEX: String(i),
              POLYGLOT_BENCH_SHARDS: '2',
            }),
          ),
        )),
      );
      whole = (await reportsIn(join(dir, 'whole')))[0]!.report.layouts[0]!;
      shards = (await reportsIn(join(dir, 'shards'))).sort(
        (a, b) => a.report.shard!.index - b.report.shard!.index,
      );
      runs.push(await cli(['merge', ...shards.map((s) => s.file), '--out', join(dir, 'merged')]));
      merged = (await reportsIn(join(dir, 'merged')))[0]!.report;
    }, 300_000);

    afterAll(async () => {
      await rm(dir, { recursive: true, force: true });
      await Promise.all(databases.map((db) => db.drop()));
    });

    const shardLayout = (i: number) => shards[i]!.report.layouts[0]!;

    /** The schemas the tool left in the shards' shared database. */
    async function schemasLeft(): Promise<string[]> {
      const client = new pg.Client({ connectionString: databases[1]!.url });
      await client.connect();
      try {
        const { rows } = await client.query<{ nspname: string }>(
          "SELECT nspname FROM pg_namespace WHERE nspname LIKE 'polyglot\\_bench%' ORDER BY nspname",
        );
        return rows.map((row) => row.nspname);
      } finally {
        await client.end();
      }
    }

    it('both shards ran in one PostgreSQL database, each in its own schema, and dropped it at the end', async () => {
      for (const i of [0, 1]) {
        const postgres = shardLayout(i).footprint!.stores.find((s) => s.store === 'postgres')!;
        expect(postgres.dataSource).toBe(
          `pg_total_relation_size of schema polyglot_bench_shard_${i}'s tables`,
        );
      }
      expect(await schemasLeft()).toEqual([]);
    });

    it('every process succeeded, the shards indexed from JOB_COMPLETION_INDEX', () => {
      for (const ran of runs) expect(ran.code, printed()).toBe(0);
      expect(shards.map((s) => [s.report.shard!.index, s.report.shard!.count])).toEqual([
        [0, 2],
        [1, 2],
      ]);
      expect(shards[1]!.report.shard!.scenarioHash).toBe(shards[0]!.report.shard!.scenarioHash);
    });

    it('merged: the same arrivals and operation counts as the unsharded run', () => {
      const layout = merged.layouts[0]!;
      expect(layout.schedule!.intended).toBe(whole.schedule!.intended);
      expect(layout.schedule!.started).toBe(whole.schedule!.started);
      expect(layout.schedule!.dropped).toBe(0);
      expect(counts(layout)).toEqual(counts(whole));
      expect(
        layout.operations.every((op) => op.errors === 0),
        printed(),
      ).toBe(true);
    });

    it('merged: the invariants hold as in the unsharded run, with the same units sold by the same arrivals', () => {
      const layout = merged.layouts[0]!;
      for (const invariants of [whole.invariants, layout.invariants]) {
        expect(invariants.ok, printed()).toBe(true);
        expect(invariants.drained).toBe(true);
        expect(invariants.stockNegative).toBe(0);
        for (const store of invariants.stores)
          expect([store.missing, store.duplicate, store.divergent, store.unexpected], store.store).toEqual([
            0, 0, 0, 0,
          ]);
      }
      expect(layout.invariants.stores.map((s) => [s.role, s.store])).toEqual(
        whole.invariants.stores.map((s) => [s.role, s.store]),
      );
      // Every run, sharded or not, traces one checkout of its own after its window: the merge holds one per shard.
      const ledgers = shards.map((s) => s.report.shard!.layouts[0]!.ledger);
      const units = (orders: (typeof ledgers)[number]) =>
        orders.reduce((total, order) => total + order.lines.reduce((n, line) => n + line.quantity, 0), 0);
      const traced = ledgers.map((ledger) => units(ledger.filter((o) => !RUN_ORDER.test(o.id))));
      const runUnits = units(ledgers.flat().filter((o) => RUN_ORDER.test(o.id)));
      expect(layout.invariants.unitsSold).toBe(runUnits + traced[0]! + traced[1]!);
      expect(whole.invariants.unitsSold).toBe(runUnits + traced[0]!);
    });

    it("merged percentiles are those of the union of the shards' raw histograms", () => {
      const layout = merged.layouts[0]!;
      for (const op of layout.operations) {
        const parts = [0, 1].map((i) => shardLayout(i).operations.find((o) => o.name === op.name));
        expect(percentiles(op.response), op.name).toEqual(unionOf(parts.map((p) => p?.response)));
        expect(percentiles(op.service), op.name).toEqual(unionOf(parts.map((p) => p?.service)));
      }
      expect(layout.lag.length).toBeGreaterThan(0);
      for (const lag of layout.lag) {
        const parts = [0, 1].map((i) => shardLayout(i).lag.find((l) => l.target === lag.target));
        expect(percentiles(lag.apply), lag.target).toEqual(unionOf(parts.map((p) => p?.apply)));
      }
    });

    it("merged footprint: each server store's connections and bytes added over the shard processes", () => {
      const footprint = merged.layouts[0]!.footprint!;
      expect(footprint.serverProcesses).toBe(2);
      for (const name of ['postgres', 'redis']) {
        const store = footprint.stores.find((s) => s.store === name)!;
        const parts = [0, 1].map((i) => shardLayout(i).footprint!.stores.find((s) => s.store === name)!);
        expect(store.connections, name).not.toBeNull();
        expect(store.connections!.opened).toBe(parts[0]!.connections!.opened + parts[1]!.connections!.opened);
        expect(store.connections!.peak).toBe(parts[0]!.connections!.peak + parts[1]!.connections!.peak);
        expect(store.wire!.sentBytes).toBe(parts[0]!.wire!.sentBytes + parts[1]!.wire!.sentBytes);
        expect(store.wire!.sentBytes).toBeGreaterThan(0);
      }
    });
  }),
);
