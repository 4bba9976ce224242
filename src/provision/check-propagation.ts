// Before any load: a layout that propagates by cdc needs its inventory on a PostgreSQL server that can do
// logical decoding. Said in one line, naming the layout and the store, instead of failing after the bulk load.
import { UserError } from '../errors.js';
import type { ResolvedLayout } from '../layouts/resolve.js';
import { logicalDecodingSupport } from '../propagation/cdc/postgres-change-feed.js';
import { capabilitiesBeforeOpening, planPropagation } from '../propagation/plan.js';
import type { Scenario, StoreSpec } from '../scenario/types.js';
import { redactedAddress } from '../stores/server-address.js';

/**
 * Plans each layout's propagation from what its engines promise (planPropagation refuses cdc on anything but
 * PostgreSQL), then asks every cdc source server, once per URL, whether logical decoding is on. A one-store layout
 * whose server turns out to have no transactions (mongo-java-server) is re-planned when it opens.
 */
export async function checkPropagation(
  scenario: Scenario,
  layouts: readonly ResolvedLayout[],
  stores: Record<string, StoreSpec>,
): Promise<void> {
  const checked = new Set<string>();
  for (const layout of layouts) {
    const plan = planPropagation(layout, scenario, capabilitiesBeforeOpening(layout, stores));
    if (plan.propagation !== 'cdc') continue;
    const url = stores[plan.source]?.url;
    if (!url) {
      throw new UserError(
        `layout ${layout.name}: propagation cdc needs a server URL for store ${plan.source}: ` +
          `set stores.${plan.source}.url, or run with --stores local or compose`,
      );
    }
    if (checked.has(url)) continue;
    checked.add(url);
    const support = await logicalDecodingSupport(url);
    if (!support.ok) {
      throw new UserError(
        `layout ${layout.name}: propagation cdc needs logical decoding on store ${plan.source} at ` +
          `${redactedAddress(url)}: ${support.reason}`,
      );
    }
  }
}
