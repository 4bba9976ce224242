// PostgreSQL's batched presence read over one of the per-(order, product) tables: it starts from the listed ids
// and probes the table's (order_id, product_id) key once per id, stopping at its first row, so its cost follows
// the list, not the table.

/** [orderIds as a JSON array] → order_id of each listed order with a row in table (unqualified: the search_path's, schema.ts). */
export function visibleOrdersIn(table: string): string {
  return `
    SELECT wanted.order_id
      FROM (SELECT DISTINCT value AS order_id FROM jsonb_array_elements_text($1::jsonb)) AS wanted
     WHERE EXISTS (SELECT 1 FROM ${table} held WHERE held.order_id = wanted.order_id)`;
}
