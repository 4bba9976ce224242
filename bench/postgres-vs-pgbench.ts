// The tool's PostgreSQL store doing catalog.getProduct (a primary-key SELECT) against pgbench -S (its
// select-only script: a primary-key SELECT on pgbench_accounts), 8 in flight each, side by side.
//
// What compares with what. pgbench -S fetches one int column of a 100,000-row table over libpq, in C, one
// connection per client; getProduct fetches a whole product (text columns and a JSONB document) through `pg`
// and a pool of 8, then builds a Product. The rows split the gap: the role through instrumentObject (the tool's
// real path, what the goal is about), the same role without the wrapper (the wrapper's cost), a raw `pg` pool
// running the same SELECT as a named prepared statement (the role's own cost is the difference), the same raw
// pool running pgbench's own SELECT on pgbench's table (the driver against libpq, same server work), and pgbench
// in both its default (simple) protocol and -M prepared, which is what `pg` with a statement name does.
// (Both send Bind, Describe portal, Execute, Sync on every call — libpq's PQexecPrepared describes each time too —
// so the per-call Describe is not the gap; the Node client's CPU per call on a machine it shares with the server is.
// Measured on 2 cores: postgres.js at 8 connections spent more client CPU per SELECT than `pg` and did no better;
// rowMode 'array' and raw type parsers changed nothing beyond the noise.)
//
// The pgbench data goes into a database named pgb_bench that this script creates and drops (dropping a leftover
// of an earlier crashed run first); no other database is touched, and the tool's store drops its own schema.
//
// With --workers W (W > 1) the table has two rows more: getProduct, through the wrapper and bare, run from W worker
// threads at once (bench/role-workers.ts), each attached to the same namespace with a pool of its own
// (StoreOptions.attach, same url and settings, as `run --workers W` does) and its share of the 8 in flight (4 + 4
// for 2), for the same seconds; their calls/s summed. The main thread's store, its load and the other rows are as
// without it.
//
// Usage: bench/run.sh postgres-vs-pgbench [--seconds N] [--rounds R] [--workers W]
//   N seconds per loop (default 10); R rounds of every loop and pgbench, back to back (default 1), medians shown;
//   W worker threads for the extra rows (default 1: none).
import pg from 'pg';
import { generateDataset } from '../src/data/generate.js';
import { Random } from '../src/data/random.js';
import { initHistograms } from '../src/metrics/histogram.js';
import { LOCAL_URLS, engineUrlVariable } from '../src/provision/local-endpoints.js';
import type { CatalogRole } from '../src/roles.js';
import { storeFactory } from '../src/stores/registry.js';
import {
  WARMUP_SECONDS,
  closedLoop,
  runRotated,
  warmedLoops,
  type Loop,
  type LoopResult,
} from './closed-loop.js';
import { comparisonTable, medianOfRounds, numberArgument, verdict, type Measurement } from './comparison.js';
import { instrumented } from './instrumented.js';
import { captureNumber, runCommand } from './peer.js';
import { RoleWorkers } from './role-workers.js';

const IN_FLIGHT = 8;
const PGBENCH_DB = 'pgb_bench';
/** pgbench -s 1 has 100,000 accounts; the catalog gets as many products, so both indexes are the same size. */
const ROWS = 100_000;
const SEED = 1;
/** getProduct's statement (src/stores/sql/catalog.ts), copied: the raw loop must run exactly what the role runs. */
const PRODUCT_SELECT =
  'SELECT id, sku, name, category_id, price_cents, attributes FROM polyglot_bench.products WHERE id = $1';
const PGBENCH_SELECT = 'SELECT abalance FROM pgbench_accounts WHERE aid = $1';

/** Products only: the catalog is all getProduct reads. */
function productCatalog() {
  return generateDataset(
    {
      users: 1,
      products: ROWS,
      categories: 50,
      followsPerUser: 0,
      likesPerUser: 0,
      historicalOrders: 0,
      historyDays: 1,
      stockPerProduct: 1,
      popularitySkew: 0,
    },
    SEED,
    Date.UTC(2024, 0, 1),
  );
}

function measurement(loop: LoopResult): Measurement {
  return { label: loop.label, opsPerSec: loop.opsPerSec, p50: loop.p50, p99: loop.p99 };
}

/** libpq's environment for pgbench, from the store's URL, pointed at database `db`. */
function libpqEnv(url: URL): NodeJS.ProcessEnv {
  return {
    PGHOST: url.hostname,
    PGPORT: url.port || '5432',
    PGUSER: decodeURIComponent(url.username || 'postgres'),
    ...(url.password ? { PGPASSWORD: decodeURIComponent(url.password) } : {}),
  };
}

function withDatabase(url: URL, db: string): string {
  const copy = new URL(url.href);
  copy.pathname = `/${db}`;
  return copy.href;
}

async function pgbench(url: URL, seconds: number, prepared: boolean): Promise<Measurement> {
  const mode = prepared ? ['-M', 'prepared'] : [];
  const args = ['-S', '-c', String(IN_FLIGHT), '-j', '2', '-T', String(seconds), ...mode, PGBENCH_DB];
  const output = await runCommand('pgbench', args, libpqEnv(url));
  const tps = captureNumber(output, /tps = ([\d.]+) \(without initial connection time\)/, 'pgbench tps');
  return { label: prepared ? 'pgbench -S -M prepared' : 'pgbench -S', opsPerSec: tps, p50: null, p99: null };
}

/** A pool of IN_FLIGHT connections running one prepared statement with a random key from 1..ROWS. */
async function rawLoop(label: string, url: string, sql: string, seconds: number): Promise<LoopResult> {
  const pool = new pg.Pool({ connectionString: url, max: IN_FLIGHT });
  pool.on('error', () => undefined);
  const rng = new Random(SEED);
  const call = () => pool.query({ name: 'bench_select', text: sql, values: [rng.int(1, ROWS)] });
  try {
    await closedLoop({ label, inFlight: IN_FLIGHT, seconds: WARMUP_SECONDS, call });
    return await closedLoop({ label, inFlight: IN_FLIGHT, seconds, call });
  } finally {
    await pool.end();
  }
}

interface RoundOptions {
  loop: Loop;
  ours: CatalogRole;
  plain: CatalogRole;
  url: string;
  seconds: number;
  round: number;
  /** getProduct's worker threads (--workers), or null for none. */
  workers: RoleWorkers | null;
}

/** With --workers, where the worker rows (tool path first) sit: after the four loops of one thread. */
const WORKER_ROW = 4;

/** getProduct from the worker threads, through the wrapper and bare; none without --workers. */
function workerLoops(workers: RoleWorkers | null, seconds: number): Array<() => Promise<LoopResult>> {
  if (!workers) return [];
  const row = (wrapped: boolean) => () =>
    workers.loop({
      label: `getProduct, ${wrapped ? 'tool path' : 'no wrapper'}, ${workers.count} workers`,
      call: { op: 'getProduct', rows: ROWS, seed: SEED },
      wrapped,
      method: 'getProduct',
      inFlight: IN_FLIGHT,
      seconds,
    });
  return [row(true), row(false)];
}

/**
 * One round: our four loops (six with --workers), rotated, then pgbench in both protocols; the last row (pgbench -S)
 * is the peer.
 */
async function oneRound({
  loop,
  ours,
  plain,
  url,
  seconds,
  round,
  workers,
}: RoundOptions): Promise<Measurement[]> {
  const rng = new Random(SEED);
  const id = () => rng.int(1, ROWS);
  const server = new URL(url);
  const loops = await runRotated(
    [
      () => loop('getProduct, tool path', () => ours.getProduct(id()), 'getProduct'),
      () => loop('getProduct, no wrapper', () => plain.getProduct(id())),
      () => rawLoop('raw pg, same SELECT', url, PRODUCT_SELECT, seconds),
      () => rawLoop("raw pg, pgbench's SELECT", withDatabase(server, PGBENCH_DB), PGBENCH_SELECT, seconds),
      ...workerLoops(workers, seconds),
    ],
    round,
  );
  return [
    ...loops.map(measurement),
    await pgbench(server, seconds, true),
    await pgbench(server, seconds, false),
  ];
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  const seconds = numberArgument(argv, 'seconds', 10);
  const rounds = numberArgument(argv, 'rounds', 1);
  const workerCount = Math.floor(numberArgument(argv, 'workers', 1));
  const url = process.env[engineUrlVariable('postgres')] ?? LOCAL_URLS.postgres!;
  await initHistograms();
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  const settings = { pool: IN_FLIGHT };
  const store = await (await storeFactory('postgres')).create({ url, settings });
  const wrapped = instrumented('catalog', 'postgres', store.roles.catalog!);
  let workers: RoleWorkers | null = null;
  try {
    console.error(
      `PostgreSQL ${store.info.version} at ${store.info.address}: ${IN_FLIGHT} in flight, ${seconds} s per loop, ` +
        `${rounds} round(s)${workerCount > 1 ? `, getProduct also from ${workerCount} worker threads` : ''}`,
    );
    const catalog = productCatalog();
    await store.roles.catalog!.loadCatalog(catalog.categories, catalog.products);
    // VACUUM sets the hint bits and visibility map a fresh COPY leaves unset (pgbench -i vacuums too):
    // otherwise the first loop would pay for writing them and look slower than the later ones.
    await admin.query('VACUUM (ANALYZE) polyglot_bench.products');
    await admin.query(`DROP DATABASE IF EXISTS ${PGBENCH_DB} WITH (FORCE)`);
    await admin.query(`CREATE DATABASE ${PGBENCH_DB}`);
    await runCommand('pgbench', ['-i', '-s', '1', '-q', PGBENCH_DB], libpqEnv(new URL(url)));
    // Writes both loads' dirty pages now rather than during a measured loop (needs superuser or pg_checkpoint).
    await admin.query('CHECKPOINT').catch(() => undefined);
    if (workerCount > 1) {
      workers = await RoleWorkers.start(workerCount, { engine: 'postgres', role: 'catalog', url, settings });
    }

    const loop = warmedLoops(IN_FLIGHT, seconds, wrapped);
    const all: Measurement[][] = [];
    for (let round = 1; round <= rounds; round++) {
      const rows = await oneRound({
        loop,
        ours: wrapped.role,
        plain: store.roles.catalog!,
        url,
        seconds,
        round: round - 1,
        workers,
      });
      all.push(rows);
      console.error(`round ${round}: ${verdict(rows[0]!, rows.at(-1)!)}; ${verdict(rows[0]!, rows.at(-2)!)}`);
      if (workers) {
        const w = rows[WORKER_ROW]!;
        console.error(`round ${round}: ${verdict(w, rows.at(-1)!)}; ${verdict(w, rows.at(-2)!)}`);
      }
    }
    const rows = medianOfRounds(all);
    const of = rounds > 1 ? `, median of ${rounds} rounds` : '';
    console.log(
      comparisonTable(`primary-key SELECT, ${IN_FLIGHT} in flight${of}`, rows, [rows.at(-1)!, rows.at(-2)!]),
    );
    console.log(verdict(rows[0]!, rows.at(-1)!));
    console.log(verdict(rows[0]!, rows.at(-2)!));
    if (workers) {
      console.log(verdict(rows[WORKER_ROW]!, rows.at(-1)!));
      console.log(verdict(rows[WORKER_ROW]!, rows.at(-2)!));
      console.log(
        `${workers.count} workers: each its own pool on the same namespace, ${IN_FLIGHT} in flight split among ` +
          'them, calls/s summed; p50/p99 from their histograms merged',
      );
    }
  } finally {
    await workers?.close();
    wrapped.destroy();
    await store.close();
    await admin.query(`DROP DATABASE IF EXISTS ${PGBENCH_DB} WITH (FORCE)`).catch((error: unknown) => {
      console.error(`could not drop ${PGBENCH_DB}: ${String(error)}`);
    });
    await admin.end();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
  process.exitCode = 1;
});
