// The terminal form of `explain`: per layout, who serves each role, what each user action touches in order, how a
// checkout's writes propagate, and what can be read stale. Reads LayoutFlow only.
import type { ExplainedCall, JourneyShape, LayoutFlow, PlannedFootprint } from './layout-flow.js';

export function renderExplainText(flows: readonly LayoutFlow[]): string {
  return flows.map(renderLayout).join('\n');
}

function renderLayout(flow: LayoutFlow): string {
  const lines: string[] = [`layout ${flow.layout} — propagation ${flow.plan.propagation}: ${flow.why}`];
  for (const note of flow.notes) lines.push(`  note: ${note}`);

  lines.push('  roles');
  const storeWidth = Math.max(...flow.roles.map((r) => r.store.length));
  const roleWidth = Math.max(...flow.roles.map((r) => r.role.length));
  for (const r of flow.roles) {
    const where = r.embedded ? 'embedded' : 'server';
    lines.push(`    ${r.role.padEnd(roleWidth)}  ${r.store.padEnd(storeWidth)}  ${r.engine} (${where})`);
  }

  lines.push('  what each user action touches, in order');
  for (const action of flow.actions) {
    lines.push(`    ${action.operation}`);
    action.calls.forEach((call, index) => lines.push(...wrapped(`      ${index + 1}. `, callText(call))));
  }
  if (flow.analysts) {
    const every = flow.analysts.everyMs / 1000;
    lines.push(`    analysts, every ${every} s`);
    for (const { query, call } of flow.analysts.queries)
      lines.push(...wrapped(`      ${query}: `, callText(call)));
  }

  if (flow.footprint) lines.push(...footprintText(flow.footprint));

  lines.push('  journeys');
  for (const journey of flow.journeys) lines.push(`    ${journeyText(journey)}`);

  lines.push(`  how a checkout's writes reach the derived stores (${flow.plan.propagation})`);
  if (flow.relay) lines.push(`    ${flow.relay}`);
  for (const write of flow.writes) {
    const how =
      write.by === 'in the commit'
        ? `in the checkout's own transaction (${write.call.role}.${write.call.method})`
        : `${write.by}: ${write.call.role}.${write.call.method}${write.call.note ? ` (${write.call.note})` : ''}`;
    lines.push(`    ${flow.plan.source} → ${write.target}  ${how}`);
  }

  lines.push('  what can be read stale');
  for (const stale of flow.stale) {
    if (stale.window === null) {
      lines.push(`    ${stale.target}: never (written in the same transaction as the stock)`);
      continue;
    }
    lines.push(`    ${stale.target}: ${stale.window}`);
    for (const reader of stale.readers) {
      const risk = reader.readYourWritesRisk
        ? " — right after the shopper's own checkout: read-your-writes risk"
        : '';
      const who = flow.actions.some((a) => a.operation === reader.operation)
        ? reader.operation
        : `the analysts' ${reader.operation}`;
      lines.push(`      read by ${who} (${reader.call.role}.${reader.call.method})${risk}`);
    }
    if (stale.readers.length === 0) lines.push('      no user action of this scenario reads it');
  }
  return `${lines.join('\n')}\n`;
}

const WIDTH = 100;

/** A line too wide for the terminal goes on at its last " — " (the note), indented under the call. */
function wrapped(prefix: string, text: string): string[] {
  const line = prefix + text;
  const cut = text.lastIndexOf(' — ');
  if (line.length <= WIDTH || cut < 0) return [line];
  return [prefix + text.slice(0, cut), `${' '.repeat(prefix.length + 6)}${text.slice(cut + 3)}`];
}

function callText(call: ExplainedCall): string {
  const also = call.alsoWrites?.length ? ` + ${call.alsoWrites.join(', ')}` : '';
  const note = call.note ? ` — ${call.note}` : '';
  const when = call.when ? ` [${call.when}]` : '';
  return `${call.access.padEnd(5)} ${call.role}.${call.method} @ ${call.store}${also}${note}${when}`;
}

function journeyText(journey: JourneyShape): string {
  const steps = journey.steps.map((step) => {
    const name = step.operations.join(' | ');
    if (step.max === 1) return name;
    return step.min === step.max ? `${name} ×${step.min}` : `${name} ×${step.min}–${step.max}`;
  });
  return `${journey.name} (weight ${journey.weight}): ${steps.join(' → ')}`;
}

/** What the layout needs to run and watch, before any load; `run` measures sizes, connections and bytes on the wire. */
function footprintText(f: PlannedFootprint): string[] {
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : word.endsWith('s') ? 'es' : 's'}`;
  const trips = Object.entries(f.roundTrips)
    .map(([op, n]) => `${op} ${n}`)
    .join(', ');
  return [
    '  footprint (from the plan; `run` measures data size, connections and bytes on the wire per store)',
    `    ${plural(f.engines.length, 'engine')} (${f.engines.join(', ')}), ${plural(f.serverProcesses, 'server process')}`,
    ...f.stores.map(
      (s) => `    ${s.store}: ${s.engine}${s.embedded ? ' (embedded)' : ' (server)'} — ${s.roles.join(', ')}`,
    ),
    `    each order in ${f.copiesPerOrder} copies over ${plural(f.orderStores.length, 'store')} (${f.orderStores.join(', ')})`,
    ...wrapped('    round trips per action: ', trips),
    `    cross-store queries in one statement: ${f.oneStatement.length ? f.oneStatement.join(', ') : 'none (joined in the application)'}`,
  ];
}
