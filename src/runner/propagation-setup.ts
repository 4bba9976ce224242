// Builds a layout's propagation once the stores are open (docs/architecture.md): the write path, and the relay
// for outbox (polling) and cdc (logical decoding); dual-write and one transaction need none. Which propagation a
// layout gets is decided by planPropagation, the same function `validate` and the pre-load checks ask.
import { UserError } from '../errors.js';
import type { OpenedLayout } from '../layouts/open-layout.js';
import type { ResolvedLayout } from '../layouts/resolve.js';
import { openOutboxChangeFeed, type ChangeFeed } from '../propagation/cdc/postgres-change-feed.js';
import { CdcRelay } from '../propagation/cdc-relay.js';
import type { CommitLedger } from '../propagation/ledger.js';
import { OutboxRelay, type Relay } from '../propagation/outbox-relay.js';
import { cdcNeedsPostgres, planPropagation, type PropagationCapabilities } from '../propagation/plan.js';
import type { DerivedTarget } from '../propagation/targets.js';
import {
  dualWritePath,
  outboxWritePath,
  singleTransactionWritePath,
  type CommitHooks,
  type Mechanism,
  type WritePath,
} from '../propagation/write-path.js';
import type { AtomicCheckout, RoleImpls } from '../roles.js';
import type { Scenario, StoreSpec } from '../scenario/types.js';
import { engineOf } from '../stores/engine-lookup.js';
import { postgresNamespace } from '../stores/postgres/namespace.js';

/** What the opened stores can do, for planPropagation: the adapters know for sure. */
export function capabilitiesOfOpened(
  opened: Pick<OpenedLayout, 'atomicCheckout' | 'storeOf' | 'adapters'>,
): PropagationCapabilities {
  const inventory = opened.storeOf.inventory;
  return {
    atomicCheckout: opened.atomicCheckout !== null,
    sourceEngine: opened.adapters.get(inventory)?.kind ?? null,
  };
}

/**
 * The layout's propagation, from planPropagation. Kept for callers that know only whether the opened store commits
 * a checkout at once; the source engine is then left unknown and cdcSourceUrl refuses a non-PostgreSQL source.
 */
export function chooseMechanism(
  layout: ResolvedLayout,
  hasAtomicCheckout: boolean,
  scenario: Scenario,
): Mechanism {
  return planPropagation(layout, scenario, { atomicCheckout: hasAtomicCheckout, sourceEngine: null })
    .propagation;
}

export interface PropagationInput {
  mechanism: Mechanism;
  layout: ResolvedLayout;
  opened: OpenedLayout;
  /** The layout's roles as the load sees them (timed, and gated where faults hit). */
  roles: RoleImpls;
  /** The one-transaction checkout, wrapped the same way; null when the store has none. */
  atomic: AtomicCheckout | null;
  targets: readonly DerivedTarget[];
  ledger: CommitLedger;
  hooks: CommitHooks;
  scenario: Scenario;
  /** The cdc source, opened beforehand (see openChangeFeed); null for the other strategies. */
  feed: ChangeFeed | null;
  relayApplyDelayMs?: number;
}

export interface Propagation {
  writePath: WritePath;
  relay: Relay | null;
}

/**
 * cdc only: opens the change feed (a replication slot, a publication: a few hundred ms), before the load's clock
 * starts so that time is not charged to the first arrivals.
 */
export async function openChangeFeed(
  mechanism: Mechanism,
  layout: ResolvedLayout,
  opened: Pick<OpenedLayout, 'storeOf' | 'adapters'>,
  stores: Record<string, StoreSpec>,
): Promise<ChangeFeed | null> {
  if (mechanism !== 'cdc') return null;
  const url = cdcSourceUrl(layout, opened, stores);
  // The source store's outbox is in its namespace's schema, read from the same settings the store was opened with.
  const namespace = postgresNamespace(stores[opened.storeOf.inventory]?.options);
  return openOutboxChangeFeed(url, namespace);
}

export function setUpPropagation(input: PropagationInput): Propagation {
  const writePath = writePathOf(input);
  switch (input.mechanism) {
    case 'single-transaction':
    case 'dual-write':
      return { writePath, relay: null };
    case 'outbox': {
      const relay = new OutboxRelay(input.roles.inventory, input.targets, input.ledger, {
        pollIntervalMs: input.scenario.propagation.pollIntervalMs,
        batchSize: input.scenario.propagation.batchSize,
        applyDelayMs: input.relayApplyDelayMs,
      });
      return { writePath, relay };
    }
    case 'cdc': {
      if (!input.feed) throw new Error(`layout ${input.layout.name}: cdc propagation without a change feed`);
      const relay = new CdcRelay(input.feed, input.roles.inventory, input.targets, input.ledger);
      if (input.relayApplyDelayMs) relay.setApplyDelayMs(input.relayApplyDelayMs);
      return { writePath, relay };
    }
  }
}

/**
 * The checkout's write path alone: what a worker thread of `run --workers` needs (the relay, if any, runs in the
 * main thread and reads what the workers' checkouts wrote to the outbox).
 */
export function writePathOf(
  input: Pick<PropagationInput, 'mechanism' | 'roles' | 'atomic' | 'targets' | 'hooks'> & {
    layout: Pick<ResolvedLayout, 'name'>;
    opened: Pick<OpenedLayout, 'atomicClearsCart'>;
  },
): WritePath {
  const { mechanism, roles, hooks } = input;
  switch (mechanism) {
    case 'single-transaction':
      if (!input.atomic) {
        throw new Error(
          `layout ${input.layout.name}: single-transaction propagation without an atomic store`,
        );
      }
      return singleTransactionWritePath(input.atomic, roles.sessions, input.opened.atomicClearsCart, hooks);
    case 'dual-write':
      return dualWritePath(roles, input.targets, hooks);
    case 'outbox':
      return outboxWritePath(roles, hooks);
    case 'cdc':
      return outboxWritePath(roles, hooks, 'cdc');
  }
}

/** cdc reads PostgreSQL's logical decoding: the inventory store must be an engine that offers it, with a URL. */
export function cdcSourceUrl(
  layout: ResolvedLayout,
  opened: Pick<OpenedLayout, 'storeOf' | 'adapters'>,
  stores: Record<string, StoreSpec>,
): string {
  const store = opened.storeOf.inventory;
  const kind = opened.adapters.get(store)?.kind ?? store;
  const url = stores[store]?.url;
  if (engineOf(kind)?.capabilities.cdcSource !== true || !url) {
    throw new UserError(cdcNeedsPostgres(layout.name, store, kind));
  }
  return url;
}
