// The analytics fact table. ReplacingMergeTree keyed by (order_id, product_id): a line the relay delivers twice is
// two rows until a background merge folds them, and queries read with FINAL so they count it once meanwhile.
// Only what ClickHouse 18.16 knows: no DateTime64 (createdAt stays epoch milliseconds), no TTL, no Map.
import { sqlIdentifier } from './sql.js';

export const SALES_TABLE = 'sales';

/** Int64 everywhere a number goes: every safe JS integer fits, and sums of products cannot wrap. */
export function salesTableDdl(database: string): string {
  return `CREATE TABLE ${sqlIdentifier(database)}.${sqlIdentifier(SALES_TABLE)} (
    order_id String,
    product_id Int64,
    category_id Int64,
    quantity Int64,
    unit_price_cents Int64,
    created_at Int64
  ) ENGINE = ReplacingMergeTree ORDER BY (order_id, product_id)`;
}
