// Everything one store is asked in a micro run: the roles it serves, in the order of ROLE_NAMES, each with its
// operations. A role the store does not serve contributes nothing, so its column stays empty in the table.
import type { Dataset } from '../domain.js';
import { ROLE_NAMES, type RoleImpls, type RoleName } from '../roles.js';
import type { ArgumentPools } from './arguments.js';
import { inventoryPlan } from './inventory-operations.js';
import type { RolePlan } from './operation.js';
import { analyticsPlan, catalogPlan, graphPlan, ordersPlan } from './query-operations.js';
import { searchPlan } from './search-operations.js';
import { sessionsPlan } from './session-operations.js';

type PlanBuilder<R extends RoleName> = (
  impl: RoleImpls[R],
  dataset: Dataset,
  pools: ArgumentPools,
) => RolePlan;

const BUILDERS: { [R in RoleName]: PlanBuilder<R> } = {
  sessions: sessionsPlan,
  catalog: catalogPlan,
  inventory: inventoryPlan,
  orders: ordersPlan,
  graph: graphPlan,
  analytics: analyticsPlan,
  search: searchPlan,
};

function planFor<R extends RoleName>(
  role: R,
  impl: RoleImpls[R],
  dataset: Dataset,
  pools: ArgumentPools,
): RolePlan {
  return BUILDERS[role](impl, dataset, pools);
}

export function storePlan(roles: Partial<RoleImpls>, dataset: Dataset, pools: ArgumentPools): RolePlan[] {
  const plans: RolePlan[] = [];
  for (const role of ROLE_NAMES) {
    const impl = roles[role];
    if (impl) plans.push(planFor(role, impl, dataset, pools));
  }
  return plans;
}
