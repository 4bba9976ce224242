// One DuckDB connection used one statement at a time, with its prepared statements. A prepared statement keeps
// its bound parameters on the statement until it runs, so two callers sharing one would run each other's
// parameters (measured with @duckdb/node-api 1.5: 49 of 50 concurrent bind-then-run calls on one statement
// read another caller's value): every use is queued. The adapter keeps one lane for writes and one for reads, which DuckDB's MVCC
// runs concurrently, as a server would serve a writer and a dashboard on two connections.
import type {
  DuckDBConnection,
  DuckDBInstance,
  DuckDBPreparedStatement,
  DuckDBType,
  DuckDBValue,
  JS,
} from '@duckdb/node-api';
import { SerialQueue } from '../serial-queue.js';

export type Row = Record<string, JS>;
export type Params = Record<string, DuckDBValue>;
export type ParamTypes = Record<string, DuckDBType>;

export class DuckDBLane {
  private readonly queue = new SerialQueue();
  private readonly statements = new Map<string, Promise<DuckDBPreparedStatement>>();

  private constructor(private readonly connection: DuckDBConnection) {}

  static async open(instance: DuckDBInstance): Promise<DuckDBLane> {
    return new DuckDBLane(await instance.connect());
  }

  /** Runs sql as a prepared statement (prepared once per lane) with named parameters; rows as JS values. */
  query(sql: string, params: Params = {}, types: ParamTypes = {}): Promise<Row[]> {
    return this.queue.run(async () => {
      const statement = await this.prepared(sql);
      statement.bind(params, types);
      const reader = await statement.runAndReadAll();
      return reader.getRowObjectsJS();
    });
  }

  /** Runs statements without parameters (schema, transaction control), in order. */
  exec(sql: string): Promise<void> {
    return this.queue.run(async () => {
      await this.connection.run(sql);
    });
  }

  /** Runs work with the lane to itself: nothing else runs on this connection until it settles. */
  exclusive<T>(work: (connection: DuckDBConnection) => Promise<T>): Promise<T> {
    return this.queue.run(() => work(this.connection));
  }

  /** Waits for queued work, then releases the statements and the connection. */
  async close(): Promise<void> {
    await this.queue.drain();
    for (const statement of this.statements.values()) {
      (await statement.catch(() => undefined))?.destroySync();
    }
    this.statements.clear();
    this.connection.closeSync();
  }

  private prepared(sql: string): Promise<DuckDBPreparedStatement> {
    let statement = this.statements.get(sql);
    if (!statement) {
      statement = this.connection.prepare(sql);
      // A statement that failed to prepare is not cached: the next call reports the error again.
      statement.catch(() => this.statements.delete(sql));
      this.statements.set(sql, statement);
    }
    return statement;
  }
}
