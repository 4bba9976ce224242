// The one seam between the PostgreSQL role SQL and a driver. PGlite implements it in-process; a networked `pg`
// pool can implement it too, so every statement here must be plain PostgreSQL that is correct under real
// concurrency ($n parameters, row locks, no reliance on one-query-at-a-time engines).

export interface SqlClient {
  /** One statement with $1… parameters; rows as the driver parses them (see toNumber for numeric columns). */
  query<T>(sql: string, params?: unknown[]): Promise<T[]>;
  /** Several statements without parameters (DDL). */
  exec(sql: string): Promise<void>;
  /**
   * Runs fn inside BEGIN … COMMIT, rolling back if it throws. On a transaction's own client it nests as a
   * SAVEPOINT, so an inner failure (or Rollback) undoes only the inner work.
   */
  transaction<T>(fn: (tx: SqlClient) => Promise<T>): Promise<T>;
  /** Bulk load (COPY … FROM) into a schema-qualified table; values are encoded as CSV (see csv.ts). */
  copyRows(table: string, columns: string[], rows: unknown[][]): Promise<void>;
}

/** What drivers hand back for integer and numeric columns: pg gives bigint/numeric as strings, PGlite numbers. */
export type SqlNumber = number | string | bigint;

/** The one place numeric column values become numbers. Counts and cent sums stay far below 2^53. */
export function toNumber(value: SqlNumber | null | undefined): number {
  if (value === null || value === undefined) return 0;
  const converted = Number(value);
  if (!Number.isFinite(converted))
    throw new Error(`expected a number from the database, got ${String(value)}`);
  return converted;
}

/** Thrown inside a transaction to roll it back while still answering with a value (a refused reservation). */
export class Rollback<T> extends Error {
  constructor(readonly result: T) {
    super('transaction rolled back on purpose');
    this.name = 'Rollback';
  }
}

/** transaction(), except that a thrown Rollback becomes the answer instead of an error. */
export async function inTransaction<T>(db: SqlClient, fn: (tx: SqlClient) => Promise<T>): Promise<T> {
  try {
    return await db.transaction(fn);
  } catch (error) {
    if (error instanceof Rollback) return error.result as T;
    throw error;
  }
}
