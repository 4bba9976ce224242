// The seam between the SQL roles and the mysql2 driver. Statements use ? placeholders and are written for both
// MySQL 8 and MariaDB ≥ 10.6 (JSON_TABLE is the newest feature relied on).
import type { SqlParam, SqlRunner } from '../sql/client.js';

export interface MysqlClient extends SqlRunner<MysqlClient> {
  /**
   * One prepared statement; the rows it returns, as mysql2 decodes them (see toNumber for numeric columns). A
   * write answers with its result header instead, which the shared roles ignore (write() reads the count).
   */
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

// Parameters, numbers and the deliberate rollback are driver-neutral: shared with the PostgreSQL client.
export { Rollback, inTransaction, toNumber, type SqlNumber, type SqlParam } from '../sql/client.js';
