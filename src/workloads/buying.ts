// Write-side operations: the cart, the checkout (docs/architecture.md, "A checkout's data flow" steps 1–4), and "my orders".
import type { ReserveLine } from '../roles.js';
import type { JourneyState, ShopContext } from './context.js';
import type { StepOutcome } from './step.js';

const MY_ORDERS_PAGE = 10;

export async function addToCart(ctx: ShopContext, state: JourneyState): Promise<StepOutcome> {
  const { rng } = state;
  const spec = ctx.journeys;
  let productId: number;
  do {
    const hot = spec.hotProducts;
    productId =
      hot && rng.chance(hot.probability)
        ? rng.pick(ctx.catalog.popularity.hottest(hot.count)).id
        : ctx.catalog.popularity.sample(rng).id;
    // A cart holds distinct products; give up on distinctness if the hot set is smaller than the cart.
  } while (state.cartProductIds.includes(productId) && state.cartProductIds.length < distinctLimit(ctx));
  state.cartProductIds.push(productId);
  const quantity = rng.int(spec.quantity.min, spec.quantity.max);
  await ctx.roles.sessions.addToCart(state.sessionId, { productId, quantity });
  return 'ok';
}

function distinctLimit(ctx: ShopContext): number {
  const hot = ctx.journeys.hotProducts;
  return hot && hot.probability >= 1 ? hot.count : ctx.catalog.productById.size;
}

export async function checkout(ctx: ShopContext, state: JourneyState): Promise<StepOutcome> {
  const cart = await ctx.roles.sessions.getCart(state.sessionId);
  if (cart.length === 0) throw new Error(`cart of session ${state.sessionId} is empty at checkout`);
  const lines: ReserveLine[] = cart.map((line) => ({
    productId: line.productId,
    categoryId: ctx.catalog.categoryOf(line.productId),
    quantity: line.quantity,
  }));
  const result = await ctx.writePath.checkout({
    orderId: `o-${state.key}`,
    userId: state.userId,
    sessionId: state.sessionId,
    createdAt: Date.now(),
    lines,
  });
  if (!result.ok) return 'rejected';
  state.placedOrder = result.order;
  return 'ok';
}

export async function myOrders(ctx: ShopContext, state: JourneyState): Promise<StepOutcome> {
  const orders = await ctx.roles.orders.ordersOfUser(state.userId, MY_ORDERS_PAGE);
  const placed = state.placedOrder;
  if (placed)
    ctx.readYourWrites(
      'my-orders',
      state.stepStartUs,
      orders.some((o) => o.id === placed.id),
    );
  return 'ok';
}
