// Checks that span sections, run after the schema accepted each section on its own: a layout's store names
// must exist (a store kind or a name under `stores:`), and the hot set must fit in the catalog.
import { STORE_KINDS } from '../stores/kinds.js';
import { formatDuration } from './duration.js';
import { measuredDurationMs, type Scenario } from './types.js';
import { suggestion } from './messages.js';
import type { Problem } from './problem.js';

function storeProblems(scenario: Scenario): Problem[] {
  const defined = Object.keys(scenario.stores);
  const known = [...defined, ...STORE_KINDS];
  const choices =
    `a store kind (${STORE_KINDS.join(', ')})` +
    (defined.length > 0
      ? ` or a store defined under stores: (${defined.join(', ')})`
      : ' or a name defined under stores:');
  const problems: Problem[] = [];
  scenario.layouts.forEach((layout, index) => {
    if (!('roles' in layout)) return;
    for (const [role, store] of Object.entries(layout.roles)) {
      if (store === undefined || known.includes(store)) continue;
      problems.push({
        path: ['layouts', index, 'roles', role],
        message: `unknown store "${store}"${suggestion(store, known)}; expected ${choices}`,
      });
    }
  });
  return problems;
}

function hotProductProblems(scenario: Scenario): Problem[] {
  const hot = scenario.journeys.hotProducts;
  const { products } = scenario.data;
  if (hot === null || hot.count <= products) return [];
  return [
    {
      path: ['journeys', 'hotProducts', 'count'],
      message: `expected at most data.products (${products}) hot products, got ${hot.count}`,
    },
  ];
}

function faultProblems(scenario: Scenario): Problem[] {
  const known = [...Object.keys(scenario.stores), ...STORE_KINDS];
  const measuredMs = measuredDurationMs(scenario.load);
  const problems: Problem[] = [];
  scenario.faults.forEach((fault, index) => {
    const target = fault.target;
    if (target && 'store' in target && !known.includes(target.store)) {
      problems.push({
        path: ['faults', index, 'store'],
        message: `unknown store "${target.store}"${suggestion(target.store, known)}; expected a store kind or a name defined under stores:`,
      });
    }
    if (fault.toMs > measuredMs) {
      problems.push({
        path: ['faults', index, 'to'],
        message: `expected the fault to end within the measured run (${formatDuration(measuredMs)}), got ${formatDuration(fault.toMs)}`,
      });
    }
  });
  return problems;
}

export function referenceProblems(scenario: Scenario): Problem[] {
  return [...storeProblems(scenario), ...hotProductProblems(scenario), ...faultProblems(scenario)];
}
