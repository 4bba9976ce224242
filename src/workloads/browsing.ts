// Read-side operations of a shopper: sessions, category pages, product pages, recommendations.
import type { ShopContext, JourneyState } from './context.js';
import type { StepOutcome } from './step.js';

const LISTING_SIZE = 20;
const RECOMMENDATIONS = 5;

export async function startSession(ctx: ShopContext, state: JourneyState): Promise<StepOutcome> {
  await ctx.roles.sessions.startSession({ id: state.sessionId, userId: state.userId }, ctx.sessionTtlSeconds);
  return 'ok';
}

export async function browseCategory(ctx: ShopContext, state: JourneyState): Promise<StepOutcome> {
  // Shoppers land on the categories of popular products more often.
  const categoryId = ctx.catalog.popularity.sample(state.rng).categoryId;
  await ctx.roles.catalog.listCategory(categoryId, LISTING_SIZE);
  return 'ok';
}

export async function viewProduct(ctx: ShopContext, state: JourneyState): Promise<StepOutcome> {
  const product = ctx.catalog.popularity.sample(state.rng);
  state.viewedProductId = product.id;
  const found = await ctx.roles.catalog.getProduct(product.id);
  if (!found) throw new Error(`product ${product.id} missing from the catalog`);
  return 'ok';
}

/**
 * "Customers who bought this also bought". Right after the shopper's own checkout it starts from their
 * newest purchase, read from the graph: missing it there is a read-your-writes violation.
 */
export async function alsoBought(ctx: ShopContext, state: JourneyState): Promise<StepOutcome> {
  let productId = state.viewedProductId ?? ctx.catalog.popularity.sample(state.rng).id;
  const order = state.placedOrder;
  if (order) {
    const recent = await ctx.roles.graph.recentPurchases(state.userId, RECOMMENDATIONS);
    ctx.readYourWrites(
      'also-bought',
      state.stepStartUs,
      recent.some((ref) => ref.orderId === order.id),
    );
    productId = order.lines[0]?.productId ?? productId;
  }
  await ctx.roles.graph.alsoBought(productId, RECOMMENDATIONS);
  return 'ok';
}

export async function friendsLiked(ctx: ShopContext, state: JourneyState): Promise<StepOutcome> {
  await ctx.roles.graph.friendsLiked(state.userId, RECOMMENDATIONS);
  return 'ok';
}
