// One layout's results merged over the shards that ran it: each part of the result by its own merge step, and
// the notes that say what was united and what could not be.
import type { LayoutResult } from '../metrics/types.js';
import type { Sharded } from './check-shards.js';
import { addCounts, sum } from './group-sum.js';
import { mergeFootprint } from './merge-footprint.js';
import { mergeInvariants } from './merge-invariants.js';
import { mergeLag } from './merge-lag.js';
import {
  mergeBackgroundCalls,
  mergeErrors,
  mergeOperations,
  mergeSchedules,
  mergeSeries,
  mergeStoreCalls,
} from './merge-operations.js';

export function mergeLayout(layout: string, shards: readonly Sharded[], notes: string[]): LayoutResult {
  const ran = shards.flatMap((s) => {
    const result = s.report.layouts.find((l) => l.layout === layout);
    return result ? [{ shard: s.shard.index, result }] : [];
  });
  const present = ran.map((r) => r.result);
  const first = present[0]!;
  if (present.length < shards.length)
    notes.push(
      `layout ${layout}: ran in ${present.length} of ${shards.length} shards (the others failed it)`,
    );
  const operations = mergeOperations(present);
  const ledgers = shards.map((s) => s.shard.layouts.find((l) => l.layout === layout));
  const reconciled = mergeInvariants(
    present.map((p) => p.invariants),
    ledgers,
  );
  notes.push(
    `layout ${layout}: invariants united from ${present.length} shards: ${reconciled.ledgerOrders} placed orders in ` +
      `the ledgers, ${reconciled.ledgerUnits} units (the shards' own reconciliations: ${reconciled.invariants.unitsSold}), ` +
      `${reconciled.overlapping} orders placed by more than one shard`,
  );
  if (present.some((p) => p.faults.length > 0))
    notes.push(`layout ${layout}: fault windows are per shard (each its own clock): see the shard reports`);
  const footprint = mergeFootprint(
    ran.map((r) => ({ shard: r.shard, footprint: r.result.footprint, operations: r.result.operations })),
    operations,
  );
  if ('absent' in footprint) notes.push(`layout ${layout}: no footprint: ${footprint.absent}`);
  const stale = present.map((p) => p.staleInStock).filter((s) => s !== undefined);
  const health = present.map((p) => p.health);
  const rywChecks = present.map((p) => p.readYourWrites);
  const merged: LayoutResult = {
    ...first,
    notes: [...new Set(present.flatMap((p) => p.notes))],
    measuredSeconds: Math.max(...present.map((p) => p.measuredSeconds)),
    interrupted: present.some((p) => p.interrupted),
    loadSeconds: Math.max(...present.map((p) => p.loadSeconds)),
    abandonedJourneys: sum(present, (p) => p.abandonedJourneys),
    operations,
    storeCalls: mergeStoreCalls(present),
    backgroundCalls: mergeBackgroundCalls(present),
    schedule: mergeSchedules(present),
    timeSeries: mergeSeries(present.map((p) => p.timeSeries)),
    lag: mergeLag(present),
    readYourWrites: {
      checks: sum(rywChecks, (r) => r.checks),
      violations: rywChecks.reduce((acc, r) => addCounts(acc, r.violations), {} as Record<string, number>),
      checksByOperation: rywChecks.reduce(
        (acc, r) => addCounts(acc, r.checksByOperation),
        {} as Record<string, number>,
      ),
    },
    ...(stale.length > 0
      ? {
          staleInStock: {
            searches: sum(stale, (s) => s.searches),
            listedInStock: sum(stale, (s) => s.listedInStock),
            stale: sum(stale, (s) => s.stale),
            staleSearches: sum(stale, (s) => s.staleSearches),
          },
        }
      : {}),
    invariants: reconciled.invariants,
    // Several processes: CPU adds up (percent of one core), event-loop delay is the worst shard's.
    health: {
      eventLoopDelayMs: {
        mean: Math.max(...health.map((h) => h.eventLoopDelayMs.mean)),
        p99: Math.max(...health.map((h) => h.eventLoopDelayMs.p99)),
        max: Math.max(...health.map((h) => h.eventLoopDelayMs.max)),
      },
      cpuPercent: sum(health, (h) => h.cpuPercent),
      cpuIncludes: `${first.health.cpuIncludes}, summed over ${present.length} shard processes`,
      windowSeconds: Math.max(...health.map((h) => h.windowSeconds)),
    },
    errors: mergeErrors(present.flatMap((p) => p.errors)),
    faults: [],
    trace: first.trace ?? null,
  };
  // Worker threads are each shard's own (their health is in the shard reports): the first shard's list must not
  // stand for the run's.
  delete merged.workers;
  if (present.some((p) => (p.workers?.length ?? 0) > 0))
    notes.push(
      `layout ${layout}: the shards ran worker threads; each worker's health is in its shard's report`,
    );
  // The first shard's footprint must not stand for the run's: the merged one, or none.
  delete merged.footprint;
  if ('footprint' in footprint) merged.footprint = footprint.footprint;
  return merged;
}
