// Several layouts' traces of the same journey, step by step side by side: the one-glance answer to "where does
// polyglot persistence cost the shopper, and where does it save".
import { formatDuration } from '../report/format.js';
import type { LayoutTrace } from './trace-layout.js';
import { commitInstant } from './waterfall-rows.js';

export function renderTraceComparison(traces: readonly LayoutTrace[]): string {
  if (traces.length < 2) return '';
  const first = traces[0]!;
  const targets = [
    ...new Set(traces.flatMap((t) => t.trace.propagation.map((p) => p.target.split('@')[0]!))),
  ];
  const nameWidth = Math.max(
    12,
    ...first.trace.steps.map((step) => step.name.length),
    ...targets.map((role) => `${role} visible`.length),
  );
  const columns = traces.map((t) => Math.max(10, t.layout.length));
  const cell = (text: string, width: number) => text.padStart(width);
  const lines = [
    `same journey, side by side (${first.trace.journey}):`,
    `  ${'step'.padEnd(nameWidth)} ${traces.map((t, i) => cell(t.layout, columns[i]!)).join(' ')}`,
  ];
  // The journey is the same seeded one on every layout, so its steps line up one to one.
  first.trace.steps.forEach((step, index) => {
    const cells = traces.map((t, i) => cell(formatDuration(t.trace.steps[index]?.durationUs), columns[i]!));
    lines.push(`  ${step.name.padEnd(nameWidth)} ${cells.join(' ')}`);
  });
  const totals = traces.map((t, i) =>
    cell(formatDuration(t.trace.steps.reduce((sum, s) => sum + s.durationUs, 0)), columns[i]!),
  );
  lines.push(`  ${'total'.padEnd(nameWidth)} ${totals.join(' ')}`);
  for (const role of targets) {
    const cells = traces.map((t, i) => {
      const target = t.trace.propagation.find((p) => p.target.startsWith(`${role}@`));
      const commitUs = commitInstant(t.trace) ?? 0;
      const visible = target?.visibleUs ?? null;
      return cell(visible === null ? 'not seen' : `+${formatDuration(visible - commitUs)}`, columns[i]!);
    });
    lines.push(`  ${`${role} visible`.padEnd(nameWidth)} ${cells.join(' ')}`);
  }
  return `${lines.join('\n')}\n`;
}
