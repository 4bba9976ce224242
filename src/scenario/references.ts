// Checks that span sections, run after the schema accepted each section on its own: a layout's store names
// must exist (a store kind or a name under `stores:`), and the hot set must fit in the catalog.
import { ROLE_NAMES } from '../roles.js';
import { engineOf } from '../stores/engine-lookup.js';
import { STORE_KINDS } from '../stores/kinds.js';
import { formatDuration } from './duration.js';
import { measuredDurationMs, type Scenario } from './types.js';
import { suggestion } from './messages.js';
import type { Problem } from './problem.js';
import { sizeProblems } from './size-problems.js';
import { windowProblems } from './window-problems.js';

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

/**
 * A role put on a store whose engine cannot serve it (search on MongoDB, say) would fail when the stores open;
 * said here in one line naming the layout, the role and the store.
 */
function roleServiceProblems(scenario: Scenario): Problem[] {
  const problems: Problem[] = [];
  scenario.layouts.forEach((layout, index) => {
    if (!('roles' in layout)) return;
    for (const role of ROLE_NAMES) {
      const store = layout.roles[role] ?? layout.roles.default;
      if (store === undefined) continue;
      const kind = scenario.stores[store]?.engine ?? store;
      const engine = engineOf(kind);
      if (!engine || engine.roles.includes(role)) continue;
      problems.push({
        path: ['layouts', index, 'roles', layout.roles[role] === undefined ? 'default' : role],
        message:
          `layout "${layout.name}" puts role ${role} on store "${store}", but ${engine.engine} (${kind}) cannot ` +
          `serve ${role}; it serves ${engine.roles.join(', ')}`,
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
  return [
    ...storeProblems(scenario),
    ...roleServiceProblems(scenario),
    ...hotProductProblems(scenario),
    ...faultProblems(scenario),
    ...windowProblems(scenario),
    ...sizeProblems(scenario),
  ];
}
