// The embedded stand-in for ClickHouse: DuckDB in memory (the same columnar, vectorised family), serving the
// analytics role. Two connections: one writer, one reader (see duckdb/lane.ts).
import { DuckDBInstance } from '@duckdb/node-api';
import { duckdbAnalytics } from './duckdb/analytics.js';
import { DuckDBLane } from './duckdb/lane.js';
import { CREATE_SALES } from './duckdb/schema.js';
import type { StoreAdapter, StoreFactory } from './types.js';

export const duckdbFactory: StoreFactory = {
  kind: 'duckdb',
  roles: ['analytics'],
  embedded: true,

  async create(): Promise<StoreAdapter> {
    // In memory: nothing on disk to lock or clean up, and every instance starts empty.
    const instance = await DuckDBInstance.create(':memory:');
    const lanes: DuckDBLane[] = [];
    try {
      const writer = await DuckDBLane.open(instance);
      lanes.push(writer);
      const reader = await DuckDBLane.open(instance);
      lanes.push(reader);
      await writer.exec(CREATE_SALES);
      const version = await duckdbVersion(reader);
      let closed = false;
      return {
        kind: 'duckdb',
        info: { engine: 'DuckDB', version, embedded: true, address: 'in-process' },
        roles: { analytics: duckdbAnalytics(writer, reader) },
        // The in-memory database is the tool's alone: what it holds is the tool's data.
        async footprint() {
          const [row] = await reader.query(
            'SELECT coalesce(sum(memory_usage_bytes), 0)::BIGINT AS bytes FROM duckdb_memory()',
          );
          return {
            dataBytes: Number(row?.['bytes'] ?? 0),
            source: 'duckdb_memory() of the in-memory database',
          };
        },
        async close() {
          if (closed) return;
          closed = true;
          await closeAll(instance, lanes);
        },
      };
    } catch (error) {
      await closeAll(instance, lanes);
      throw error;
    }
  },
};

/** "1.5.6" from DuckDB's own `select version()` ("v1.5.6"). */
async function duckdbVersion(lane: DuckDBLane): Promise<string> {
  const [row] = await lane.query('SELECT version() AS version');
  return String(row?.['version'] ?? 'unknown').replace(/^v/, '');
}

async function closeAll(instance: DuckDBInstance, lanes: readonly DuckDBLane[]): Promise<void> {
  await Promise.allSettled(lanes.map((lane) => lane.close()));
  instance.closeSync();
}
