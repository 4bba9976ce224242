// Before any load: every layout's role → store must be servable by that store's engine (its descriptor's roles).
// Validate checks the inline layouts of the scenario file; this covers the resolved plan (built-in layouts on the
// preset's engines, stores named by the environment) so no layout fails at open after earlier layouts ran.
import { UserError } from '../errors.js';
import type { ResolvedLayout } from '../layouts/resolve.js';
import { ROLE_NAMES } from '../roles.js';
import type { StoreSpec } from '../scenario/types.js';
import { engineOf } from '../stores/engine-lookup.js';

export function checkRoleEngines(
  layouts: readonly ResolvedLayout[],
  stores: Record<string, StoreSpec>,
): void {
  for (const layout of layouts) {
    for (const role of ROLE_NAMES) {
      const store = layout.roles[role];
      const kind = stores[store]?.engine ?? store;
      const engine = engineOf(kind);
      if (!engine || engine.roles.includes(role)) continue;
      throw new UserError(
        `layout "${layout.name}" puts role ${role} on store "${store}" (${kind}), which serves only: ` +
          engine.roles.join(', '),
      );
    }
  }
}
