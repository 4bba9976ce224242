// Data sizes this process can hold. Users and products are generated in memory and every layout's stores load
// them; the historical orders and the follows and likes stream, a chunk at a time, into the stores
// (docs/architecture.md, "Data sizes"), so on servers they cost this process a chunk and reconciliation's audit —
// a row per order, one store at a time — while an embedded engine keeps its own copy of everything in this same
// process. A size far past the heap ends, a minute into the run, in V8's "Reached heap limit" and a native stack
// trace. Validate refuses it instead, naming the limit: from the scenario file alone (layouts mapped to embedded
// stores by name), and again when a run knows which stores its layouts got (src/provision/check-data-size.ts).
import { getHeapStatistics } from 'node:v8';
import { HISTORY_CHUNK } from '../data/history.js';
import { SOCIAL_CHUNK_USERS } from '../data/social.js';
import type { RoleName } from '../roles.js';
import { EMBEDDED_STORE_KINDS } from '../stores/kinds.js';
import type { Problem } from './problem.js';
import type { DataSpec, Scenario, StoreSpec } from './types.js';

/**
 * Heap bytes per generated item, measured on the generator (node --expose-gc, 100k items each): a user with its
 * name and email, a product with its attributes, a historical order with its lines, one follow or like edge; and
 * per historical order in reconciliation: its audit row (OrderAudit) and the map entry comparing it, 112 bytes
 * measured the same way (a million rows), rounded up to 200 for the driver's result row that becomes it.
 */
const BYTES_PER = { user: 330, product: 420, historicalOrder: 330, edge: 70, auditedOrder: 200 } as const;
/** The dataset itself, the copies loading makes (CSV text, documents, rows) and in-process engines' own copy. */
const PEAK_FACTOR = 4;

/**
 * Where the layouts keep the history and the graph's edges: in this process (an embedded engine holds orders,
 * graph or analytics) or on servers only.
 */
export type HistoryHeld = 'in-process' | 'on-servers';

/** The roles the streamed data is loaded into: where they are held decides what it costs this process. */
export const HISTORY_ROLES = ['orders', 'graph', 'analytics'] as const satisfies readonly RoleName[];

/** A store name (a kind, or a name under `stores:`) that runs in this process. */
export function isEmbeddedStore(store: string, stores: Record<string, StoreSpec>): boolean {
  return (EMBEDDED_STORE_KINDS as readonly string[]).includes(stores[store]?.engine ?? store);
}

function partBytes(data: DataSpec, held: HistoryHeld): Array<[keyof DataSpec, number]> {
  // On servers: an audit row per order at reconciliation, and the one chunk the load holds at a time.
  const inProcess = held === 'in-process';
  const history = inProcess
    ? data.historicalOrders * BYTES_PER.historicalOrder * PEAK_FACTOR
    : data.historicalOrders * BYTES_PER.auditedOrder +
      Math.min(data.historicalOrders, HISTORY_CHUNK) * BYTES_PER.historicalOrder * PEAK_FACTOR;
  // Follows and likes stream a chunk of users at a time too; an embedded graph keeps them all.
  const edgeUsers = inProcess ? data.users : Math.min(data.users, SOCIAL_CHUNK_USERS);
  return [
    ['users', data.users * BYTES_PER.user * PEAK_FACTOR],
    ['products', data.products * BYTES_PER.product * PEAK_FACTOR],
    ['historicalOrders', history],
    ['followsPerUser', edgeUsers * data.followsPerUser * BYTES_PER.edge * PEAK_FACTOR],
    ['likesPerUser', edgeUsers * data.likesPerUser * BYTES_PER.edge * PEAK_FACTOR],
  ];
}

/** Peak bytes this process needs for the data: generating, loading and reconciling it. */
export function estimatedPeakBytes(data: DataSpec, held: HistoryHeld): number {
  return partBytes(data, held).reduce((sum, [, bytes]) => sum + bytes, 0);
}

function gigabytes(bytes: number): string {
  return bytes >= 1e9 ? `${(bytes / 1e9).toFixed(1)} GB` : `${Math.ceil(bytes / 1e6)} MB`;
}

/** The field whose size dominates the estimate: where the user most likely wants to look. */
function largestField(data: DataSpec, held: HistoryHeld): keyof DataSpec {
  return partBytes(data, held).reduce((a, b) => (b[1] > a[1] ? b : a))[0];
}

/** The one-line refusal, or none: the limit, what raises it, and (in process) why the history counts in full. */
export function sizeProblemsFor(
  data: DataSpec,
  held: HistoryHeld,
  heapLimit = getHeapStatistics().heap_size_limit,
): Problem[] {
  const peak = estimatedPeakBytes(data, held);
  if (peak <= heapLimit) return [];
  const why = held === 'in-process' ? ' (an embedded store keeps all the data in this process)' : '';
  return [
    {
      path: ['data', largestField(data, held)],
      message:
        `the data would need about ${gigabytes(peak)} of memory to generate, load and reconcile${why}, more ` +
        `than this process may use (${gigabytes(heapLimit)} heap; node --max-old-space-size=<MB> raises it): ` +
        'make data smaller',
    },
  ];
}

/**
 * Whether some layout of the scenario surely keeps the history in process: a role that holds orders mapped by
 * name to an embedded engine. A built-in layout's engines depend on --stores, so the run checks it (checkDataSize).
 */
function historyHeldByFile(scenario: Scenario): HistoryHeld {
  const embedded = scenario.layouts.some((layout) => {
    if (!('roles' in layout)) return false;
    return HISTORY_ROLES.some((role) => {
      const store = layout.roles[role] ?? layout.roles.default;
      return store !== undefined && isEmbeddedStore(store, scenario.stores);
    });
  });
  return embedded ? 'in-process' : 'on-servers';
}

export function sizeProblems(scenario: Scenario, heapLimit = getHeapStatistics().heap_size_limit): Problem[] {
  return sizeProblemsFor(scenario.data, historyHeldByFile(scenario), heapLimit);
}
