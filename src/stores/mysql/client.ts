// The one seam between the MySQL role SQL and the mysql2 driver. Statements use ? placeholders and are written
// for both MySQL 8 and MariaDB ≥ 10.6 (JSON_TABLE is the newest feature relied on).
import { Rollback } from '../sql/client.js';

/** What a placeholder may be bound to: JSON documents are passed as their text (JSON.stringify). */
export type SqlParam = string | number | null;

export interface MysqlClient {
  /** One prepared statement; the rows it returns, as mysql2 decodes them (see toNumber for numeric columns). */
  query<T>(sql: string, params?: readonly SqlParam[]): Promise<T[]>;
  /** One prepared statement that changes rows; how many it changed (affectedRows). */
  write(sql: string, params?: readonly SqlParam[]): Promise<number>;
  /**
   * Runs fn inside START TRANSACTION … COMMIT on one connection, rolling back if it throws. Calling
   * transaction() on the transaction's own client joins the open transaction rather than nesting.
   */
  transaction<T>(fn: (tx: MysqlClient) => Promise<T>): Promise<T>;
  /** Bulk load: multi-row INSERT batches into a table of the store's own database. */
  insertRows(table: string, columns: readonly string[], rows: readonly SqlParam[][]): Promise<void>;
}

// Numbers and the deliberate rollback are driver-neutral: shared with the PostgreSQL roles.
export { Rollback, toNumber, type SqlNumber } from '../sql/client.js';

/** transaction(), except that a thrown Rollback becomes the answer instead of an error. */
export async function inTransaction<T>(db: MysqlClient, fn: (tx: MysqlClient) => Promise<T>): Promise<T> {
  try {
    return await db.transaction(fn);
  } catch (error) {
    if (error instanceof Rollback) return error.result as T;
    throw error;
  }
}
