// What a journey's operations may use: the layout's roles (already instrumented), the generated data's
// static facts, and the hooks that record consistency. No drivers, no metrics classes.
import type { Dataset, Order, Product } from '../domain.js';
import type { Random } from '../data/random.js';
import { ProductPopularity } from '../data/popularity.js';
import { searchVocabulary } from '../data/search-vocabulary.js';
import type { WritePath } from '../propagation/write-path.js';
import type { CrossStoreQueries, RoleImpls, SearchHit } from '../roles.js';
import type { JourneySpec } from '../scenario/types.js';

/** The catalog facts every shopper "knows" (what the storefront shows): fixed for the run. */
/**
 * What the catalog is built from: a dataset, or its parts as a worker thread receives them (`run --workers`: the
 * products and stock cloned, the users only counted).
 */
export type CatalogSource = Pick<Dataset, 'seed' | 'products' | 'stock'> & { users: { length: number } };

export class ShopCatalog {
  readonly productById: ReadonlyMap<number, Product>;
  readonly userCount: number;
  readonly popularity: ProductPopularity;
  /** The words shoppers search for, most products first (src/data/search-vocabulary.ts). */
  readonly searchVocabulary: readonly string[];
  /** Stock per product before the run: with the placed orders, the inventory's truth at any instant. */
  readonly initialStock: ReadonlyMap<number, number>;

  constructor(dataset: CatalogSource, popularitySkew: number) {
    this.productById = new Map(dataset.products.map((product) => [product.id, product]));
    this.userCount = dataset.users.length;
    this.popularity = new ProductPopularity(dataset.products, popularitySkew, dataset.seed);
    this.searchVocabulary = searchVocabulary(dataset.products);
    this.initialStock = new Map(dataset.stock.map((item) => [item.productId, item.stock]));
  }

  categoryOf(productId: number): number {
    const product = this.productById.get(productId);
    if (!product) throw new Error(`product ${productId} is not in the catalog`);
    return product.categoryId;
  }
}

export interface ShopContext {
  roles: RoleImpls;
  catalog: ShopCatalog;
  journeys: JourneySpec;
  sessionTtlSeconds: number;
  writePath: WritePath;
  /**
   * The cross-store queries one store answers in one statement, each present only when every role it reads sits on
   * that store (open-layout.ts), already instrumented; absent ones are joined in the application (cross-store.ts).
   */
  crossStore?: Partial<CrossStoreQueries>;
  /** A read right after the shopper's own checkout; sawOwnWrite false is a read-your-writes violation. */
  readYourWrites(operation: string, startUs: number, sawOwnWrite: boolean): void;
  /**
   * A search result page as the shopper saw it: hits listed in stock are checked against the inventory's truth.
   * Absent where nothing is measured (a traced journey).
   */
  searchListed?(hits: readonly SearchHit[]): void;
}

/** One shopper's journey in progress. Every random choice comes from its own seeded stream. */
export interface JourneyState {
  /** Unique within the run, deterministic: "a1234" (open arrival 1234) or "v3-17" (user 3, 17th journey). */
  key: string;
  rng: Random;
  userId: number;
  sessionId: string;
  viewedProductId: number | null;
  cartProductIds: number[];
  placedOrder: Order | null;
  /** When the step that is running started (µs), for read-your-writes attribution. */
  stepStartUs: number;
}
