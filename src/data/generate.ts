// The whole dataset from (spec, seed, reference time): every layout loads exactly this, so any difference in the
// results comes from the stores, not the data. Each part draws from its own derived stream (deriveSeed(seed,
// 'products'), 'users', 'follows', …), so changing one count — more orders, say — leaves the other parts as
// they were.
import type { Dataset } from '../domain.js';
import type { DataSpec } from '../scenario/types.js';
import { generateProducts, initialStock, planCategories } from './catalog.js';
import { NO_HISTORY, historicalOrders } from './history.js';
import { ProductPopularity } from './popularity.js';
import { socialGraph } from './social.js';
import { generateUsers } from './users.js';
import { buildWordPools } from './word-pools.js';

function requireCount(spec: DataSpec, field: keyof DataSpec): void {
  const value = spec[field];
  if (!Number.isSafeInteger(value) || value < 0) {
    throw new RangeError(`data.${field} must be an integer >= 0, got ${value}`);
  }
}

function requireNonNegative(spec: DataSpec, field: keyof DataSpec): void {
  const value = spec[field];
  if (!Number.isFinite(value) || value < 0)
    throw new RangeError(`data.${field} must be a number >= 0, got ${value}`);
}

/** The scenario schema should already guarantee this; the generator still refuses to make inconsistent data. */
function assertGeneratable(spec: DataSpec, referenceEpochMs: number): void {
  for (const field of ['users', 'products', 'categories', 'historicalOrders', 'stockPerProduct'] as const) {
    requireCount(spec, field);
  }
  for (const field of ['followsPerUser', 'likesPerUser', 'historyDays', 'popularitySkew'] as const) {
    requireNonNegative(spec, field);
  }
  if (spec.products > 0 && spec.categories === 0)
    throw new RangeError('data: products need at least one category');
  if (spec.historicalOrders > 0 && (spec.users === 0 || spec.products === 0)) {
    throw new RangeError('data: historical orders need at least one user and one product');
  }
  if (!Number.isSafeInteger(referenceEpochMs)) {
    throw new RangeError(`referenceEpochMs must be integer epoch milliseconds, got ${referenceEpochMs}`);
  }
}

/**
 * Deterministic for (spec, seed, referenceEpochMs) on a given faker version. Ids are 1-based (users, products,
 * categories); historical orders are "h-1"… in time order, placed within historyDays before referenceEpochMs,
 * and are not subtracted from stock (they predate the stock count). The history and the social graph are
 * generated as they are read (Dataset.history, Dataset.social), so their sizes cost this process a chunk.
 */
export function generateDataset(spec: DataSpec, seed: number, referenceEpochMs: number): Dataset {
  assertGeneratable(spec, referenceEpochMs);
  const pools = buildWordPools(seed);
  const categoryPlans = planCategories(spec.categories);
  const referenceYear = new Date(referenceEpochMs).getUTCFullYear();
  const products = generateProducts(spec.products, categoryPlans, pools, seed, referenceYear);
  const users = generateUsers(spec.users, pools, seed);
  // The same ranking the live traffic uses (ShopContext builds it from the dataset's products and seed).
  const popularity = products.length > 0 ? new ProductPopularity(products, spec.popularitySkew, seed) : null;
  const history = { count: spec.historicalOrders, historyDays: spec.historyDays, referenceEpochMs };
  return {
    seed,
    categories: categoryPlans.map((plan) => plan.category),
    products,
    users,
    social: socialGraph(users.length, spec, popularity, seed),
    stock: initialStock(products, spec.stockPerProduct),
    history: popularity ? historicalOrders(history, users.length, popularity, seed) : NO_HISTORY,
  };
}
