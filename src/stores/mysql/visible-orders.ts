// MySQL's batched presence read over one of the per-(order, product) tables: the listed ids as a JSON_TABLE,
// each looked up on the table's (order_id, product_id) key, stopping at its first row. The ids come out in the
// database's utf8mb4_bin, the tables' collation, so the key is usable.

/** [orderIds as a JSON array] → order_id of each listed order with a row in table. */
export function visibleOrdersIn(table: string): string {
  return `
    SELECT DISTINCT wanted.order_id
      FROM JSON_TABLE(?, '$[*]' COLUMNS (order_id VARCHAR(128) PATH '$')) AS wanted
     WHERE EXISTS (SELECT 1 FROM ${table} held WHERE held.order_id = wanted.order_id)`;
}
