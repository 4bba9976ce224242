// Chooses which documents a filter has to be tested against, and whether they already come in the requested
// order: the one `_id` it names; an index bucket selected by an equality on an indexed field (preferring an
// index whose order is the sort, then the smallest bucket); or, without either, the whole collection. The full
// filter is always evaluated on the candidates afterwards, so a plan only has to return a superset of matches.
import type { HashIndex } from './hash-index.js';
import { isIndexableValue, type IndexableValue } from './values.js';
import type { DocumentId, Filter, Sort, StoredDocument } from './types.js';

export type QueryPlan =
  | {
      kind: 'ids';
      ids: Iterable<DocumentId>;
      /** How many ids there are, at most. */
      size: number;
      index: string;
      /** The ids are already in the requested sort order (walking an ordered index bucket). */
      sorted: boolean;
    }
  | { kind: 'scan' };

/** The value a field condition pins by equality: `v` or `{ $eq: v }`, for indexable v; otherwise undefined. */
export function equalityValue(condition: unknown): IndexableValue | undefined {
  if (isIndexableValue(condition)) return condition;
  if (condition !== null && typeof condition === 'object' && !Array.isArray(condition)) {
    const entries = Object.entries(condition);
    const [first] = entries;
    if (entries.length === 1 && first?.[0] === '$eq' && isIndexableValue(first[1])) return first[1];
  }
  return undefined;
}

export function planQuery(filter: Filter, indexes: Iterable<HashIndex>, sort?: Sort): QueryPlan {
  const id = equalityValue(filter['_id']);
  if (id !== undefined) {
    const ids = typeof id === 'string' || typeof id === 'number' ? [id] : [];
    return { kind: 'ids', ids, size: ids.length, index: '_id_', sorted: ids.length <= 1 };
  }

  let best: { index: HashIndex; value: IndexableValue; walk: 1 | -1 | 0; size: number } | undefined;
  for (const index of indexes) {
    const value = equalityValue(filter[index.field]);
    if (value === undefined) continue;
    const candidate = { index, value, walk: index.walkFor(sort), size: index.count(value) };
    const better =
      !best ||
      (candidate.walk !== 0 && best.walk === 0) ||
      ((candidate.walk !== 0) === (best.walk !== 0) && candidate.size < best.size);
    if (better) best = candidate;
  }
  if (!best) return { kind: 'scan' };
  return {
    kind: 'ids',
    ids: best.index.lookup(best.value, best.walk === -1 ? -1 : 1),
    size: best.size,
    index: best.index.name,
    sorted: best.walk !== 0,
  };
}

/** The stored documents a plan selects, in plan order (natural order for a scan). */
export function candidates(
  plan: QueryPlan,
  documents: ReadonlyMap<DocumentId, StoredDocument>,
): StoredDocument[] {
  if (plan.kind === 'scan') return [...documents.values()];
  const selected: StoredDocument[] = [];
  for (const id of plan.ids) {
    const document = documents.get(id);
    if (document) selected.push(document);
  }
  return selected;
}
