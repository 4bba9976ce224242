// The tool's database size as InfluxDB reports it: SHOW STATS gives every shard's diskBytes (its TSM files and
// write-ahead log), tagged with the shard's database; the store owns its database, so their sum is the tool's.
import type { InfluxDB } from 'influx';
import type { StoreFootprint } from '../types.js';

interface StatsSeries {
  name?: string;
  tags?: Record<string, string>;
  columns?: string[];
  values?: unknown[][];
}

export async function influxFootprint(influx: InfluxDB, database: string): Promise<StoreFootprint> {
  const raw = (await influx.queryRaw("SHOW STATS FOR 'shard'")) as {
    results?: Array<{ series?: StatsSeries[] }>;
  };
  let bytes = 0;
  for (const series of raw.results?.[0]?.series ?? []) {
    if (series.tags?.database !== database) continue;
    const column = series.columns?.indexOf('diskBytes') ?? -1;
    for (const row of series.values ?? []) bytes += column >= 0 ? Number(row[column] ?? 0) : 0;
  }
  // The database holds only the sales points (analytics.ts): all of it is the analytics copy of the orders.
  return {
    dataBytes: bytes,
    source: `SHOW STATS diskBytes of database ${database}'s shards`,
    orderCopyBytes: { analytics: bytes },
  };
}
