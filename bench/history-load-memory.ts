// Flat memory for big histories (docs/architecture.md, "Data sizes"): generates and loads --orders historical orders
// through loadServedRoles, chunk by chunk, into a sink — "noop" (loaders that only count, so the figure is the
// generator's and the load's own) or "postgres" (the orders, graph and analytics roles of a real server, in a
// database of the bench's own, dropped afterwards) — printing RSS as the load goes and its peak. The peak should not
// grow with --orders. --eager holds the whole history in one array first (the old way) for comparison.
//   bench/run.sh history-load-memory [--orders 2000000] [--sink noop|postgres] [--chunk 10000] [--eager]
//   (postgres: eval "$(bash scripts/local-stores.sh env)" first, or POLYGLOT_BENCH_POSTGRES_URL)
import { generateDataset } from '../src/data/generate.js';
import { HISTORY_CHUNK, allHistoricalOrders, fixedHistory } from '../src/data/history.js';
import type { Dataset } from '../src/domain.js';
import { loadServedRoles } from '../src/layouts/load-dataset.js';
import type { RoleImpls } from '../src/roles.js';
import { postgresFactory } from '../src/stores/postgres.js';
import type { StoreAdapter } from '../src/stores/types.js';
import { onServer } from './postgres-statement.js';

const MB = 1024 * 1024;

function argument(name: string, fallback: string): string {
  const index = process.argv.indexOf(name);
  return index === -1 ? fallback : process.argv[index + 1]!;
}

/** Loaders that keep nothing: what is left is the generator's and the load's own memory. */
function noopRoles(counted: { orders: number }): Partial<RoleImpls> {
  const nothing = async () => undefined;
  return {
    orders: {
      loadOrders: async (orders) => void (counted.orders += orders.length),
    } as RoleImpls['orders'],
    graph: {
      loadGraph: nothing,
      loadSocial: nothing,
      loadPurchases: nothing,
    } as unknown as RoleImpls['graph'],
    analytics: { loadSales: nothing } as unknown as RoleImpls['analytics'],
  };
}

async function main(): Promise<void> {
  const orders = Number(argument('--orders', '2000000'));
  const sink = argument('--sink', 'noop');
  const chunkSize = Number(argument('--chunk', String(HISTORY_CHUNK)));
  const eager = process.argv.includes('--eager');
  const data = {
    users: 10_000,
    products: 5_000,
    categories: 20,
    followsPerUser: 2,
    likesPerUser: 2,
    historicalOrders: orders,
    historyDays: 30,
    stockPerProduct: 100,
    popularitySkew: 1,
  };
  const baseline = process.memoryUsage.rss();
  // Sampled from before generating, so --eager's array counts too.
  let peak = baseline;
  const sample = () => (peak = Math.max(peak, process.memoryUsage.rss()));
  const timer = setInterval(sample, 50);
  const started = performance.now();
  let dataset: Dataset = generateDataset(data, 42, Date.now());
  if (eager) dataset = { ...dataset, history: fixedHistory(allHistoricalOrders(dataset.history)) };

  let adapter: StoreAdapter | null = null;
  let cleanup = async () => {};
  const counted = { orders: 0 };
  let roles: Partial<RoleImpls>;
  if (sink === 'postgres') {
    const server = process.env.POLYGLOT_BENCH_POSTGRES_URL;
    if (!server)
      throw new Error('POLYGLOT_BENCH_POSTGRES_URL is not set (eval "$(bash scripts/local-stores.sh env)")');
    const name = `pgb_history_bench_${process.pid}`;
    const url = new URL(server);
    url.pathname = `/${name}`;
    await onServer(server, `CREATE DATABASE ${name}`);
    cleanup = () => onServer(server, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    adapter = await postgresFactory.create({ url: url.toString(), settings: { pool: 4 } });
    const { orders: o, graph, analytics } = adapter.roles as Partial<RoleImpls>;
    roles = { orders: o, graph, analytics };
  } else {
    roles = noopRoles(counted);
  }

  let loaded = 0;
  let nextReport = orders / 4;
  try {
    await loadServedRoles(roles, dataset, { chunkSize }, async (role, load) => {
      await load();
      sample();
      if (role !== 'analytics') return;
      loaded = Math.min(orders, loaded + chunkSize);
      if (loaded >= nextReport) {
        const seconds = (performance.now() - started) / 1000;
        console.log(
          `${loaded.toLocaleString('en')} orders in ${seconds.toFixed(1)} s: RSS ${(process.memoryUsage.rss() / MB).toFixed(0)} MB`,
        );
        nextReport += orders / 4;
      }
    });
  } finally {
    clearInterval(timer);
    await adapter?.close();
    await cleanup();
  }
  const seconds = (performance.now() - started) / 1000;
  console.log(
    `${sink}${eager ? ' (eager)' : ''}, ${orders.toLocaleString('en')} orders in chunks of ${chunkSize}: ` +
      `${seconds.toFixed(1)} s, RSS before generating ${(baseline / MB).toFixed(0)} MB, peak ${(peak / MB).toFixed(0)} MB` +
      (sink === 'noop' ? `, ${counted.orders.toLocaleString('en')} orders counted` : ''),
  );
}

await main();
