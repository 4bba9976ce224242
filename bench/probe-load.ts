// The load the visibility probes put on a derived store (docs/measurements.md, "Consistency lag"): store calls
// per second at probeInterval 1 ms with 1,000 outstanding writes that never become visible, per embedded engine
// and derived role. "per write" reproduces the probes before batching (one hasOrder per outstanding write per
// round, all at once); "batched" is the probes as they are (one visibleOrders per store per round, at most
// PROBE_BATCH_MAX ids each). Each store first holds 2,000 other orders, so reads have something to look through.
//   bench/run.sh probe-load [--seconds N] [--outstanding N]
import type { Order } from '../src/domain.js';
import { nowUs } from '../src/metrics/clock.js';
import { PROBE_BATCH_MAX, VisibilityProbes } from '../src/propagation/probes.js';
import { derivedTargets, type DerivedRole, type DerivedTarget } from '../src/propagation/targets.js';
import type { RoleImpls } from '../src/roles.js';
import { duckdbFactory } from '../src/stores/duckdb.js';
import { kuzuFactory } from '../src/stores/kuzu.js';
import { minisearchFactory } from '../src/stores/minisearch/factory.js';
import { pgliteFactory } from '../src/stores/pglite.js';
import type { StoreFactory } from '../src/stores/types.js';

const INTERVAL_MS = 1;
const BACKGROUND_ORDERS = 2000;

function option(name: string, fallback: number): number {
  const at = process.argv.indexOf(`--${name}`);
  return at > 0 ? Number(process.argv[at + 1]) : fallback;
}

const order = (id: string, userId: number, productId: number): Order => ({
  id,
  userId,
  createdAt: Date.now(),
  totalCents: 100,
  lines: [{ productId, categoryId: 1, quantity: 1, unitPriceCents: 100 }],
});

type Mode = 'per write' | 'batched';

interface Figures {
  storeCalls: number;
  rounds: number;
  seconds: number;
}

/** Probes `outstanding` writes for `seconds` through target, counting the calls that reach the store. */
async function probeLoad(
  base: DerivedTarget,
  hasOrder: (id: string) => Promise<boolean>,
  mode: Mode,
  outstanding: number,
  seconds: number,
): Promise<Figures> {
  let storeCalls = 0;
  let reads = 0;
  let inFlight = 0;
  const read = async (orderIds: readonly string[]): Promise<Set<string>> => {
    if (mode === 'batched') {
      storeCalls += 1;
      return base.visibleOrders(orderIds);
    }
    storeCalls += orderIds.length;
    const seen = await Promise.all(orderIds.map(async (id) => ((await hasOrder(id)) ? id : null)));
    return new Set(seen.filter((id): id is string => id !== null));
  };
  const target: DerivedTarget = {
    ...base,
    lag: { applied: () => undefined, probed: () => undefined },
    visibleOrders: async (orderIds) => {
      reads += 1;
      inFlight += 1;
      try {
        return await read(orderIds);
      } finally {
        inFlight -= 1;
      }
    },
  };
  const probes = new VisibilityProbes([target], INTERVAL_MS, 3_600_000);
  const run = `${mode === 'batched' ? 'b' : 'p'}-${Math.random().toString(36).slice(2, 8)}`;
  const startUs = nowUs();
  for (let i = 0; i < outstanding; i++) probes.watch(`never-${run}-${i}`, startUs);
  await new Promise((resolve) => setTimeout(resolve, seconds * 1000));
  probes.stop();
  const elapsed = (nowUs() - startUs) / 1e6;
  // Reads still in flight when stopped are counted (the store serves them too), and finish before the next figure.
  while (inFlight > 0) await new Promise((resolve) => setTimeout(resolve, 1));
  return { storeCalls, rounds: reads / Math.ceil(outstanding / PROBE_BATCH_MAX), seconds: elapsed };
}

const CASES: Array<[StoreFactory, DerivedRole]> = [
  [pgliteFactory, 'graph'],
  [pgliteFactory, 'analytics'],
  [pgliteFactory, 'search'],
  [kuzuFactory, 'graph'],
  [duckdbFactory, 'analytics'],
  [minisearchFactory, 'search'],
];

async function main(): Promise<void> {
  const seconds = option('seconds', 3);
  const outstanding = option('outstanding', 1000);
  console.log(
    `probe load at probeInterval ${INTERVAL_MS} ms, ${outstanding} outstanding writes, ${seconds} s per figure`,
  );
  console.log('engine       role       mode        store calls/s   rounds/s   calls per round');
  for (const [factory, role] of CASES) {
    const store = await factory.create();
    try {
      const roles = store.roles as RoleImpls;
      const target = derivedTargets(roles, () => ({
        applied: () => undefined,
        probed: () => undefined,
      })).find((t) => t.role === role)!;
      for (let i = 0; i < BACKGROUND_ORDERS; i++)
        await target.apply(order(`bg-${i}`, (i % 50) + 1, (i % 20) + 1));
      const hasOrder = (id: string) => roles[role].hasOrder(id);
      for (const mode of ['per write', 'batched'] as const) {
        const f = await probeLoad(target, hasOrder, mode, outstanding, seconds);
        console.log(
          `${factory.kind.padEnd(12)} ${role.padEnd(10)} ${mode.padEnd(10)} ` +
            `${(f.storeCalls / f.seconds).toFixed(0).padStart(14)} ${(f.rounds / f.seconds).toFixed(1).padStart(10)} ` +
            `${(f.rounds > 0 ? f.storeCalls / f.rounds : 0).toFixed(0).padStart(17)}`,
        );
      }
    } finally {
      await store.close();
    }
  }
}

await main();
