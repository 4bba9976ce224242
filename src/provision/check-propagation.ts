// Before any load: a layout that propagates by cdc needs its inventory on a PostgreSQL server that can do
// logical decoding. Said in one line, naming the layout and the store, instead of failing after the bulk load.
import { UserError } from '../errors.js';
import { CHECKOUT_WRITE_ROLES } from '../layouts/open-layout.js';
import type { ResolvedLayout } from '../layouts/resolve.js';
import { logicalDecodingSupport } from '../propagation/cdc/postgres-change-feed.js';
import type { Scenario, StoreSpec } from '../scenario/types.js';
import { cdcNeedsPostgres, chooseMechanism } from '../runner/propagation-setup.js';
import { redactedAddress } from '../stores/server-address.js';

/**
 * Whether the layout will propagate by cdc. Before the stores open, a layout whose checkout writes go to one store
 * is taken to commit in one transaction; a one-store layout that cannot (mongo-java-server) is caught when it opens.
 */
function usesCdc(layout: ResolvedLayout, scenario: Scenario): boolean {
  const oneStore = new Set(CHECKOUT_WRITE_ROLES.map((role) => layout.roles[role])).size === 1;
  return chooseMechanism(layout, oneStore, scenario) === 'cdc';
}

export async function checkPropagation(
  scenario: Scenario,
  layouts: readonly ResolvedLayout[],
  stores: Record<string, StoreSpec>,
): Promise<void> {
  const checked = new Set<string>();
  for (const layout of layouts) {
    if (!usesCdc(layout, scenario)) continue;
    const store = layout.roles.inventory;
    const spec = stores[store] ?? { engine: store, url: null };
    if (spec.engine !== 'postgres' || !spec.url) {
      throw new UserError(cdcNeedsPostgres(layout.name, store, spec.engine));
    }
    if (checked.has(spec.url)) continue;
    checked.add(spec.url);
    const support = await logicalDecodingSupport(spec.url);
    if (!support.ok) {
      throw new UserError(
        `layout ${layout.name}: propagation cdc needs logical decoding on store ${store} at ` +
          `${redactedAddress(spec.url)}: ${support.reason}`,
      );
    }
  }
}
