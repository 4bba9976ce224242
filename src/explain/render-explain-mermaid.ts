// `explain --mermaid`: each layout as a Mermaid flowchart — the shopper's actions as solid edges to the stores they
// touch, the analysts' queries likewise, and a checkout's propagation as dotted edges from the source store to
// each derived store (labelled with how it travels). Reads LayoutFlow only.
import type { LayoutFlow } from './layout-flow.js';

export function renderExplainMermaid(flows: readonly LayoutFlow[]): string {
  return flows.map((flow) => `\`\`\`mermaid\n${flowchart(flow)}\`\`\`\n`).join('\n');
}

function flowchart(flow: LayoutFlow): string {
  const lines = ['flowchart LR', `  %% layout ${flow.layout}: propagation ${flow.plan.propagation}`];
  lines.push('  shopper((shopper))');
  if (flow.analysts) lines.push('  analyst((analyst))');
  const rolesOf = new Map<string, string[]>();
  for (const r of flow.roles) rolesOf.set(r.store, [...(rolesOf.get(r.store) ?? []), r.role]);
  for (const [store, roles] of rolesOf) lines.push(`  ${id(store)}[("${store}<br/>${roles.join(', ')}")]`);

  // One edge per store, labelled with the actions that touch it, in journey order.
  const touches = new Map<string, string[]>();
  for (const action of flow.actions) {
    for (const call of action.calls) {
      const list = touches.get(call.store) ?? [];
      if (!list.includes(action.operation)) list.push(action.operation);
      touches.set(call.store, list);
    }
  }
  for (const [store, actions] of touches) lines.push(`  shopper -->|"${actions.join(', ')}"| ${id(store)}`);
  const queried = new Map<string, string[]>();
  for (const { query, call } of flow.analysts?.queries ?? []) {
    queried.set(call.store, [...(queried.get(call.store) ?? []), query]);
  }
  for (const [store, queries] of queried) lines.push(`  analyst -->|"${queries.join(', ')}"| ${id(store)}`);

  const by = flow.plan.relay ? `${flow.plan.propagation} relay` : flow.plan.propagation;
  for (const write of flow.writes) {
    // A dual write comes from the request (the shopper's checkout edge already shows it), not from the source.
    if (write.by !== 'by the relay' || write.store === flow.plan.source) continue;
    lines.push(`  ${id(flow.plan.source)} -.->|"${by}"| ${id(write.store)}`);
  }
  return `${lines.join('\n')}\n`;
}

/** Mermaid node ids: letters, digits and underscores. */
function id(store: string): string {
  return `s_${store.replace(/[^A-Za-z0-9_]/g, '_')}`;
}
