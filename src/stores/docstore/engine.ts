// An embedded, in-process document store with MongoDB's shape: a client holds databases, a database holds
// collections, and collections speak MongoDB's filters, projections, sorts, updates and aggregation pipelines
// (through mingo). It stands in for MongoDB when a scenario must run with zero setup; the API is asynchronous
// like the driver's so adapters written against it read like MongoDB adapters.
//
// What it does not do: persistence, transactions across documents, unique secondary indexes, upserts. Data lives
// only as long as the client.
import { Collection, type StoreState } from './collection.js';
import type { Document } from './types.js';

export class Db {
  private readonly collections = new Map<string, Collection<Document>>();

  constructor(
    readonly databaseName: string,
    private readonly state: StoreState,
  ) {}

  /** The named collection, created on first use as MongoDB creates collections implicitly. */
  collection<TSchema extends Document = Document>(name: string): Collection<TSchema> {
    let found = this.collections.get(name);
    if (!found) {
      found = new Collection<Document>(`${this.databaseName}.${name}`, this.state);
      this.collections.set(name, found);
    }
    return found as unknown as Collection<TSchema>;
  }

  collectionNames(): string[] {
    return [...this.collections.keys()];
  }

  async dropDatabase(): Promise<boolean> {
    this.collections.clear();
    return true;
  }
}

/** The client: plays MongoClient's part, minus the network. */
export class DocumentStore {
  private readonly state: StoreState = { closed: false };
  private readonly databases = new Map<string, Db>();

  db(name: string): Db {
    let found = this.databases.get(name);
    if (!found) {
      found = new Db(name, this.state);
      this.databases.set(name, found);
    }
    return found;
  }

  /** Drops every database; any later operation on its collections fails with StoreClosedError. */
  async close(): Promise<void> {
    this.state.closed = true;
    this.databases.clear();
  }
}

export { Collection, type QueryExplanation } from './collection.js';
export { AggregationCursor, FindCursor } from './cursor.js';
export { DuplicateKeyError, StoreClosedError } from './errors.js';
export type * from './types.js';
