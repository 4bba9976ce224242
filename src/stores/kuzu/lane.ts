// One Kuzu connection used one statement at a time, with its prepared statements. Kuzu admits a single write
// transaction at a time and fails a second connection's write rather than making it wait, so all writes share one
// queued lane; reads use another connection, which Kuzu's MVCC serves alongside the writer.
// Every QueryResult is closed as soon as it is read: a result left open when the database closes crashes the
// process (measured with kuzu 0.11.3: SIGSEGV at exit after an unclosed CREATE result).
import { SerialQueue } from '../serial-queue.js';
import type { KuzuConnection, KuzuPreparedStatement, KuzuQueryResult, KuzuRow, KuzuValue } from './driver.js';

export class KuzuLane {
  private readonly queue = new SerialQueue();
  private readonly statements = new Map<string, Promise<KuzuPreparedStatement>>();

  constructor(private readonly connection: KuzuConnection) {}

  /** Runs cypher as a prepared statement (prepared once per lane) with named parameters. */
  query(cypher: string, params: Record<string, KuzuValue> = {}): Promise<KuzuRow[]> {
    return this.queue.run(async () => {
      const statement = await this.prepared(cypher);
      return readAll(await this.connection.execute(statement, params));
    });
  }

  /** Runs a statement without parameters (schema, COPY). */
  exec(cypher: string): Promise<KuzuRow[]> {
    return this.queue.run(async () => readAll(await this.connection.query(cypher)));
  }

  /** Waits for queued work, then closes the connection. */
  async close(): Promise<void> {
    await this.queue.drain();
    this.statements.clear();
    await this.connection.close();
  }

  private prepared(cypher: string): Promise<KuzuPreparedStatement> {
    let statement = this.statements.get(cypher);
    if (!statement) {
      statement = this.connection.prepare(cypher).then((prepared) => {
        if (!prepared.isSuccess()) throw new Error(`kuzu: ${prepared.getErrorMessage()}`);
        return prepared;
      });
      // A statement that failed to prepare is not cached: the next call reports the error again.
      statement.catch(() => this.statements.delete(cypher));
      this.statements.set(cypher, statement);
    }
    return statement;
  }
}

/** Rows of the (last) result; every result closed, even when reading fails. */
async function readAll(result: KuzuQueryResult | KuzuQueryResult[]): Promise<KuzuRow[]> {
  const results = Array.isArray(result) ? result : [result];
  try {
    let rows: KuzuRow[] = [];
    for (const each of results) rows = await each.getAll();
    return rows;
  } finally {
    for (const each of results) each.close();
  }
}
