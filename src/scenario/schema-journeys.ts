// `journeys:` — what each virtual shopper does: the weighted mix of journeys (a TPC-W preset or explicit
// weights), think time, and how big carts are.
import { JOURNEY_NAMES, type JourneyName, type JourneySpec } from './types.js';
import { durationRange, number, oneOf, range, strict } from './fields.js';

/**
 * TPC-W's three interaction mixes (browsing 95/5, shopping 80/20, ordering 50/50 browse/order), mapped onto
 * our journeys: TPC-W's "order" interactions are the buy journey; shop and social have no TPC-W counterpart.
 */
export const MIX_PRESETS = {
  browsing: { browse: 95, shop: 0, buy: 5, social: 0 },
  shopping: { browse: 80, shop: 0, buy: 20, social: 0 },
  ordering: { browse: 50, shop: 0, buy: 50, social: 0 },
} as const satisfies Record<string, Record<JourneyName, number>>;

export type MixPreset = keyof typeof MIX_PRESETS;
const PRESET_NAMES = Object.keys(MIX_PRESETS) as [MixPreset, ...MixPreset[]];
export const DEFAULT_PRESET: MixPreset = 'shopping';

const weight = number({ min: 0 }).default(0);
const mixSchema = strict(
  { browse: weight, shop: weight, buy: weight, social: weight },
  { expected: `a mapping of weights (${JOURNEY_NAMES.join(', ')})` },
).superRefine((mix, ctx) => {
  if (JOURNEY_NAMES.every((journey) => mix[journey] === 0)) {
    ctx.addIssue({ code: 'custom', input: mix, message: 'expected at least one weight above 0, got all 0' });
  }
});

const count = (min: number) => number({ min, whole: true });

const hotProducts = strict(
  {
    /** The `count` most popular products form the hot set. */
    count: count(1),
    probability: number({ min: 0, max: 1 }),
  },
  { expected: 'a mapping with count and probability' },
);

/**
 * The search step: with probability `share` a browse or shop journey starts from the search box instead of a
 * category page; each query holds `words` words drawn from the catalog's vocabulary with a Zipf skew over how
 * many products hold them (0 = uniform), so the common words are the hot queries.
 */
const search = strict(
  {
    share: number({ min: 0, max: 1 }).default(0.5),
    words: range(count(1), { min: 1, max: 2 }),
    skew: number({ min: 0, max: 3 }).default(1),
  },
  { expected: 'a mapping with share, words and skew' },
).prefault({});

export const journeysSchema = strict(
  {
    preset: oneOf(PRESET_NAMES).optional(),
    mix: mixSchema.optional(),
    thinkTime: durationRange({ min: '0ms', max: '100ms' }),
    cartItems: range(count(1), { min: 1, max: 3 }),
    quantity: range(count(1), { min: 1, max: 2 }),
    productViews: range(count(1), { min: 1, max: 4 }),
    hotProducts: hotProducts.nullable().default(null),
    search,
  },
  { expected: 'a mapping (preset or mix, thinkTime, cartItems, …)' },
)
  .superRefine((journeys, ctx) => {
    // Two sources for one mix would leave the reader guessing which wins.
    if (journeys.preset !== undefined && journeys.mix !== undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['mix'],
        input: journeys.mix,
        message: `expected either preset or mix, not both (preset is ${journeys.preset}; remove one)`,
      });
    }
  })
  .transform((journeys): JourneySpec => ({
    mix: journeys.mix ?? { ...MIX_PRESETS[journeys.preset ?? DEFAULT_PRESET] },
    preset: journeys.mix ? null : (journeys.preset ?? DEFAULT_PRESET),
    thinkTimeMs: journeys.thinkTime,
    cartItems: journeys.cartItems,
    quantity: journeys.quantity,
    productViews: journeys.productViews,
    hotProducts: journeys.hotProducts,
    search: journeys.search,
  }))
  .prefault({});
