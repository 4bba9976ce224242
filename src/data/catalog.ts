// Categories, products and their stock rows.
import type { Category, Product, StockItem } from '../domain.js';
import { CATEGORY_FAMILIES, type CategoryFamily, type Subcategory } from './category-families.js';
import { Random, deriveSeed } from './random.js';
import type { WordPools } from './word-pools.js';

/** A category together with what its products look like. */
export interface CategoryPlan {
  category: Category;
  family: CategoryFamily;
  subcategory: Subcategory;
}

/**
 * Categories 1..count, dealt round-robin to the families and then through each family's subcategories; names
 * repeat with a number ("Fiction 2") only once every subcategory is used. Needs no randomness.
 */
export function planCategories(count: number): CategoryPlan[] {
  const plans: CategoryPlan[] = [];
  for (let index = 0; index < count; index++) {
    const family = CATEGORY_FAMILIES[index % CATEGORY_FAMILIES.length]!;
    const round = Math.floor(index / CATEGORY_FAMILIES.length);
    const subcategory = family.subcategories[round % family.subcategories.length]!;
    const cycle = Math.floor(round / family.subcategories.length);
    const name = cycle === 0 ? subcategory.name : `${subcategory.name} ${cycle + 1}`;
    plans.push({ category: { id: index + 1, name }, family, subcategory });
  }
  return plans;
}

/** Whole dollars minus a cent (4.99, 129.99): what shelf prices look like. */
function shelfPrice(rng: Random, range: CategoryFamily['priceCents']): number {
  const logMin = Math.log(range.min);
  const cents = Math.exp(logMin + rng.next() * (Math.log(range.max) - logMin));
  return Math.max(range.min, Math.round(cents / 100) * 100 - 1);
}

/** Products 1..count. The first products cover every category once, so no category listing is empty. */
export function generateProducts(
  count: number,
  categories: readonly CategoryPlan[],
  pools: WordPools,
  seed: number,
  referenceYear: number,
): Product[] {
  const rng = new Random(deriveSeed(seed, 'products'));
  const context = { rng, pools, referenceYear };
  const products: Product[] = [];
  for (let id = 1; id <= count; id++) {
    const plan = id <= categories.length ? categories[id - 1]! : rng.pick(categories);
    const { family, subcategory, category } = plan;
    const draft = family.draft(subcategory, context);
    products.push({
      id,
      sku: `${family.skuPrefix}-${String(category.id).padStart(3, '0')}-${String(id).padStart(6, '0')}`,
      name: draft.name,
      categoryId: category.id,
      priceCents: shelfPrice(rng, family.priceCents),
      attributes: draft.attributes,
    });
  }
  return products;
}

/**
 * One stock row per product at the scenario's starting level. Historical orders are not subtracted: they
 * happened before this stock count, so the run's "units sold = units decremented" invariant starts from zero.
 */
export function initialStock(products: readonly Product[], stockPerProduct: number): StockItem[] {
  return products.map((product) => ({
    productId: product.id,
    priceCents: product.priceCents,
    stock: stockPerProduct,
  }));
}
