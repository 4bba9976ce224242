// Before anything is generated or loaded: the data must fit in this process with the stores the run actually got.
// Validate can only judge layouts the scenario file maps to embedded stores by name; a built-in layout runs on
// embedded engines or on servers depending on --stores, and on embedded engines the streamed data (history, follows,
// likes) all stays in this process (src/scenario/size-problems.ts says what each part costs).
import { UserError } from '../errors.js';
import type { ResolvedLayout } from '../layouts/resolve.js';
import { HISTORY_ROLES, isEmbeddedStore, sizeProblemsFor } from '../scenario/size-problems.js';
import type { DataSpec, StoreSpec } from '../scenario/types.js';

export function checkDataSize(
  data: DataSpec,
  layouts: readonly ResolvedLayout[],
  stores: Record<string, StoreSpec>,
  heapLimit?: number,
): void {
  const inProcess = layouts.some((layout) =>
    HISTORY_ROLES.some((role) => isEmbeddedStore(layout.roles[role], stores)),
  );
  const problem = sizeProblemsFor(data, inProcess ? 'in-process' : 'on-servers', heapLimit)[0];
  if (problem) throw new UserError(`${problem.path.join('.')}: ${problem.message}`);
}
