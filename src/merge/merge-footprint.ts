// A layout's footprint merged across shards (docs/measurements.md, "Shards and merge"). Its shape — engines,
// server processes, stores and their roles, the copies of each order — is the scenario's and must be the same in
// every shard; its measured figures are per shard process and are added: each shard opened its own connections
// and owned its own namespace (embedded: its own process), so its own copy of the data. A shard without a footprint, or shards that disagree
// on its shape, leave the merged footprint absent with the reason rather than a figure summed short.
import type { LayoutFootprint, OperationStats, StoreFootprintStats } from '../metrics/types.js';
import { sum } from './group-sum.js';

export interface FootprintPart {
  /** The shard's index, for the notes. */
  shard: number;
  footprint: LayoutFootprint | undefined;
  /** The shard's own operations: their counts weight its round trips. */
  operations: readonly OperationStats[];
}

export type MergedFootprint = { footprint: LayoutFootprint } | { absent: string };

type Present = FootprintPart & { footprint: LayoutFootprint };

/** What must be the same in every shard: everything the scenario and the propagation plan decide. */
function shape(footprint: LayoutFootprint): string {
  return JSON.stringify({
    engines: footprint.engines,
    serverProcesses: footprint.serverProcesses,
    stores: footprint.stores.map((s) => ({
      store: s.store,
      engine: s.engine,
      embedded: s.embedded,
      roles: s.roles,
    })),
    copies: footprint.duplication.copies,
    copyStores: footprint.duplication.stores,
  });
}

/** A sum over every shard, or the first shard that lacks the figure. */
function sumAll<T>(
  parts: readonly Present[],
  value: (p: Present) => T | null,
  add: (a: T, b: T) => T,
): { total: T } | { lacking: Present } {
  let total: T | undefined;
  for (const part of parts) {
    const v = value(part);
    if (v === null) return { lacking: part };
    total = total === undefined ? v : add(total, v);
  }
  return { total: total! };
}

const addPair = <K extends string>(a: Record<K, number>, b: Record<K, number>): Record<K, number> =>
  Object.fromEntries(Object.keys(a).map((k) => [k, a[k as K] + b[k as K]])) as Record<K, number>;

// Where each shard's copy lives (docs/measurements.md, "Shards and merge").
const OWN_COPY = 'its own namespace on a server, its own process embedded';

function mergeStore(name: string, parts: readonly Present[]): StoreFootprintStats {
  const of = (p: Present) => p.footprint.stores.find((s) => s.store === name)!;
  const first = of(parts[0]!);
  // Each shard ran in its own namespace, so each holds its own copy of the data: the bytes add up.
  const data = sumAll(
    parts,
    (p) => of(p).dataBytes,
    (a, b) => a + b,
  );
  const sources = [...new Set(parts.map((p) => of(p).dataSource))].join('; ');
  // opened adds up exactly. Each shard's peak happened on its own machine at its own moment, so the sum of the
  // peaks is an upper bound of the connections held at once across shards, not a peak anyone observed.
  const connections = sumAll(parts, (p) => of(p).connections, addPair);
  const wire = sumAll(parts, (p) => of(p).wire, addPair);
  const unseen = 'lacking' in connections ? connections.lacking : 'lacking' in wire ? wire.lacking : null;
  const merged: StoreFootprintStats = {
    ...first,
    dataBytes: 'total' in data ? data.total : null,
    dataSource:
      'total' in data
        ? `${sources}; summed over ${parts.length} shards, each holding its own copy (${OWN_COPY})`
        : parts.every((p) => of(p).dataBytes === null)
          ? sources
          : `shard ${data.lacking.shard}: ${of(data.lacking).dataSource}`,
    connections: 'total' in connections && 'total' in wire ? connections.total : null,
    wire: 'total' in connections && 'total' in wire ? wire.total : null,
  };
  delete merged.wireNote;
  if (unseen) {
    const note = of(unseen).wireNote ?? 'no connection seen';
    merged.wireNote = parts.every((p) => of(p).connections === null)
      ? note
      : `shard ${unseen.shard}: ${note}`;
  }
  return merged;
}

/**
 * Round trips per user action: the merged operation's own calls per execution where the merge has them; else the
 * shards' means weighted by their executions (exact: every execution counts its calls), and the largest shard's
 * p99 — the p99 of a union lies between its parts' p99s, so this is an upper bound, not the union's p99.
 */
function mergeRoundTrips(
  parts: readonly Present[],
  operations: readonly OperationStats[],
): LayoutFootprint['roundTrips'] {
  const names = [...new Set(parts.flatMap((p) => Object.keys(p.footprint.roundTrips)))];
  const roundTrips: LayoutFootprint['roundTrips'] = {};
  for (const name of names) {
    const perRun = operations.find((op) => op.name === name)?.storeCallsPerRun;
    if (perRun) {
      roundTrips[name] = { mean: perRun.mean, p99: perRun.p99 };
      continue;
    }
    const rows = parts.flatMap((p) => {
      const trips = p.footprint.roundTrips[name];
      const count = p.operations.find((op) => op.name === name)?.count ?? 0;
      return trips && count > 0 ? [{ trips, count }] : [];
    });
    const executions = sum(rows, (r) => r.count);
    if (executions === 0) continue;
    roundTrips[name] = {
      mean: sum(rows, (r) => r.trips.mean * r.count) / executions,
      p99: Math.max(...rows.map((r) => r.trips.p99)),
    };
  }
  return roundTrips;
}

/** The layout's footprint over the shards that ran it, or why there is none. */
export function mergeFootprint(
  parts: readonly FootprintPart[],
  operations: readonly OperationStats[],
): MergedFootprint {
  const lacking = parts.filter((p) => p.footprint === undefined).map((p) => p.shard);
  if (lacking.length > 0)
    return {
      absent: `shard${lacking.length > 1 ? 's' : ''} ${lacking.join(', ')} reported none, and a sum without them would be short`,
    };
  const present = parts as readonly Present[];
  const first = present[0]!;
  const differing = present.find((p) => shape(p.footprint) !== shape(first.footprint));
  if (differing)
    return {
      absent:
        `shards ${first.shard} and ${differing.shard} disagree on its engines, stores, roles or copies ` +
        '(they cannot have run the same layout)',
    };
  const copyBytes = sumAll(
    present,
    (p) => p.footprint.duplication.copyStoreBytes,
    (a, b) => a + b,
  );
  return {
    footprint: {
      engines: first.footprint.engines,
      serverProcesses: first.footprint.serverProcesses,
      stores: first.footprint.stores.map((s) => mergeStore(s.store, present)),
      roundTrips: mergeRoundTrips(present, operations),
      duplication: {
        ...first.footprint.duplication,
        copyStoreBytes: 'total' in copyBytes ? copyBytes.total : null,
      },
    },
  };
}
