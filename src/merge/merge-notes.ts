// What every merged report says about itself (its `merge.notes`): what was added exactly and what is unknown
// (docs/measurements.md, "Shards and merge").

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
  'Footprint: engines, server processes, stores, roles and copies are the shards’ own (they agree). Data bytes ' +
    'are summed: each shard loaded its own copy (its own namespace on a server, its own process embedded). Connections opened and bytes on the wire ' +
    'are summed; the peak connections shown is the sum of each shard’s peak, an upper bound of those held at once ' +
    '(each peaked on its own machine at its own moment). Round trips: mean weighted by the shards’ executions, ' +
    'p99 the largest shard’s (an upper bound on the union’s).',
  'The analysts’ cadence ran in shard 0 only (one cadence per run, not per shard).',
];
