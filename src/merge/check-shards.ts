// Whether the reports given to `merge` are the shards of one run: the same scenario hash, seed and shard count,
// every index exactly once (docs/measurements.md, "Shards and merge").
import type { Report, ShardInfo } from '../metrics/types.js';
import { UserError } from '../errors.js';

export interface ShardInput {
  file: string;
  report: Report;
}

export type Sharded = ShardInput & { shard: ShardInfo };

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
