// Before any load: a layout that propagates by cdc needs its inventory on a PostgreSQL server that can do
// logical decoding. Said in one line, naming the layout and the store, instead of failing after the bulk load.
import { UserError } from '../errors.js';
import type { ResolvedLayout } from '../layouts/resolve.js';
import { logicalDecodingSupport } from '../propagation/cdc/postgres-change-feed.js';
import type { Scenario, StoreSpec } from '../scenario/types.js';
import { cdcNeedsPostgres } from '../runner/propagation-setup.js';
import { redactedAddress } from '../stores/server-address.js';

const CHECKOUT_WRITE_ROLES = ['inventory', 'orders', 'graph', 'analytics'] as const;

/** Whether the layout will propagate by cdc (a one-store layout commits in one transaction unless it says cdc). */
function usesCdc(layout: ResolvedLayout, scenario: Scenario): boolean {
  if (layout.propagation) return layout.propagation === 'cdc';
  const writeStores = new Set(CHECKOUT_WRITE_ROLES.map((role) => layout.roles[role]));
  return scenario.propagation.strategy === 'cdc' && writeStores.size > 1;
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
