// The search box: a shopper types a few of the catalog's words and maybe narrows by category, price and "in
// stock only". Every choice comes from the journey's own seeded stream, so every layout gets the same queries.
import { Zipf } from '../data/zipf.js';
import type { Random } from '../data/random.js';
import type { SearchQuery, SearchSort } from '../roles.js';
import type { JourneyState, ShopCatalog, ShopContext } from './context.js';
import type { StepOutcome } from './step.js';

export const SEARCH_PAGE = 20;
/** How often a query is narrowed, as a shop's filter panel is used: most searches use none or one. */
const CATEGORY_FILTER = 0.2;
const PRICE_FILTER = 0.2;
const IN_STOCK_ONLY = 0.5;
const SORTS: Record<SearchSort, number> = { relevance: 70, 'price-asc': 20, 'price-desc': 10 };

/** One Zipf table per (catalog, skew): built once per run, not per query. */
const wordRanks = new WeakMap<ShopCatalog, Map<number, Zipf>>();

function wordRanksOf(catalog: ShopCatalog, skew: number): Zipf {
  let bySkew = wordRanks.get(catalog);
  if (!bySkew) wordRanks.set(catalog, (bySkew = new Map()));
  let zipf = bySkew.get(skew);
  if (!zipf) bySkew.set(skew, (zipf = new Zipf(Math.max(1, catalog.searchVocabulary.length), skew)));
  return zipf;
}

/** Distinct words, each a Zipf draw over the vocabulary's ranks. */
export function drawSearchWords(ctx: ShopContext, rng: Random): string[] {
  const { vocabulary, spec } = { vocabulary: ctx.catalog.searchVocabulary, spec: ctx.journeys.search };
  if (vocabulary.length === 0) return [];
  const zipf = wordRanksOf(ctx.catalog, spec.skew);
  const wanted = Math.min(rng.int(spec.words.min, spec.words.max), vocabulary.length);
  const words: string[] = [];
  // Bounded: a skewed draw can repeat the top word many times in a row on a tiny vocabulary.
  for (let tries = 0; words.length < wanted && tries < wanted * 20; tries++) {
    const word = vocabulary[zipf.sample(rng)]!;
    if (!words.includes(word)) words.push(word);
  }
  return words;
}

export function drawSearchQuery(ctx: ShopContext, rng: Random): SearchQuery {
  const words = drawSearchWords(ctx, rng);
  const categoryId = rng.chance(CATEGORY_FILTER) ? ctx.catalog.popularity.sample(rng).categoryId : null;
  let priceCents: SearchQuery['priceCents'] = null;
  if (rng.chance(PRICE_FILTER)) {
    // Bounds from two products' shelf prices: ranges a shopper would pick, on the catalog's own scale.
    const a = ctx.catalog.popularity.sample(rng).priceCents;
    const b = ctx.catalog.popularity.sample(rng).priceCents;
    priceCents = { min: Math.min(a, b), max: Math.max(a, b) };
  }
  return {
    words,
    categoryId,
    priceCents,
    inStockOnly: rng.chance(IN_STOCK_ONLY),
    sort: rng.weighted(SORTS),
    limit: SEARCH_PAGE,
  };
}

export async function searchProducts(ctx: ShopContext, state: JourneyState): Promise<StepOutcome> {
  const hits = await ctx.roles.search.search(drawSearchQuery(ctx, state.rng));
  ctx.searchListed?.(hits);
  return 'ok';
}
