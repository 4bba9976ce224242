// A layout's measured work merged across shards: operations, store calls, the schedule, the per-second series and
// the error samples. Counts are summed and latencies go through their histograms (merge-summaries.ts); what the
// shards kept only as summaries is unknown (null), as MERGE_NOTES says.
import type {
  BackgroundCallStats,
  ErrorSample,
  LayoutResult,
  OperationStats,
  ScheduleStats,
  SecondSample,
  StoreCallStats,
} from '../metrics/types.js';
import { groups, sum } from './group-sum.js';
import { mergeSummaries } from './merge-summaries.js';

function mergeOperation(parts: readonly OperationStats[]): OperationStats {
  const first = parts[0]!;
  const service = mergeSummaries(parts.map((p) => p.service));
  return {
    name: first.name,
    count: sum(parts, (p) => p.count),
    errors: sum(parts, (p) => p.errors),
    rejected: sum(parts, (p) => p.rejected),
    response: mergeSummaries(parts.map((p) => p.response)),
    // A service summary is present whenever the operation ran in some shard.
    service: service ?? first.service,
    // Calls per execution are kept as mean/p50/p99/max, not as counts: the union's p50/p99 cannot be rebuilt.
    storeCallsPerRun: null,
  };
}

/** Every operation any shard ran, in the first shard's order (the journeys' order), the rest after it. */
export function mergeOperations(present: readonly LayoutResult[]): OperationStats[] {
  const ops = groups(
    present.flatMap((p) => p.operations),
    (o) => o.name,
  ).map(mergeOperation);
  const order = present[0]!.operations.map((o) => o.name);
  const rank = (name: string) => (order.includes(name) ? order.indexOf(name) : order.length);
  return ops.sort((a, b) => rank(a.name) - rank(b.name));
}

function mergeCall<T extends StoreCallStats>(parts: readonly T[]): T {
  const first = parts[0]!;
  return {
    ...first,
    count: sum(parts, (p) => p.count),
    errors: sum(parts, (p) => p.errors),
    latency: mergeSummaries(parts.map((p) => p.latency)) ?? first.latency,
  };
}

const callKey = (c: StoreCallStats) => `${c.store}\u0000${c.role}\u0000${c.method}`;

export function mergeStoreCalls(present: readonly LayoutResult[]): StoreCallStats[] {
  return groups(
    present.flatMap((p) => p.storeCalls),
    callKey,
  ).map(mergeCall);
}

export function mergeBackgroundCalls(present: readonly LayoutResult[]): BackgroundCallStats[] {
  return groups(
    present.flatMap((p) => p.backgroundCalls),
    (c: BackgroundCallStats) => `${callKey(c)}\u0000${c.source}\u0000${c.phase}`,
  ).map(mergeCall);
}

/** The open model's schedule: arrivals summed, schedule lag through its histograms; null in the closed model. */
export function mergeSchedules(present: readonly LayoutResult[]): ScheduleStats | null {
  const schedules = present.map((p) => p.schedule).filter((s) => s !== null);
  if (schedules.length === 0) return null;
  return {
    intended: sum(schedules, (s) => s.intended),
    started: sum(schedules, (s) => s.started),
    dropped: sum(schedules, (s) => s.dropped),
    lag: mergeSummaries(schedules.map((s) => s.lag)),
  };
}

export function mergeSeries(series: ReadonlyArray<readonly SecondSample[]>): SecondSample[] {
  const bySecond = new Map<number, SecondSample>();
  for (const samples of series) {
    for (const sample of samples) {
      const merged = bySecond.get(sample.second) ?? {
        second: sample.second,
        ops: 0,
        errors: 0,
        operations: {},
      };
      merged.ops += sample.ops;
      merged.errors += sample.errors;
      for (const [name, op] of Object.entries(sample.operations)) {
        const into = merged.operations[name] ?? { count: 0, errors: 0, p50: null, p99: null };
        into.count += op.count;
        into.errors += op.errors;
        merged.operations[name] = into;
      }
      bySecond.set(sample.second, merged);
    }
  }
  return [...bySecond.values()].sort((a, b) => a.second - b.second);
}

export function mergeErrors(parts: readonly ErrorSample[]): ErrorSample[] {
  return groups(parts, (e) => `${e.operation}\u0000${e.message}`).map((group) => ({
    ...group[0]!,
    count: sum(group, (e) => e.count),
  }));
}
