// A secondary index: a hash from the value of the leading key field to the documents holding it, so an equality
// lookup on that field touches only its bucket instead of scanning the collection. Within a bucket, entries are
// kept ordered by the remaining key fields, as a compound B-tree index orders them: { userId: 1, createdAt: -1,
// _id: -1 } answers "this user's orders, newest first" by walking one bucket and stopping at the limit.
// Arrays on the leading field are indexed per element (a multikey index), as MongoDB does.
import { compare } from 'mingo/util';
import { isIndexableValue, sortValue, type IndexableValue } from './values.js';
import type { DocumentId, IndexKeys, Sort, SortDirection, StoredDocument } from './types.js';

/** MongoDB's default index name: field_direction pairs joined by underscores. */
export function indexName(keys: IndexKeys): string {
  return Object.entries(keys)
    .map(([field, direction]) => `${field}_${direction}`)
    .join('_');
}

/** Every indexable value found at a dotted path, descending into arrays on the way and at the end. */
export function valuesAtPath(document: unknown, path: readonly string[]): IndexableValue[] {
  if (Array.isArray(document)) return document.flatMap((element) => valuesAtPath(element, path));
  if (path.length === 0) return isIndexableValue(document) ? [document] : [];
  if (document === null || typeof document !== 'object') return [];
  const [head, ...rest] = path as [string, ...string[]];
  return valuesAtPath((document as Record<string, unknown>)[head], rest);
}

interface BucketEntry {
  id: DocumentId;
  /** Values of the trailing key fields, as a sort compares them. */
  sortValues: unknown[];
}

export class HashIndex {
  readonly name: string;
  /** The hashed (leading) field of the key spec, as a dotted path. */
  readonly field: string;
  /** The remaining key fields, which order each bucket. */
  private readonly trailing: ReadonlyArray<readonly [string, SortDirection]>;
  private readonly path: readonly string[];
  private readonly buckets = new Map<IndexableValue, BucketEntry[]>();

  constructor(readonly keys: IndexKeys) {
    const [leading, ...trailing] = Object.entries(keys);
    if (leading === undefined) throw new TypeError('an index needs at least one key');
    this.name = indexName(keys);
    this.field = leading[0];
    this.path = leading[0].split('.');
    this.trailing = trailing;
  }

  add(document: StoredDocument): void {
    const entry = { id: document._id, sortValues: this.sortValuesOf(document) };
    for (const value of new Set(valuesAtPath(document, this.path))) {
      let bucket = this.buckets.get(value);
      if (!bucket) {
        bucket = [];
        this.buckets.set(value, bucket);
      }
      // After every entry that sorts before or equal to it: equal keys stay in insertion order.
      bucket.splice(
        this.firstAfter(bucket, entry, (order) => order <= 0),
        0,
        entry,
      );
    }
  }

  remove(document: StoredDocument): void {
    const entry = { id: document._id, sortValues: this.sortValuesOf(document) };
    for (const value of new Set(valuesAtPath(document, this.path))) {
      const bucket = this.buckets.get(value);
      if (!bucket) continue;
      for (let at = this.firstAfter(bucket, entry, (order) => order < 0); at < bucket.length; at += 1) {
        if (bucket[at]?.id === entry.id) {
          bucket.splice(at, 1);
          break;
        }
      }
      if (bucket.length === 0) this.buckets.delete(value);
    }
  }

  /**
   * Ids of the documents whose leading field holds value (possibly inside an array), in index order or (walk -1)
   * its reverse; lazily, so a walk that stops at a limit reads only that far.
   */
  *lookup(value: IndexableValue, walk: 1 | -1 = 1): Generator<DocumentId> {
    const bucket = this.buckets.get(value) ?? [];
    if (walk === 1) for (const entry of bucket) yield entry.id;
    else for (let at = bucket.length - 1; at >= 0; at -= 1) yield bucket[at]!.id;
  }

  /** How many documents a lookup of value would return. */
  count(value: IndexableValue): number {
    return this.buckets.get(value)?.length ?? 0;
  }

  /**
   * Whether walking a bucket yields documents in this sort order: forwards (1), backwards (-1) or not at all
   * (0). Only total orders (ending in `_id`) qualify, so ties can never come out in an order a sort would not
   * give.
   */
  walkFor(sort: Sort | undefined): 1 | -1 | 0 {
    const wanted = Object.entries(sort ?? {});
    if (wanted.length === 0 || wanted.length !== this.trailing.length) return 0;
    if (wanted[wanted.length - 1]?.[0] !== '_id') return 0;
    const sameFields = wanted.every(([field], at) => this.trailing[at]?.[0] === field);
    if (!sameFields) return 0;
    if (wanted.every(([, direction], at) => this.trailing[at]?.[1] === direction)) return 1;
    if (wanted.every(([, direction], at) => this.trailing[at]?.[1] === -direction)) return -1;
    return 0;
  }

  private sortValuesOf(document: StoredDocument): unknown[] {
    return this.trailing.map(([field]) => sortValue(document, field));
  }

  private order(a: BucketEntry, b: BucketEntry): number {
    for (let at = 0; at < this.trailing.length; at += 1) {
      const direction = this.trailing[at]?.[1] ?? 1;
      const order = compare(a.sortValues[at], b.sortValues[at]) * direction;
      if (order !== 0) return order;
    }
    return 0;
  }

  /** Binary search: the first position whose entry e does not satisfy before(order(e, entry)). */
  private firstAfter(
    bucket: readonly BucketEntry[],
    entry: BucketEntry,
    before: (order: number) => boolean,
  ): number {
    let low = 0;
    let high = bucket.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (before(this.order(bucket[middle]!, entry))) low = middle + 1;
      else high = middle;
    }
    return low;
  }
}
