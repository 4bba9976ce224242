// DuckDB: the embedded stand-in for ClickHouse, in-process, serving analytics.
import type { EngineDescriptor } from '../descriptor.js';

export const duckdbEngine: EngineDescriptor = {
  kind: 'duckdb',
  engine: 'DuckDB',
  roles: ['analytics'],
  capabilities: { atomicCheckout: 'no', cdcSource: false },
  embedded: true,
  load: async () => (await import('../duckdb.js')).duckdbFactory,
};
