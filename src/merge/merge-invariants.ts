// Invariants merged across shards: each shard reconciled its own stores (its own namespace) against its own
// ledger, so per store the merged figures are the shards' sums; the united ledgers add one check of their own:
// no order placed by two shards (docs/measurements.md, "Shards and merge").
import type { Invariants, ShardInfo, StoreReconciliation } from '../metrics/types.js';
import { groups, sum } from './group-sum.js';

export interface MergedInvariants {
  invariants: Invariants;
  /** Distinct placed orders in the united ledgers. */
  ledgerOrders: number;
  /** Units on the united ledgers' lines. */
  ledgerUnits: number;
  /** Orders placed by more than one shard (0 when the slices are disjoint, as they must be). */
  overlapping: number;
}

// A run's journeys own their order ids ("o-a12", "o-v3-0"); the checkout each shard traces after its window has
// one fixed id, and is that shard's own.
const RUN_ORDER = /^o-[av]\d/;

function mergeStores(parts: readonly Invariants[]): StoreReconciliation[] {
  return groups(
    parts.flatMap((p) => p.stores),
    (s) => `${s.role}\u0000${s.store}`,
  ).map((group) => {
    const first = group[0]!;
    const merged: StoreReconciliation = {
      ...first,
      expected: sum(group, (s) => s.expected),
      missing: sum(group, (s) => s.missing),
      duplicate: sum(group, (s) => s.duplicate),
      divergent: sum(group, (s) => s.divergent),
      unexpected: sum(group, (s) => s.unexpected),
    };
    if (group.some((s) => s.stockDivergent !== undefined))
      merged.stockDivergent = sum(group, (s) => s.stockDivergent ?? 0);
    return merged;
  });
}

export function mergeInvariants(
  parts: readonly Invariants[],
  ledgers: ReadonlyArray<ShardInfo['layouts'][number] | undefined>,
): MergedInvariants {
  const ids = new Set<string>();
  let overlapping = 0;
  let ledgerUnits = 0;
  for (const [shardIndex, ledger] of ledgers.entries()) {
    for (const order of ledger?.ledger ?? []) {
      const id = RUN_ORDER.test(order.id) ? order.id : `shard ${shardIndex}: ${order.id}`;
      if (ids.has(id)) overlapping += 1;
      ids.add(id);
      ledgerUnits += sum(order.lines, (line) => line.quantity);
    }
  }
  const unitsSold = sum(parts, (p) => p.unitsSold);
  const invariants: Invariants = {
    // Fields this merge does not know of yet are the first shard's; every known one is combined below.
    ...parts[0]!,
    drained: parts.every((p) => p.drained),
    drainMs: Math.max(...parts.map((p) => p.drainMs)),
    stockNegative: sum(parts, (p) => p.stockNegative),
    unitsSold,
    unitsDecremented: sum(parts, (p) => p.unitsDecremented),
    stores: mergeStores(parts),
    ok: parts.every((p) => p.ok) && overlapping === 0 && ledgerUnits === unitsSold,
  };
  return { invariants, ledgerOrders: ids.size, ledgerUnits, overlapping };
}
