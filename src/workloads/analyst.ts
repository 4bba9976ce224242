// Analysts' dashboard queries, run on their own cadence (not by shoppers).
import type { AnalystQuery } from '../scenario/types.js';
import type { RoleImpls } from '../roles.js';

const TOP_PRODUCTS = 10;

export async function runAnalystQuery(
  query: AnalystQuery,
  analytics: RoleImpls['analytics'],
  windowMs: number,
): Promise<void> {
  const since = Date.now() - windowMs;
  switch (query) {
    case 'top-products':
      await analytics.topProducts(since, TOP_PRODUCTS);
      return;
    case 'revenue-by-category':
      await analytics.revenueByCategory(since);
      return;
  }
}
