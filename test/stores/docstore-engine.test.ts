// The embedded document store on its own: MongoDB's rules for _id, queries, projections, sorts and updates,
// indexes that answer exactly what a scan answers, and documents that never alias what the caller holds.
import { describe, expect, it } from 'vitest';
import { DocumentStore, DuplicateKeyError, StoreClosedError } from '../../src/stores/docstore/engine.js';
import { Query } from 'mingo';
import type {
  Collection,
  Document,
  FindOptions,
  Projection,
  Sort,
} from '../../src/stores/docstore/engine.js';
import { compileFilter, projectDocuments, sortDocuments } from '../../src/stores/docstore/evaluate.js';

function freshCollection(name = 'things') {
  return new DocumentStore().db('test').collection(name);
}

/** A deterministic spread of documents: groups, tags (arrays), nested fields, some fields missing. */
function sampleDocuments(count: number): Document[] {
  let state = 42;
  const next = () => {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
    return state;
  };
  return Array.from({ length: count }, (_, i) => {
    const document: Document = {
      _id: i,
      group: `g${next() % 7}`,
      rank: next() % 50,
      tags: [`t${next() % 5}`, `t${next() % 5}`],
      owner: { region: next() % 3 },
    };
    if (i % 11 === 0) delete document['group'];
    return document;
  });
}

describe('docstore engine: _id', () => {
  it('refuses a duplicate _id with a MongoDB-style E11000 error', async () => {
    const things = freshCollection();
    await things.insertOne({ _id: 'a', n: 1 });
    const failure = things.insertOne({ _id: 'a', n: 2 });
    await expect(failure).rejects.toBeInstanceOf(DuplicateKeyError);
    await expect(things.insertOne({ _id: 'a' })).rejects.toMatchObject({ code: 11000 });
    await expect(things.insertOne({ _id: 'a' })).rejects.toThrow(
      /E11000 duplicate key error collection: test\.things/,
    );
    expect(await things.findOne({ _id: 'a' })).toEqual({ _id: 'a', n: 1 });
  });

  it('tells 1 and "1" apart, as MongoDB does', async () => {
    const things = freshCollection();
    await things.insertMany([{ _id: 1 }, { _id: '1' }]);
    expect(await things.countDocuments()).toBe(2);
  });

  it('generates an _id when the document has none', async () => {
    const things = freshCollection();
    const { insertedId } = await things.insertOne({ n: 1 });
    expect(insertedId).toMatch(/^[0-9a-f]{24}$/);
    expect(await things.findOne({ _id: insertedId })).toEqual({ _id: insertedId, n: 1 });
  });

  it('insertMany, ordered, keeps the documents before a duplicate and stops there', async () => {
    const things = freshCollection();
    await expect(things.insertMany([{ _id: 1 }, { _id: 2 }, { _id: 1 }, { _id: 3 }])).rejects.toMatchObject({
      code: 11000,
    });
    expect((await things.find().toArray()).map((d) => d['_id'])).toEqual([1, 2]);
  });

  it('insertMany, unordered, inserts every other document and then throws', async () => {
    const things = freshCollection();
    await expect(things.insertMany([{ _id: 1 }, { _id: 1 }, { _id: 2 }], { ordered: false })).rejects.toThrow(
      DuplicateKeyError,
    );
    expect((await things.find().toArray()).map((d) => d['_id'])).toEqual([1, 2]);
  });
});

describe('docstore engine: queries', () => {
  it('finds by filter operators and projects inclusions and exclusions', async () => {
    const things = freshCollection();
    await things.insertMany([
      { _id: 1, name: 'a', price: 10, meta: { color: 'red' } },
      { _id: 2, name: 'b', price: 20, meta: { color: 'blue' } },
      { _id: 3, name: 'c', price: 30, meta: { color: 'red' } },
    ]);
    expect(await things.find({ price: { $gte: 20 } }, { projection: { name: 1 } }).toArray()).toEqual([
      { _id: 2, name: 'b' },
      { _id: 3, name: 'c' },
    ]);
    expect(await things.findOne({ 'meta.color': 'blue' }, { projection: { _id: 0, meta: 0 } })).toEqual({
      name: 'b',
      price: 20,
    });
    expect(await things.findOne({ name: 'zzz' })).toBeNull();
  });

  it('sorts on several keys, then skips and limits; limit 0 means no limit', async () => {
    const things = freshCollection();
    await things.insertMany([
      { _id: 'x1', day: 1 },
      { _id: 'x2', day: 2 },
      { _id: 'x3', day: 2 },
      { _id: 'x4', day: 3 },
    ]);
    const ids = (documents: Document[]) => documents.map((d) => d['_id']);
    const newestFirst = { day: -1, _id: -1 } as const;
    expect(ids(await things.find({}, { sort: newestFirst }).toArray())).toEqual(['x4', 'x3', 'x2', 'x1']);
    expect(ids(await things.find().sort(newestFirst).skip(1).limit(2).toArray())).toEqual(['x3', 'x2']);
    expect(ids(await things.find({}, { sort: { _id: 1 }, limit: 0 }).toArray())).toHaveLength(4);
  });

  it('projects after sorting, so a sort may use a field the projection leaves out', async () => {
    const things = freshCollection();
    await things.insertMany([
      { _id: 1, name: 'b', rank: 2 },
      { _id: 2, name: 'a', rank: 1 },
    ]);
    expect(await things.find({}, { projection: { _id: 0, name: 1 }, sort: { rank: 1 } }).toArray()).toEqual([
      { name: 'a' },
      { name: 'b' },
    ]);
  });

  it('aggregates with a pipeline, leaving the stored documents as they were', async () => {
    const orders = freshCollection('orders');
    await orders.insertMany([
      { _id: 'o1', userId: 1, lines: [{ quantity: 2 }, { quantity: 1 }] },
      { _id: 'o2', userId: 2, lines: [{ quantity: 5 }] },
      { _id: 'o3', userId: 1, lines: [] },
    ]);
    await orders.createIndex({ userId: 1 });
    const perUser = await orders
      .aggregate([
        { $match: { userId: 1 } },
        { $set: { units: { $sum: '$lines.quantity' } } },
        { $group: { _id: '$userId', orders: { $sum: 1 }, units: { $sum: '$units' } } },
      ])
      .toArray();
    expect(perUser).toEqual([{ _id: 1, orders: 2, units: 3 }]);
    expect(await orders.findOne({ _id: 'o1' })).toEqual({
      _id: 'o1',
      userId: 1,
      lines: [{ quantity: 2 }, { quantity: 1 }],
    });
  });
});

describe('docstore engine: hash indexes', () => {
  const filters: Record<string, unknown>[] = [
    { group: 'g3' },
    { group: { $eq: 'g5' } },
    { group: 'g1', rank: { $lt: 25 } },
    { group: 'no-such-group' },
    { tags: 't2' },
    { 'owner.region': 1, group: 'g0' },
    { group: null },
    { $or: [{ group: 'g2' }, { rank: 3 }] },
  ];
  // The first is the index's own order, the second its reverse (both walk a bucket), the third needs a sort.
  const sorts: Sort[] = [{ rank: -1, _id: 1 }, { rank: 1, _id: -1 }, { _id: -1 }];
  const pages: FindOptions[] = [
    {},
    { limit: 5 },
    { skip: 3, limit: 4 },
    { projection: { rank: 1 }, limit: 3 },
  ];

  async function twins() {
    const documents = sampleDocuments(500);
    const scanned = freshCollection('scanned');
    const indexed = freshCollection('indexed');
    await scanned.insertMany(documents);
    await indexed.createIndex({ group: 1, rank: -1, _id: 1 });
    await indexed.createIndex({ tags: 1 });
    await indexed.createIndex({ 'owner.region': 1 });
    await indexed.insertMany(documents);
    return { scanned, indexed };
  }

  async function expectSameAnswers(scanned: Collection, indexed: Collection) {
    for (const filter of filters) {
      for (const sort of sorts) {
        for (const page of pages) {
          const label = JSON.stringify({ filter, sort, page });
          expect(await indexed.find(filter, { sort, ...page }).toArray(), label).toEqual(
            await scanned.find(filter, { sort, ...page }).toArray(),
          );
        }
      }
      expect(await indexed.countDocuments(filter)).toBe(await scanned.countDocuments(filter));
    }
  }

  it('answers every filter, sort and page exactly as a full scan does', async () => {
    const { scanned, indexed } = await twins();
    await expectSameAnswers(scanned, indexed);
  });

  it('still does after updates and deletes move documents between and within buckets', async () => {
    const { scanned, indexed } = await twins();
    for (const collection of [scanned, indexed]) {
      for (let id = 0; id < 500; id += 7) {
        await collection.updateOne({ _id: id }, { $set: { group: `g${id % 4}`, rank: (id * 3) % 50 } });
      }
      await collection.deleteMany({ rank: { $in: [1, 2, 3] } });
      await collection.insertMany([
        { _id: 900, group: 'g1', rank: 10 },
        { _id: 901, group: 'g1', rank: 10 },
      ]);
    }
    await expectSameAnswers(scanned, indexed);
  });

  it('examines only the bucket an equality selects, walking it in order when that is the sort', async () => {
    const things = freshCollection();
    await things.insertMany(sampleDocuments(500));
    await things.createIndex({ group: 1, rank: -1, _id: 1 });
    const inGroup = await things.countDocuments({ group: 'g3' });
    expect(things.explain({ group: 'g3' }, { rank: -1, _id: 1 })).toEqual({
      stage: 'IXSCAN',
      indexName: 'group_1_rank_-1__id_1',
      candidates: inGroup,
      sortedBy: 'index',
    });
    expect(things.explain({ group: 'g3' }, { rank: 1, _id: -1 }).sortedBy).toBe('index');
    // Without _id last, ties could come out in another order than a sort gives: sorted in memory instead.
    expect(things.explain({ group: 'g3' }, { rank: -1 }).sortedBy).toBe('memory');
    expect(things.explain({ _id: 7 })).toEqual({
      stage: 'IDHACK',
      indexName: '_id_',
      candidates: 1,
      sortedBy: 'none',
    });
    expect(things.explain({ rank: 3 })).toMatchObject({ stage: 'COLLSCAN', candidates: 500 });
    expect(things.indexNames()).toEqual(['_id_', 'group_1_rank_-1__id_1']);
  });

  it('keeps the index in step with updates and deletes', async () => {
    const things = freshCollection();
    await things.createIndex({ group: 1 });
    await things.insertMany([
      { _id: 1, group: 'a' },
      { _id: 2, group: 'a' },
      { _id: 3, group: 'b' },
    ]);
    await things.updateOne({ _id: 1 }, { $set: { group: 'b' } });
    await things.deleteMany({ _id: 3 });
    expect((await things.find({ group: 'a' }).toArray()).map((d) => d['_id'])).toEqual([2]);
    expect((await things.find({ group: 'b' }).toArray()).map((d) => d['_id'])).toEqual([1]);
    expect(things.explain({ group: 'b' }).candidates).toBe(1);
  });
});

describe('docstore engine: direct paths agree with mingo', () => {
  // Odd documents on purpose: missing fields, arrays, nulls, mixed types in one field.
  const documents: Document[] = [
    ...sampleDocuments(60),
    { _id: 'm1', group: ['g1', 'g2'], rank: '7' },
    { _id: 'm2', group: null, rank: null },
    { _id: 'm3', rank: 7.5, extra: { deep: true } },
    { _id: 'm4', group: [['g1']], rank: -1 },
  ];
  const mingoFind = (filter: Record<string, unknown>, projection?: Record<string, unknown>) =>
    new Query(filter, {}).find<Document>(documents, projection);

  it('filters on top-level equalities as mingo does', () => {
    for (const filter of [
      {},
      { group: 'g1' },
      { group: 'g1', rank: 7 },
      { rank: 7.5 },
      { _id: 'm1' },
      { rank: '7' },
    ]) {
      expect(documents.filter(compileFilter(filter)), JSON.stringify(filter)).toEqual(
        mingoFind(filter).all(),
      );
    }
  });

  it('projects top-level fields as mingo does', () => {
    const projections: Projection[] = [
      { rank: 1 },
      { rank: 1, _id: 0 },
      { _id: 1 },
      { _id: 0 },
      { tags: 0, owner: 0 },
      { extra: true },
    ];
    for (const projection of projections) {
      expect(projectDocuments(documents, projection), JSON.stringify(projection)).toEqual(
        mingoFind({}, projection).all(),
      );
    }
  });

  it('sorts as mingo does, missing values and mixed types included', () => {
    const sorts: Sort[] = [
      { rank: 1 },
      { rank: -1, _id: 1 },
      { group: 1, _id: -1 },
      { 'owner.region': -1, rank: 1 },
    ];
    for (const sort of sorts) {
      expect(sortDocuments([...documents], sort), JSON.stringify(sort)).toEqual(
        mingoFind({}).sort(sort).all(),
      );
    }
  });
});

describe('docstore engine: updates and deletes', () => {
  it('applies $set, $inc and $push to the first match only', async () => {
    const things = freshCollection();
    await things.insertMany([
      { _id: 1, kind: 'cart', count: 1, items: [] },
      { _id: 2, kind: 'cart', count: 1, items: [] },
    ]);
    const result = await things.updateOne(
      { kind: 'cart' },
      { $set: { owner: 'me' }, $inc: { count: 2 }, $push: { items: { sku: 'x' } } },
    );
    expect(result).toMatchObject({ matchedCount: 1, modifiedCount: 1 });
    expect(await things.findOne({ _id: 1 })).toEqual({
      _id: 1,
      kind: 'cart',
      count: 3,
      items: [{ sku: 'x' }],
      owner: 'me',
    });
    expect(await things.findOne({ _id: 2 })).toEqual({ _id: 2, kind: 'cart', count: 1, items: [] });
    expect(await things.updateOne({ _id: 99 }, { $set: { a: 1 } })).toMatchObject({ matchedCount: 0 });
  });

  it('refuses to change _id', async () => {
    const things = freshCollection();
    await things.insertOne({ _id: 1 });
    await expect(things.updateOne({ _id: 1 }, { $set: { _id: 2 } })).rejects.toThrow(/immutable field '_id'/);
    expect(await things.findOne({ _id: 1 })).toEqual({ _id: 1 });
  });

  it('deletes every match and counts them', async () => {
    const things = freshCollection();
    await things.insertMany([
      { _id: 1, n: 1 },
      { _id: 2, n: 2 },
      { _id: 3, n: 3 },
    ]);
    expect(await things.deleteMany({ n: { $gte: 2 } })).toMatchObject({ deletedCount: 2 });
    expect(await things.countDocuments()).toBe(1);
    expect(await things.deleteOne({ n: 1 })).toMatchObject({ deletedCount: 1 });
  });
});

describe('docstore engine: copies, never aliases', () => {
  it('stores a copy: changing the inserted object later changes nothing stored', async () => {
    const things = freshCollection();
    const original = { _id: 1, attributes: { size: 42 }, tags: ['a'] };
    await things.insertOne(original);
    original.attributes.size = 43;
    original.tags.push('b');
    expect(await things.findOne({ _id: 1 })).toEqual({ _id: 1, attributes: { size: 42 }, tags: ['a'] });
  });

  it('returns copies: changing a result changes nothing stored', async () => {
    const things = freshCollection();
    await things.insertOne({ _id: 1, attributes: { size: 42 } });
    const found = (await things.findOne<{ attributes: { size: number } }>({ _id: 1 }))!;
    found.attributes.size = 0;
    const [listed] = await things
      .find<{ attributes: { size: number } }>({}, { projection: { attributes: 1 } })
      .toArray();
    listed!.attributes.size = 0;
    expect(await things.findOne({ _id: 1 })).toEqual({ _id: 1, attributes: { size: 42 } });
  });

  it('copies values an update sets', async () => {
    const things = freshCollection();
    await things.insertOne({ _id: 1 });
    const meta = { color: 'red' };
    await things.updateOne({ _id: 1 }, { $set: { meta } });
    meta.color = 'blue';
    expect(await things.findOne({ _id: 1 })).toEqual({ _id: 1, meta: { color: 'red' } });
  });
});

describe('docstore engine: client', () => {
  it('keeps databases and collections apart and fails every operation once closed', async () => {
    const store = new DocumentStore();
    await store.db('a').collection('c').insertOne({ _id: 1 });
    expect(await store.db('b').collection('c').countDocuments()).toBe(0);
    expect(await store.db('a').collection('c').countDocuments()).toBe(1);
    const collection = store.db('a').collection('c');
    await store.close();
    await expect(collection.findOne({ _id: 1 })).rejects.toBeInstanceOf(StoreClosedError);
  });
});
