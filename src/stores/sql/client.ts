// The seam between the SQL role code and a driver. SqlClient is PostgreSQL's (PGlite in-process, `pg` on a
// pool), so its statements must be plain PostgreSQL that is correct under real concurrency ($n parameters, row
// locks, no reliance on one-query-at-a-time engines). SqlRunner is what the shared roles (roles/) need of any
// dialect's client; numbers and the deliberate rollback below are driver-neutral too.

/** What a role binds to a placeholder: lists and documents travel as JSON text, the same in every dialect. */
export type SqlParam = string | number | null;

/** What the shared role code asks of a dialect's client C: statements, and transactions whose client is a C. */
export interface SqlRunner<C> {
  /**
   * One statement with the dialect's placeholders; the rows it returns. Writes whose count does not matter are
   * sent this way too, their result ignored (a dialect that needs the count uses its own client's call).
   */
  query<T>(sql: string, params?: SqlParam[]): Promise<T[]>;
  /** Runs fn in one transaction, rolling back if it throws (see inTransaction for a deliberate Rollback). */
  transaction<T>(fn: (tx: C) => Promise<T>): Promise<T>;
}

export interface SqlClient extends SqlRunner<SqlClient> {
  /** One statement with $1… parameters; rows as the driver parses them (see toNumber for numeric columns). */
  query<T>(sql: string, params?: unknown[]): Promise<T[]>;
  /** Several statements without parameters (DDL). */
  exec(sql: string): Promise<void>;
  /**
   * Runs fn inside BEGIN … COMMIT, rolling back if it throws. On a transaction's own client it nests as a
   * SAVEPOINT, so an inner failure (or Rollback) undoes only the inner work.
   */
  transaction<T>(fn: (tx: SqlClient) => Promise<T>): Promise<T>;
  /**
   * Bulk load (COPY … FROM) into a table, named unqualified: the connection's search_path finds it in the store's
   * schema (schema.ts). Values are encoded as CSV (see csv.ts).
   */
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
export async function inTransaction<C extends SqlRunner<C>, T>(db: C, fn: (tx: C) => Promise<T>): Promise<T> {
  try {
    return await db.transaction(fn);
  } catch (error) {
    if (error instanceof Rollback) return error.result as T;
    throw error;
  }
}
