// Analysts' dashboard queries, run on their own cadence (not by shoppers).
import type { AnalystQuery } from '../scenario/types.js';
import type { ShopContext } from './context.js';
import { crossStoreQuery } from './cross-store.js';

const TOP_PRODUCTS = 10;
const TOP_CATEGORIES = 10;

export async function runAnalystQuery(
  query: AnalystQuery,
  ctx: Pick<ShopContext, 'roles' | 'catalog' | 'crossStore'>,
  windowMs: number,
): Promise<void> {
  const since = Date.now() - windowMs;
  switch (query) {
    case 'top-products':
      await ctx.roles.analytics.topProducts(since, TOP_PRODUCTS);
      return;
    case 'revenue-by-category':
      await ctx.roles.analytics.revenueByCategory(since);
      return;
    case 'revenue-by-follower-band':
      await crossStoreQuery(ctx, 'revenueByFollowerBand')(since);
      return;
    case 'search-categories': {
      // Where the hottest query word's products sit: the merchandiser's view of what shoppers type.
      const word = ctx.catalog.searchVocabulary[0];
      if (word !== undefined) await ctx.roles.search.topCategories([word], TOP_CATEGORIES);
      return;
    }
  }
}
