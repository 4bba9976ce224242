// What a store adapter is: one engine instance with a driver, serving the roles it can.
// Adapters never import the runner, metrics or report (docs/architecture.md, "Engines"): timing wraps them from outside.
import type { AtomicCheckout, CrossStoreQueries, RoleImpls, RoleName } from '../roles.js';

export interface StoreInfo {
  /** Engine family as users know it: "PostgreSQL", "DuckDB", "Kuzu", … */
  engine: string;
  /** Version the engine reported about itself, e.g. "18.6 (PGlite 0.5.16)". */
  version: string;
  /** In-process stand-in rather than a networked server. */
  embedded: boolean;
  /** Where it is reached, password redacted; "in-process" for embedded engines. */
  address: string;
}

/** What a store reports about its own cost, for the tool's namespace only (docs/measurements.md, "Footprint"). */
export interface StoreFootprint {
  /** Bytes the engine reports for the tool's data (tables and indexes, collections, parts); null when it does not. */
  dataBytes: number | null;
  /** Where the figure comes from, or why there is none: "pg_total_relation_size of schema polyglot_bench". */
  source: string;
  /**
   * Bytes of each role's copy of the orders the store holds (the orders themselves, purchase edges, sales lines,
   * search's applied orders), where the engine reports them per table or collection; absent where it does not.
   */
  orderCopyBytes?: Partial<Record<OrderCopyRole, number>>;
}

/** The roles each holding a copy of every order (docs/measurements.md, "Footprint": data duplication). */
export type OrderCopyRole = 'orders' | 'graph' | 'analytics' | 'search';

export interface StoreAdapter {
  /** The store kind as scenarios name it: "pglite", "duckdb", "kuzu", "docstore", "ttlcache", … */
  readonly kind: string;
  readonly info: StoreInfo;
  /** The roles this instance serves; an adapter fills only those its engine can serve. */
  readonly roles: Partial<RoleImpls>;
  /** Present when the store can commit a whole checkout in one transaction. */
  readonly atomicCheckout?: AtomicCheckout;
  /** Present when the store answers the cross-store queries in one statement each (when it holds their roles). */
  readonly crossStore?: CrossStoreQueries;
  /** The store's footprint, taken at the end of a run before it closes; absent where the engine reports nothing. */
  footprint?(): Promise<StoreFootprint>;
  /**
   * What went wrong with the store itself during the run, one line each (a namespace lock lost to another run),
   * for the layout's notes; absent where an engine has nothing of the kind to say.
   */
  warnings?(): readonly string[];
  /** Releases the engine (and drops only what the tool created, in its own namespace). */
  close(): Promise<void>;
}

export interface StoreOptions {
  /** Connection URL for networked stores; embedded stores ignore it. */
  url?: string;
  /** Engine-specific settings from the scenario's stores: section. */
  settings?: Record<string, unknown>;
  /** Told each of the store's warnings the moment it arises (the run prints it on stderr); see warnings(). */
  onWarning?: (line: string) => void;
  /**
   * Join the namespace another instance of this process created and still holds (`run --workers N`: the main
   * thread opened, loaded and leases it; each worker thread attaches with connections of its own). An attached
   * instance takes no lease or lock, resets, creates and drops nothing, runs no background upkeep (sweepers,
   * lease heartbeats), reports no footprint or warnings, and its close() only disconnects. Server engines only.
   */
  attach?: boolean;
}

export interface StoreFactory {
  readonly kind: string;
  /** Roles an instance of this kind can serve. */
  readonly roles: readonly RoleName[];
  readonly embedded: boolean;
  /** Creates a fresh, empty instance with its schema in place. */
  create(options?: StoreOptions): Promise<StoreAdapter>;
}
