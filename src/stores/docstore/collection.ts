// One collection of the embedded document store: documents keyed by a unique `_id` (insertion order is the
// natural order), hash indexes on other fields (hash-index.ts), MongoDB's query language (evaluate.ts), and its
// update and aggregation languages through mingo. Every operation runs synchronously inside its promise, so each is atomic, as a single-document
// operation is in MongoDB.
import { ProcessingMode, aggregate, update } from 'mingo';
import type { AnyObject } from 'mingo/types';
import type { Modifier } from 'mingo/updater';
import { randomBytes } from 'node:crypto';
import { cloneDocument } from './clone.js';
import { AggregationCursor, FindCursor } from './cursor.js';
import { DuplicateKeyError, StoreClosedError } from './errors.js';
import { compileFilter, projectDocuments, sortDocuments } from './evaluate.js';
import { HashIndex } from './hash-index.js';
import { candidates, planQuery } from './query-plan.js';
import type {
  DeleteResult,
  Document,
  DocumentId,
  Filter,
  FindOptions,
  IndexKeys,
  InsertManyOptions,
  InsertManyResult,
  InsertOneResult,
  Sort,
  StoredDocument,
  UpdateFilter,
  UpdateResult,
} from './types.js';

/** Shared by a store and all its collections, so closing the store closes every collection. */
export interface StoreState {
  closed: boolean;
}

/** How a filter was answered, in the words of MongoDB's explain(). */
export interface QueryExplanation {
  stage: 'IDHACK' | 'IXSCAN' | 'COLLSCAN';
  indexName: string | null;
  /** Documents the filter would be tested against, at most (an index walk stops at the limit). */
  candidates: number;
  /** Whether results come sorted from the index walk, need an in-memory sort, or were not asked sorted. */
  sortedBy: 'index' | 'memory' | 'none';
}

export class Collection<TSchema extends Document = Document> {
  private readonly documents = new Map<DocumentId, StoredDocument>();
  private readonly indexes = new Map<string, HashIndex>();

  constructor(
    readonly namespace: string,
    private readonly state: StoreState,
  ) {}

  async insertOne(document: TSchema): Promise<InsertOneResult> {
    this.assertOpen();
    return { acknowledged: true, insertedId: this.insert(document) };
  }

  /** Ordered (the default): stops at the first duplicate, keeping those before it, then throws, as MongoDB. */
  async insertMany(
    documents: readonly TSchema[],
    options: InsertManyOptions = {},
  ): Promise<InsertManyResult> {
    this.assertOpen();
    const insertedIds: Record<number, DocumentId> = {};
    let firstError: unknown;
    documents.forEach((document, position) => {
      if (firstError !== undefined && options.ordered !== false) return;
      try {
        insertedIds[position] = this.insert(document);
      } catch (error) {
        firstError ??= error;
      }
    });
    if (firstError !== undefined) throw firstError;
    return { acknowledged: true, insertedCount: Object.keys(insertedIds).length, insertedIds };
  }

  async findOne<R = TSchema>(
    filter: Filter = {},
    options: Omit<FindOptions, 'limit'> = {},
  ): Promise<R | null> {
    const [first] = this.select(filter, { ...options, limit: 1 });
    return first === undefined ? null : (cloneDocument(first) as R);
  }

  find<R = TSchema>(filter: Filter = {}, options: FindOptions = {}): FindCursor<R> {
    return new FindCursor(
      (chosen) => this.select(filter, chosen).map((found) => cloneDocument(found) as R),
      options,
    );
  }

  async countDocuments(filter: Filter = {}): Promise<number> {
    return this.select(filter, {}).length;
  }

  /** Applies update operators ($set, $inc, $push, …) to the first match; `_id` is immutable. */
  async updateOne(filter: Filter, modifier: UpdateFilter): Promise<UpdateResult> {
    const [target] = this.select(filter, { limit: 1 }) as StoredDocument[];
    if (!target) return { acknowledged: true, matchedCount: 0, modifiedCount: 0 };
    const updated = cloneDocument(target);
    const changed = update(updated, cloneDocument(modifier) as Modifier<AnyObject>);
    if (changed.length === 0) return { acknowledged: true, matchedCount: 1, modifiedCount: 0 };
    if (updated._id !== target._id) {
      throw new Error(`Performing an update on the path '_id' would modify the immutable field '_id'`);
    }
    this.unindex(target);
    this.documents.set(updated._id, updated);
    this.index(updated);
    return { acknowledged: true, matchedCount: 1, modifiedCount: 1 };
  }

  async deleteOne(filter: Filter): Promise<DeleteResult> {
    return this.delete(this.select(filter, { limit: 1 }) as StoredDocument[]);
  }

  async deleteMany(filter: Filter = {}): Promise<DeleteResult> {
    return this.delete(this.select(filter, {}) as StoredDocument[]);
  }

  /** Creates a hash index on the key spec's leading field (see hash-index.ts); idempotent, returns its name. */
  async createIndex(keys: IndexKeys): Promise<string> {
    this.assertOpen();
    const index = new HashIndex(keys);
    if (!this.indexes.has(index.name)) {
      for (const document of this.documents.values()) index.add(document);
      this.indexes.set(index.name, index);
    }
    return index.name;
  }

  indexNames(): string[] {
    return ['_id_', ...this.indexes.keys()];
  }

  /**
   * Runs an aggregation pipeline with mingo. A leading $match is answered like find() (using an index when it
   * can), and only its matches are copied into the pipeline, whose stages may then rewrite them freely.
   */
  aggregate<R = Document>(pipeline: readonly Document[]): AggregationCursor<R> {
    return new AggregationCursor(() => {
      const [first, ...rest] = pipeline;
      const leadingMatch = first && isMatchStage(first) ? first.$match : undefined;
      const input = leadingMatch ? this.select(leadingMatch, {}) : this.select({}, {});
      const stages = leadingMatch ? rest : pipeline;
      return aggregate(input.map(cloneDocument), [...stages], {
        processingMode: ProcessingMode.CLONE_OFF,
      }) as R[];
    });
  }

  /** How find() would answer a filter and sort; for tests and diagnostics. */
  explain(filter: Filter, sort?: Sort): QueryExplanation {
    const plan = planQuery(filter, this.indexes.values(), sort);
    const candidatesCount = plan.kind === 'scan' ? this.documents.size : plan.size;
    const sortedBy = !sort ? 'none' : plan.kind === 'ids' && plan.sorted ? 'index' : 'memory';
    if (plan.kind === 'scan')
      return { stage: 'COLLSCAN', indexName: null, candidates: candidatesCount, sortedBy };
    const stage = plan.index === '_id_' ? 'IDHACK' : 'IXSCAN';
    return { stage, indexName: plan.index, candidates: candidatesCount, sortedBy };
  }

  async drop(): Promise<boolean> {
    this.assertOpen();
    this.documents.clear();
    this.indexes.clear();
    return true;
  }

  /** Stores a copy of the document under its `_id` (generated when absent); the id it was stored under. */
  private insert(document: TSchema): DocumentId {
    // `_id` first, as MongoDB stores it.
    const stored = { _id: document['_id'] ?? newObjectIdHex(), ...cloneDocument(document) } as StoredDocument;
    const id = stored._id;
    if (typeof id !== 'string' && typeof id !== 'number') {
      throw new TypeError(`${this.namespace}: _id must be a string or a number, got ${typeof id}`);
    }
    if (this.documents.has(id)) throw new DuplicateKeyError(this.namespace, { _id: id });
    this.documents.set(id, stored);
    this.index(stored);
    return id;
  }

  /** Matching stored documents (not copies: callers copy what leaves the store), sorted, sliced, projected. */
  private select(filter: Filter, options: FindOptions): Document[] {
    this.assertOpen();
    const plan = planQuery(filter, this.indexes.values(), options.sort);
    const matches = compileFilter(filter);
    const skip = options.skip ?? 0;
    // A limit of 0 means "no limit", as in MongoDB.
    const end = options.limit ? skip + options.limit : Infinity;
    let selected: StoredDocument[];
    if (plan.kind === 'ids' && plan.sorted) {
      // Already in sort order (an ordered index bucket): stop as soon as the page is full.
      selected = [];
      for (const id of plan.ids) {
        const document = this.documents.get(id);
        if (document && matches(document)) selected.push(document);
        if (selected.length >= end) break;
      }
    } else {
      selected = candidates(plan, this.documents).filter(matches);
      if (options.sort) sortDocuments(selected, options.sort);
    }
    const page = selected.slice(skip, end);
    return options.projection ? projectDocuments(page, options.projection) : page;
  }

  private delete(targets: readonly StoredDocument[]): DeleteResult {
    for (const target of targets) {
      this.unindex(target);
      this.documents.delete(target._id);
    }
    return { acknowledged: true, deletedCount: targets.length };
  }

  private index(document: StoredDocument): void {
    for (const index of this.indexes.values()) index.add(document);
  }

  private unindex(document: StoredDocument): void {
    for (const index of this.indexes.values()) index.remove(document);
  }

  private assertOpen(): void {
    if (this.state.closed) throw new StoreClosedError();
  }
}

function isMatchStage(stage: Document): stage is { $match: Filter } {
  const keys = Object.keys(stage);
  return (
    keys.length === 1 &&
    keys[0] === '$match' &&
    typeof stage['$match'] === 'object' &&
    stage['$match'] !== null
  );
}

/** 12 random bytes as hex: the shape (not the timestamp semantics) of a MongoDB ObjectId. */
function newObjectIdHex(): string {
  return randomBytes(12).toString('hex');
}
