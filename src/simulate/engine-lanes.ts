// How many calls a store serves at once, per engine: the model's servers. The figures are what the adapters do,
// not guesses about the engines. In-process engines that run on the tool's own JavaScript thread (PGlite's
// WebAssembly, the TTL cache, the document store, the search index) share one lane with everything else on that
// thread — starting a step, receiving any call's answer — because while one runs nothing else does: that is the
// "host" lane. PGlite queues its queries (their measured latency includes that wait); the others run inline
// (measured latency = service). The Kuzu and DuckDB adapters queue statements on two connections of their own
// (a writer for relay applies, a reader for queries), one at a time each, on native threads. A pooled server
// serves as many calls as its pool has connections; anything else is not a limit the model knows of.
import type { Scenario } from '../scenario/types.js';

export const HOST_LANE = 'host';

export interface LaneShape {
  /** Lane name within the store ("host" for the tool's thread, shared by every store on it). */
  name: string;
  servers: number;
  why: string;
  /** The call runs on the caller's turn: its measured latency is its service time, with no wait in it. */
  inline: boolean;
}

/** The pools the adapters open when the scenario names none (src/stores/postgres.ts DEFAULT_POOL, mysql). */
const DEFAULT_POOLS: Record<string, number> = { postgres: 8, mysql: 8, mariadb: 8 };

/** The derived stores' writes: a checkout's apply, and a compensated checkout's undo of it. */
const WRITER_METHODS = new Set([
  'recordPurchase',
  'recordOrder',
  'applyOrder',
  'removePurchase',
  'removeOrder',
  'revertOrder',
]);

export function storeKind(scenario: Scenario, store: string): string {
  return scenario.stores[store]?.engine ?? store;
}

const host = (inline: boolean, why: string): LaneShape[] => [{ name: HOST_LANE, servers: 1, why, inline }];

export function lanesOf(scenario: Scenario, store: string): LaneShape[] {
  const kind = storeKind(scenario, store);
  const pool = scenario.stores[store]?.pool ?? null;
  switch (kind) {
    case 'pglite':
      return host(false, 'PGlite runs one query at a time, on the tool’s thread');
    case 'ttlcache':
    case 'docstore':
    case 'minisearch':
      return host(true, 'in-process, inline on the tool’s thread');
    case 'kuzu':
    case 'duckdb':
      return [
        { name: 'writer', servers: 1, why: 'writer connection, one statement at a time', inline: false },
        { name: 'reader', servers: 1, why: 'reader connection, one statement at a time', inline: false },
      ];
    default: {
      const size = pool ?? DEFAULT_POOLS[kind];
      if (size !== undefined)
        return [{ name: 'pool', servers: size, why: `${size} pooled connections`, inline: false }];
      return [
        { name: 'server', servers: Infinity, why: 'no client-side limit known (not queued)', inline: false },
      ];
    }
  }
}

/** Which of a store's lanes serves a method. */
export function laneOfMethod(lanes: readonly LaneShape[], method: string): LaneShape {
  if (lanes.length === 1) return lanes[0]!;
  const wanted = WRITER_METHODS.has(method) ? 'writer' : 'reader';
  return lanes.find((lane) => lane.name === wanted) ?? lanes[0]!;
}
