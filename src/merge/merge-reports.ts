// `polyglot-bench merge`: the shard reports of one run (`run --shard i/N`) added up into one report. Percentiles
// come from the merged HdrHistograms (decoded, added, summarised: exact at the histograms' own precision), counts
// and errors are summed, and whatever cannot be combined exactly is reported unknown (null) and said so in notes.
// Each part has its own file: check-shards.ts, merge-layout.ts and the merge-*.ts steps it calls.
import { compareLayouts } from '../metrics/comparison.js';
import type { MergeInfo, Report } from '../metrics/types.js';
import { checkShards, type ShardInput } from './check-shards.js';
import { mergeLayout } from './merge-layout.js';
import { MERGE_NOTES } from './merge-notes.js';

export { checkShards, type ShardInput } from './check-shards.js';
export { mergeSummaries } from './merge-summaries.js';
export { MERGE_NOTES } from './merge-notes.js';

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
