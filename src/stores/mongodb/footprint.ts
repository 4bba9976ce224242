// The tool's database size as MongoDB reports it (dbStats: its collections' data and indexes), and each role's copy
// of the orders from its collection's collStats (docs/measurements.md, "Footprint": data duplication).
import type { Db } from 'mongodb';
import type { OrderCopyRole, StoreFootprint } from '../types.js';

/** The collection holding each role's copy of the orders (schema.ts). */
const ORDER_COPY_COLLECTIONS: Partial<Record<OrderCopyRole, string>> = {
  orders: 'orders',
  graph: 'purchases',
  analytics: 'sales',
};

/** Index bytes: totalIndexSize (mongod), or the per-index sizes where a server gives only those. */
function indexBytes(stats: Record<string, unknown>): number {
  if (typeof stats['totalIndexSize'] === 'number') return stats['totalIndexSize'];
  const sizes = stats['indexSizes'] ?? stats['indexSize'];
  if (typeof sizes === 'number') return sizes;
  if (sizes && typeof sizes === 'object')
    return Object.values(sizes).reduce<number>((sum, bytes) => sum + Number(bytes ?? 0), 0);
  return 0;
}

export async function mongoFootprint(db: Db): Promise<StoreFootprint> {
  let stats: Record<string, unknown>;
  try {
    stats = await db.stats();
  } catch (error) {
    return { dataBytes: null, source: `dbStats not reported (${String(error)})` };
  }
  const orderCopyBytes: Partial<Record<OrderCopyRole, number>> = {};
  for (const [role, collection] of Object.entries(ORDER_COPY_COLLECTIONS) as Array<[OrderCopyRole, string]>) {
    try {
      const copy = (await db.command({ collStats: collection })) as Record<string, unknown>;
      orderCopyBytes[role] = Number(copy['size'] ?? 0) + indexBytes(copy);
    } catch {
      // A server without collStats: this copy's bytes stay unknown (absent), the total is still dbStats'.
    }
  }
  return {
    dataBytes: Number(stats['dataSize'] ?? 0) + Number(stats['indexSize'] ?? 0),
    source: `dbStats (dataSize + indexSize) of database ${db.databaseName}`,
    orderCopyBytes,
  };
}
