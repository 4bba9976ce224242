// A traced journey as a Mermaid sequence diagram: the shopper's calls to each store in time order, interleaved
// with the relay's and the readers' (where a store serves both at once, the diagram shows who waited for whom),
// and a note per derived store saying when the write was applied and seen. Paste it into Markdown or mermaid.live.
import type { RoleName } from '../roles.js';
import { formatDuration } from '../report/format.js';
import type { LayoutTrace } from './trace-layout.js';
import { commitInstant } from './waterfall-rows.js';

export function renderTraceMermaid(traced: LayoutTrace): string {
  const { trace } = traced;
  const lines = [
    'sequenceDiagram',
    `  title ${trace.journey} on ${traced.layout} (${traced.plan.propagation})`,
  ];
  lines.push('  actor shopper');
  const rolesOf = new Map<string, RoleName[]>();
  for (const [role, binding] of Object.entries(traced.roles) as Array<[RoleName, { store: string }]>) {
    rolesOf.set(binding.store, [...(rolesOf.get(binding.store) ?? []), role]);
  }
  for (const [store, roles] of rolesOf) {
    lines.push(`  participant ${id(store)} as ${store}<br/>${roles.join(', ')}`);
  }
  const sources = new Set(trace.calls.map((call) => call.source));
  if (sources.has('relay')) lines.push('  participant relay');
  if (sources.has('probe')) lines.push('  participant reader as reader (probe)');

  const folded = new Map<string, number>();
  const events = [
    ...trace.steps.map((step) => ({ at: step.startUs, step })),
    ...trace.calls.map((call) => ({ at: call.startUs, call })),
  ].sort((a, b) => a.at - b.at || ('step' in a ? -1 : 1));
  for (const event of events) {
    if ('step' in event) {
      const step = event.step;
      const outcome = step.outcome === 'ok' ? '' : `, ${step.outcome}`;
      lines.push(`  Note over shopper: ${step.name} (${formatDuration(step.durationUs)}${outcome})`);
      continue;
    }
    const call = event.call;
    const from = call.source === 'operation' ? 'shopper' : call.source === 'relay' ? 'relay' : 'reader';
    const text = `${call.critical ? '★ ' : ''}${call.role}.${call.method} ${formatDuration(call.durationUs)}`;
    if (call.source === 'probe') {
      // Repeated reads of one store are one line: how many, and the last one's answer is the note below.
      const key = `${call.store}.${call.role}.${call.method}`;
      folded.set(key, (folded.get(key) ?? 0) + 1);
      if (folded.get(key)! > 1) continue;
    }
    lines.push(`  ${from}->>${id(call.store)}: ${text}${call.ok ? '' : ' FAILED'}`);
  }
  for (const [key, count] of folded) {
    if (count > 1) lines.push(`  Note over reader: ${key.split('.').slice(1).join('.')} read ${count} times`);
  }
  const commitUs = commitInstant(trace) ?? 0;
  const since = (us: number | null) => (us === null ? 'never' : `+${formatDuration(us - commitUs)}`);
  const oneTransaction = traced.plan.propagation === 'single-transaction';
  for (const target of trace.propagation) {
    const store = target.target.split('@')[1] ?? target.target;
    const applied = oneTransaction ? 'written in the commit' : `applied ${since(target.appliedUs)}`;
    const visible =
      target.visibleUs === null ? 'not seen before the probe timeout' : `seen ${since(target.visibleUs)}`;
    lines.push(`  Note over ${id(store)}: ${target.target} ${applied}, ${visible} (since the commit)`);
  }
  return `${lines.join('\n')}\n`;
}

/** Mermaid participant ids: letters, digits and underscores. */
function id(store: string): string {
  return `s_${store.replace(/[^A-Za-z0-9_]/g, '_')}`;
}
