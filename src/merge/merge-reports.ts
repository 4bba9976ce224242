// `polyglot-bench merge`: the shard reports of one run (`run --shard i/N`) added up into one report. Percentiles
// come from the merged HdrHistograms (decoded, added, summarised: exact at the histograms' own precision), counts
// and errors are summed, and whatever cannot be combined exactly is reported unknown (null) and said so in notes.
import { LatencyHistogram, summarize } from '../metrics/histogram.js';
import { compareLayouts } from '../metrics/comparison.js';
import type {
  BackgroundCallStats,
  ErrorSample,
  Invariants,
  LagStats,
  LatencySummary,
  LayoutResult,
  MergeInfo,
  OperationStats,
  Report,
  SecondSample,
  ShardInfo,
  StoreCallStats,
  StoreReconciliation,
  TVisibility,
} from '../metrics/types.js';
import { UserError } from '../errors.js';

export interface ShardInput {
  file: string;
  report: Report;
}

type Sharded = ShardInput & { shard: ShardInfo };

/** Checks the shards are one run's, every index exactly once; throws one clear line (a UserError) if not. */
export function checkShards(inputs: readonly ShardInput[]): Sharded[] {
  if (inputs.length === 0) throw new UserError('merge: no shard reports given');
  const sharded: Sharded[] = [];
  for (const input of inputs) {
    if (!input.report.shard)
      throw new UserError(`merge: ${input.file} is not a shard report (run it with --shard i/N)`);
    sharded.push({ ...input, shard: input.report.shard });
  }
  const first = sharded[0]!;
  for (const other of sharded.slice(1)) {
    const differs = (what: string, a: unknown, b: unknown) =>
      new UserError(
        `merge: ${other.file} is not of the same run as ${first.file} (${what} ${String(b)} vs ${String(a)})`,
      );
    if (other.shard.scenarioHash !== first.shard.scenarioHash)
      throw differs('scenario hash', first.shard.scenarioHash, other.shard.scenarioHash);
    if (other.shard.seed !== first.shard.seed) throw differs('seed', first.shard.seed, other.shard.seed);
    if (other.shard.count !== first.shard.count)
      throw differs('shard count', first.shard.count, other.shard.count);
  }
  const count = first.shard.count;
  const seen = new Map<number, string>();
  const duplicated: string[] = [];
  for (const input of sharded) {
    const earlier = seen.get(input.shard.index);
    if (earlier !== undefined) duplicated.push(`${input.shard.index} (${earlier}, ${input.file})`);
    else seen.set(input.shard.index, input.file);
  }
  const missing = [...Array(count).keys()].filter((index) => !seen.has(index));
  if (duplicated.length > 0 || missing.length > 0) {
    const parts = [
      ...(missing.length > 0 ? [`missing shard${missing.length > 1 ? 's' : ''} ${missing.join(', ')}`] : []),
      ...(duplicated.length > 0 ? [`shard given twice: ${duplicated.join('; ')}`] : []),
    ];
    throw new UserError(`merge: ${count} shards expected: ${parts.join('; ')}`);
  }
  return [...sharded].sort((a, b) => a.shard.index - b.shard.index);
}

/** Adds latency summaries through their histograms; null when none had values. */
export function mergeSummaries(
  summaries: ReadonlyArray<LatencySummary | null | undefined>,
): LatencySummary | null {
  const present = summaries.filter((s): s is LatencySummary => !!s && s.count > 0);
  if (present.length === 0) return null;
  const total = LatencyHistogram.decode(present[0]!.hdr);
  try {
    for (const summary of present.slice(1)) {
      const part = LatencyHistogram.decode(summary.hdr);
      try {
        total.merge(part);
      } finally {
        part.destroy();
      }
    }
    const merged = summarize(total);
    if (!merged) return null;
    // The out-of-range counts travel beside the histogram, not in it: add them from the summaries.
    const outOfRange = { belowMin: 0, aboveMax: 0, invalid: 0 };
    for (const summary of present) {
      outOfRange.belowMin += summary.outOfRange?.belowMin ?? 0;
      outOfRange.aboveMax += summary.outOfRange?.aboveMax ?? 0;
      outOfRange.invalid += summary.outOfRange?.invalid ?? 0;
    }
    delete merged.outOfRange;
    if (outOfRange.belowMin + outOfRange.aboveMax + outOfRange.invalid > 0) merged.outOfRange = outOfRange;
    return merged;
  } finally {
    total.destroy();
  }
}

function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const group = groups.get(k);
    if (group) group.push(item);
    else groups.set(k, [item]);
  }
  return groups;
}

const sum = <T>(items: readonly T[], value: (item: T) => number) =>
  items.reduce((total, item) => total + value(item), 0);

function mergeOperations(parts: readonly OperationStats[]): OperationStats {
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

function mergeCalls<T extends StoreCallStats>(parts: readonly T[]): T {
  const first = parts[0]!;
  return {
    ...first,
    count: sum(parts, (p) => p.count),
    errors: sum(parts, (p) => p.errors),
    latency: mergeSummaries(parts.map((p) => p.latency)) ?? first.latency,
  };
}

function mergeSeries(series: ReadonlyArray<readonly SecondSample[]>): SecondSample[] {
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

/**
 * t-visibility over all shards' probed writes: a share known in every shard is k/sampled there, so the union's
 * is Σk / Σsampled, exact; where some shard only bounds it, the union is bounded too and stays unknown.
 */
function mergeTVisibility(parts: readonly LagStats[]): TVisibility[] {
  const sampled = sum(parts, (p) => p.sampled);
  const thresholds = parts[0]!.tVisibility.map((t) => t.withinMs);
  return thresholds.map((withinMs) => {
    const rows = parts.map((p) => ({
      sampled: p.sampled,
      row: p.tVisibility.find((t) => t.withinMs === withinMs),
    }));
    if (sampled === 0 || rows.some((r) => !r.row)) return { withinMs, fraction: null };
    const exact = rows.every((r) => r.row!.fraction !== null);
    const count = (value: (t: TVisibility) => number | undefined) =>
      sum(rows, (r) => Math.round((value(r.row!) ?? 0) * r.sampled));
    if (exact) return { withinMs, fraction: count((t) => t.fraction ?? undefined) / sampled };
    return {
      withinMs,
      fraction: null,
      atLeast: count((t) => t.fraction ?? t.atLeast) / sampled,
      atMost: count((t) => t.fraction ?? t.atMost) / sampled,
    };
  });
}

function mergeLag(parts: readonly LagStats[]): LagStats {
  const first = parts[0]!;
  const gaps = parts.map((p) => p.probeGapP99Us).filter((g): g is number => g !== null);
  return {
    ...first,
    apply: mergeSummaries(parts.map((p) => p.apply)),
    appliedBeforeCommitAck: sum(parts, (p) => p.appliedBeforeCommitAck),
    visible: mergeSummaries(parts.map((p) => p.visible)),
    // The p99 of a union lies between its parts' p99s: the largest is an upper bound.
    probeGapP99Us: gaps.length > 0 ? Math.max(...gaps) : null,
    sampled: sum(parts, (p) => p.sampled),
    neverVisible: sum(parts, (p) => p.neverVisible),
    tVisibility: mergeTVisibility(parts),
  };
}

function addCounts(into: Record<string, number>, from: Record<string, number>): Record<string, number> {
  for (const [key, value] of Object.entries(from)) into[key] = (into[key] ?? 0) + value;
  return into;
}

/**
 * Each shard reconciled its own stores (its own namespace) against its own ledger, so per store the merged
 * figures are the shards' sums; the united ledgers add one check of their own: no order placed by two shards.
 */
const RUN_ORDER = /^o-[av]\d/;

function mergeInvariants(
  parts: readonly Invariants[],
  ledgers: ReadonlyArray<ShardInfo['layouts'][number] | undefined>,
): { invariants: Invariants; ledgerOrders: number; ledgerUnits: number; overlapping: number } {
  const stores = [
    ...groupBy(
      parts.flatMap((p) => p.stores),
      (s) => `${s.role}\u0000${s.store}`,
    ).values(),
  ].map((group): StoreReconciliation => {
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
  const ids = new Set<string>();
  let overlapping = 0;
  let ledgerUnits = 0;
  for (const [shardIndex, ledger] of ledgers.entries()) {
    for (const order of ledger?.ledger ?? []) {
      // A run's journeys own their order ids ("o-a12", "o-v3-0"); the checkout each shard traces after its window
      // has one fixed id, and is that shard's own.
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
    stores,
    ok: parts.every((p) => p.ok) && overlapping === 0 && ledgerUnits === unitsSold,
  };
  return { invariants, ledgerOrders: ids.size, ledgerUnits, overlapping };
}

function mergeErrors(parts: readonly ErrorSample[]): ErrorSample[] {
  return [...groupBy(parts, (e) => `${e.operation}\u0000${e.message}`).values()].map((group) => ({
    ...group[0]!,
    count: sum(group, (e) => e.count),
  }));
}

function mergeLayout(layout: string, shards: readonly Sharded[], notes: string[]): LayoutResult {
  const parts = shards.map((s) => s.report.layouts.find((l) => l.layout === layout));
  const present = parts.filter((p): p is LayoutResult => p !== undefined);
  const first = present[0]!;
  if (present.length < shards.length)
    notes.push(
      `layout ${layout}: ran in ${present.length} of ${shards.length} shards (the others failed it)`,
    );
  const ops = [
    ...groupBy(
      present.flatMap((p) => p.operations),
      (o) => o.name,
    ).values(),
  ].map(mergeOperations);
  const order = first.operations.map((o) => o.name);
  const rank = (name: string) => (order.includes(name) ? order.indexOf(name) : order.length);
  ops.sort((a, b) => rank(a.name) - rank(b.name));
  const callKey = (c: StoreCallStats) => `${c.store}\u0000${c.role}\u0000${c.method}`;
  const storeCalls = [
    ...groupBy(
      present.flatMap((p) => p.storeCalls),
      callKey,
    ).values(),
  ].map(mergeCalls);
  const backgroundCalls = [
    ...groupBy(
      present.flatMap((p) => p.backgroundCalls),
      (c: BackgroundCallStats) => `${callKey(c)}\u0000${c.source}\u0000${c.phase}`,
    ).values(),
  ].map(mergeCalls);
  const schedules = present.map((p) => p.schedule).filter((s) => s !== null);
  const lag = [
    ...groupBy(
      present.flatMap((p) => p.lag),
      (l) => `${l.source}\u0000${l.target}\u0000${l.mechanism}`,
    ).values(),
  ].map(mergeLag);
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
  const faults = present.flatMap((p) => p.faults);
  if (faults.length > 0)
    notes.push(`layout ${layout}: fault windows are per shard (each its own clock): see the shard reports`);
  const stale = present.map((p) => p.staleInStock).filter((s) => s !== undefined);
  const health = present.map((p) => p.health);
  const rywChecks = present.map((p) => p.readYourWrites);
  return {
    ...first,
    notes: [...new Set(present.flatMap((p) => p.notes))],
    measuredSeconds: Math.max(...present.map((p) => p.measuredSeconds)),
    interrupted: present.some((p) => p.interrupted),
    loadSeconds: Math.max(...present.map((p) => p.loadSeconds)),
    abandonedJourneys: sum(present, (p) => p.abandonedJourneys),
    operations: ops,
    storeCalls,
    backgroundCalls,
    schedule:
      schedules.length === 0
        ? null
        : {
            intended: sum(schedules, (s) => s.intended),
            started: sum(schedules, (s) => s.started),
            dropped: sum(schedules, (s) => s.dropped),
            lag: mergeSummaries(schedules.map((s) => s.lag)),
          },
    timeSeries: mergeSeries(present.map((p) => p.timeSeries)),
    lag,
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
}

export const MERGE_NOTES = [
  'Percentiles, means and max come from the shards’ HdrHistograms added together: the union’s own, exact at ' +
    'the histograms’ precision (3 significant digits). Counts, errors, rejections and dropped arrivals are sums.',
  'Per-second series: completions and errors are added; per-second p50/p99 are unknown (null): each shard kept ' +
    'exact nearest-rank values, not the seconds’ samples, and nearest-rank values of parts do not combine into ' +
    'the union’s. Second 0 is each shard’s own measure start: aligned to within the shards’ clock offsets.',
  'Store calls per execution (p50/p99) are unknown: each shard kept a summary, not the counts.',
  'Consistency lag: apply and visible lag histograms are added; t-visibility is recomputed from the shards’ ' +
    'counts where every shard knew it, and stays unknown (with bounds) where some shard only bounded it. The ' +
    'probe-gap p99 shown is the largest shard’s, an upper bound on the union’s.',
  'Invariants: each shard ran on its own stores (its own namespace, created and dropped by its run) and checked ' +
    'them against its own ledger; the merged figures are those checks summed, plus what the united ledgers show ' +
    'alone (no order placed by two shards; units sold = the ledgers’ lines). What ledgers cannot show without the ' +
    'stores: one shared inventory’s stock across shards (each shard sold from its own copy of the stock), so ' +
    '`merge --reconcile` against shared stores is not offered — the lifecycle gives every run a fresh namespace.',
  'The analysts’ cadence ran in shard 0 only (one cadence per run, not per shard).',
];

/** Merges the shard reports of one run into one report. Throws a UserError when they are not one run's. */
export function mergeReports(inputs: readonly ShardInput[], createdAt = new Date()): Report {
  const shards = checkShards(inputs);
  const base = shards[0]!.report;
  const notes = [...MERGE_NOTES];
  const layoutNames = [...new Set(shards.flatMap((s) => s.report.layouts.map((l) => l.layout)))];
  const layouts = layoutNames.map((name) => mergeLayout(name, shards, notes));
  const offsets = shards.flatMap((s) =>
    s.shard.layouts.filter((l) => l.clockOffsetMs !== null).map((l) => l.clockOffsetMs!),
  );
  if (offsets.length > 0)
    notes.push(
      `clock offsets (actual start − start-at): ${Math.min(...offsets)} ms to ${Math.max(...offsets)} ms, ` +
        'each shard’s own wall clock',
    );
  else notes.push('no --start-at barrier: the shards started whenever each was launched');
  const merge: MergeInfo = {
    shardCount: shards.length,
    scenarioHash: base.shard!.scenarioHash,
    shards: shards.map((s) => ({
      index: s.shard.index,
      file: s.file,
      startAt: s.shard.startAt,
      layouts: s.shard.layouts.map((l) => ({
        layout: l.layout,
        startedAt: l.startedAt,
        clockOffsetMs: l.clockOffsetMs,
        orders: l.ledger.length,
      })),
    })),
    notes,
  };
  const failed = shards.flatMap((s) => s.report.failedLayouts ?? []);
  const report: Report = {
    ...base,
    createdAt: createdAt.toISOString(),
    interrupted: shards.some((s) => s.report.interrupted),
    layouts,
    comparison: compareLayouts(layouts),
    merge,
    ...(failed.length > 0 ? { failedLayouts: failed } : {}),
  };
  delete report.shard;
  delete report.verdict;
  return report;
}
