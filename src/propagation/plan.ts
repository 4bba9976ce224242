// A layout's propagation, decided in one place: how a checkout's writes reach the stores that derive from it
// (docs/architecture.md). `validate`, the checks before the bulk load and the run all ask this function, so they
// cannot disagree. The only thing that differs between them is what is known about the stores: before they open,
// what their engines can do; once open, what the adapters say (a MongoDB server without transactions, such as
// mongo-java-server, is only found out then).
import { UserError } from '../errors.js';
import { CHECKOUT_WRITE_ROLES } from '../layouts/open-layout.js';
import type { ResolvedLayout } from '../layouts/resolve.js';
import type { Scenario, StoreSpec } from '../scenario/types.js';
import { engineOf } from '../stores/engine-lookup.js';
import type { Mechanism } from './write-path.js';

/** What the stores of a layout can do, as far as the propagation depends on it. */
export interface PropagationCapabilities {
  /** One store holds every role a checkout writes and can commit a whole checkout in one transaction. */
  atomicCheckout: boolean;
  /**
   * Engine (store kind) of the inventory store, where a checkout commits and cdc would read the change log; null
   * when not known (the built-in layouts take their engines from --stores, which `validate` does not have).
   */
  sourceEngine: string | null;
}

/** Why the layout propagates as it does. */
export type PropagationReason =
  /** The layout names its own propagation, which wins over everything else. */
  | 'layout'
  /** One store holds every role a checkout writes and commits them in one transaction. */
  | 'one-transaction'
  /** One store holds every role a checkout writes but cannot commit them at once: the scenario's strategy. */
  | 'no-transactions'
  /** The checkout's writes are spread over several stores: the scenario's strategy. */
  | 'scenario';

/** A store that derives from a checkout: purchase edges (graph), order lines (analytics), stock (search). */
export interface PropagationTarget {
  role: 'graph' | 'analytics' | 'search';
  store: string;
}

export interface PropagationPlan {
  layout: string;
  /** The concept is "propagation"; its values keep the Mechanism type that write paths and lag records carry. */
  propagation: Mechanism;
  reason: PropagationReason;
  /** The store a checkout commits to first (stock reserved, the outbox row written): inventory's store. */
  source: string;
  /** In a one-transaction layout they are written inside the checkout's transaction; otherwise after it. */
  targets: PropagationTarget[];
  /** Whether a relay (outbox polling or cdc decoding) carries committed checkouts to the targets. */
  relay: boolean;
}

/**
 * The layout's own propagation if it names one; otherwise one transaction where a single store can commit the
 * whole checkout, else the scenario's strategy. cdc reads PostgreSQL's logical decoding, so it is refused, in one
 * line, where the source store's engine is known and its descriptor says it cannot be a cdc source.
 */
export function planPropagation(
  layout: ResolvedLayout,
  scenario: Scenario,
  capabilities: PropagationCapabilities,
): PropagationPlan {
  const oneStore = oneCheckoutStore(layout) !== null;
  const [propagation, reason]: [Mechanism, PropagationReason] = layout.propagation
    ? [layout.propagation, 'layout']
    : capabilities.atomicCheckout
      ? ['single-transaction', 'one-transaction']
      : [scenario.propagation.strategy, oneStore ? 'no-transactions' : 'scenario'];
  const source = layout.roles.inventory;
  const engine = capabilities.sourceEngine;
  if (propagation === 'cdc' && engine !== null && engineOf(engine)?.capabilities.cdcSource !== true) {
    throw new UserError(cdcNeedsPostgres(layout.name, source, engine));
  }
  return {
    layout: layout.name,
    propagation,
    reason,
    source,
    targets: [
      { role: 'graph', store: layout.roles.graph },
      { role: 'analytics', store: layout.roles.analytics },
      { role: 'search', store: layout.roles.search },
    ],
    relay: propagation === 'outbox' || propagation === 'cdc',
  };
}

export function cdcNeedsPostgres(layout: string, store: string, kind: string): string {
  const why = kind === 'pglite' ? 'embedded PGlite has no logical decoding' : `${kind} is not PostgreSQL`;
  return (
    `layout ${layout}: propagation cdc reads PostgreSQL's change log, but inventory is on ${store} (${why}); ` +
    'run with --stores local or compose, or choose outbox or dual-write'
  );
}

/**
 * Before the stores open: what their engines (and settings) promise. An engine that commits a checkout at once on
 * some servers only (MongoDB: a replica set or mongos) counts as atomic here; the run finds out for sure.
 */
export function capabilitiesBeforeOpening(
  layout: ResolvedLayout,
  stores: Readonly<Record<string, StoreSpec>>,
): PropagationCapabilities {
  // A store not defined under stores: is named by its kind.
  const kindOf = (store: string) => stores[store]?.engine ?? store;
  const single = oneCheckoutStore(layout);
  // transactions: false asks the mongodb store never to use them (to measure the compensating path).
  const atomic =
    single !== null &&
    (engineOf(kindOf(single))?.capabilities.atomicCheckout ?? 'no') !== 'no' &&
    stores[single]?.options.transactions !== false;
  return { atomicCheckout: atomic, sourceEngine: kindOf(layout.roles.inventory) };
}

/** The one store holding every role a checkout writes, or null when they are spread over several. */
function oneCheckoutStore(layout: ResolvedLayout): string | null {
  const stores = new Set(CHECKOUT_WRITE_ROLES.map((role) => layout.roles[role]));
  return stores.size === 1 ? [...stores][0]! : null;
}
