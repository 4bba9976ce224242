// The search role's reads, one word from the catalog's vocabulary per call (the hottest first), with the page
// the shopper's search step asks for. applyOrder is left out for the reason query-operations.ts gives.
import type { Dataset } from '../domain.js';
import { searchVocabulary } from '../data/search-vocabulary.js';
import type { SearchRole } from '../roles.js';
import { SEARCH_PAGE } from '../workloads/searching.js';
import { drawRing, type ArgumentPools } from './arguments.js';
import { ringOperation, type RolePlan } from './operation.js';

const TOP_CATEGORIES = 10;
/** The hot end of the vocabulary: the words most searches use. */
const WORDS = 50;

export function searchPlan(search: SearchRole, dataset: Dataset, pools: ArgumentPools): RolePlan {
  const plan: RolePlan = { operations: [], skipped: [] };
  const words = searchVocabulary(dataset.products).slice(0, WORDS);
  const none = 'the dataset has no products';
  ringOperation(plan, 'search', 'search', drawRing(dataset, 'search.search', words), none, (word) =>
    search.search({
      words: [word],
      categoryId: null,
      priceCents: null,
      inStockOnly: true,
      sort: 'relevance',
      limit: SEARCH_PAGE,
    }),
  );
  ringOperation(
    plan,
    'search',
    'topCategories',
    drawRing(dataset, 'search.topCategories', words),
    none,
    (word) => search.topCategories([word], TOP_CATEGORIES),
  );
  ringOperation(
    plan,
    'search',
    'hasOrder',
    drawRing(dataset, 'search.hasOrder', pools.orderIds),
    'the dataset has no historical orders',
    (id) => search.hasOrder(id),
  );
  return plan;
}
