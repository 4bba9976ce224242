// The journeys a virtual shopper can take, as sequences of named steps (TPC-W's browse/order split, plus
// an abandoned cart and a social visit). The scenario's mix weights choose among them.
import type { Random } from '../data/random.js';
import type { JourneyName, JourneySpec } from '../scenario/types.js';
import { addToCart, checkout, myOrders } from './buying.js';
import { alsoBought, browseCategory, friendsLiked, startSession, viewProduct } from './browsing.js';
import { friendsBought, orderDetails } from './cross-store.js';
import { searchProducts } from './searching.js';
import type { Step } from './step.js';

const step = (name: string, run: Step['run']): Step => ({ name, run });

const START_SESSION = step('start-session', startSession);
/** Browsing needs no session: without one the shopper browses anonymously (the cart is what needs it). */
const START_SESSION_IF_POSSIBLE: Step = { ...START_SESSION, optional: true };
const BROWSE_CATEGORY = step('browse-category', browseCategory);
const SEARCH = step('search', searchProducts);
const VIEW_PRODUCT = step('view-product', viewProduct);
const ALSO_BOUGHT = step('also-bought', alsoBought);
const FRIENDS_LIKED = step('friends-liked', friendsLiked);
const ADD_TO_CART = step('add-to-cart', addToCart);
const CHECKOUT = step('checkout', checkout);
const MY_ORDERS = step('my-orders', myOrders);
const ORDER_DETAILS = step('order-details', orderDetails);
const FRIENDS_BOUGHT = step('friends-bought', friendsBought);

/** Every operation name a journey can produce, in the order reports list them. */
export const SHOPPER_OPERATIONS = [
  START_SESSION,
  BROWSE_CATEGORY,
  SEARCH,
  VIEW_PRODUCT,
  ADD_TO_CART,
  CHECKOUT,
  MY_ORDERS,
  ORDER_DETAILS,
  ALSO_BOUGHT,
  FRIENDS_LIKED,
  FRIENDS_BOUGHT,
].map((s) => s.name);

function repeat(s: Step, times: number): Step[] {
  return Array.from({ length: times }, () => s);
}

export function planJourney(name: JourneyName, spec: JourneySpec, rng: Random): Step[] {
  const views = () => repeat(VIEW_PRODUCT, rng.int(spec.productViews.min, spec.productViews.max));
  const cart = () => repeat(ADD_TO_CART, rng.int(spec.cartItems.min, spec.cartItems.max));
  // Browsing and shopping start from the search box or from a category page.
  const find = () => (rng.chance(spec.search.share) ? SEARCH : BROWSE_CATEGORY);
  switch (name) {
    case 'browse':
      return [START_SESSION_IF_POSSIBLE, find(), ...views(), ALSO_BOUGHT];
    case 'shop': // fills a cart and walks away
      return [START_SESSION, find(), VIEW_PRODUCT, ...cart()];
    case 'buy': // reads right after checkout check read-your-writes
      return [
        START_SESSION,
        BROWSE_CATEGORY,
        VIEW_PRODUCT,
        ...cart(),
        CHECKOUT,
        MY_ORDERS,
        ORDER_DETAILS,
        ALSO_BOUGHT,
      ];
    case 'social':
      return [START_SESSION_IF_POSSIBLE, FRIENDS_LIKED, FRIENDS_BOUGHT, VIEW_PRODUCT];
  }
}

export function chooseJourney(spec: JourneySpec, rng: Random): JourneyName {
  return rng.weighted(spec.mix);
}
