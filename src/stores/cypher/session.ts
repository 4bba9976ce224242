// What the graph role needs of a Cypher engine, and nothing more: run a statement with named parameters and read
// its rows as plain objects keyed by column. Each engine's adapter supplies one (Kuzu over its two lanes, Neo4j over
// managed transactions), so the role's code never sees a driver.
export type CypherValue = null | boolean | number | string | CypherValue[] | { [key: string]: CypherValue };
export type CypherParams = Record<string, CypherValue>;
export type CypherRow = Readonly<Record<string, unknown>>;

export interface CypherSession {
  /** A statement that only reads; it sees every write that completed before it was issued. */
  read(query: string, params?: CypherParams): Promise<CypherRow[]>;
  /** A statement that writes, committed as one transaction of its own (all or nothing). */
  write(query: string, params?: CypherParams): Promise<CypherRow[]>;
}

/**
 * An integer column as a JS number. Engines disagree on the type: Neo4j (with lossless integers off) and Kuzu's
 * INT64 give numbers, Kuzu's sums (INT128) give bigints. Every value here is far below 2^53.
 */
export function intColumn(row: CypherRow, column: string, engine: string): number {
  const value = row[column];
  if (typeof value === 'number' && Number.isInteger(value)) return value;
  if (typeof value === 'bigint') return Number(value);
  throw new TypeError(`${engine}: expected an integer in column ${column}, got ${String(value)}`);
}

export function stringColumn(row: CypherRow, column: string, engine: string): string {
  const value = row[column];
  if (typeof value === 'string') return value;
  throw new TypeError(`${engine}: expected a string in column ${column}, got ${String(value)}`);
}
