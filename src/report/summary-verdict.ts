// The verdict block: each threshold per layout with ✓ or ✗, the threshold as written, the figure the report
// holds, and the layout. An unknown figure shows as ✗ "unknown" with the reason (src/verdict/evaluate.ts).
import type { ObservedFigure, ThresholdOutcome, Verdict } from '../verdict/types.js';
import { formatCount, formatDuration, formatPercent } from './format.js';
import { compactTable } from './summary-style.js';
import type { Paint } from './style.js';

function formatValue(unit: ObservedFigure['unit'], value: number): string {
  switch (unit) {
    case 'us':
      return formatDuration(value);
    case 'fraction':
      return formatPercent(value);
    case 'count':
      return formatCount(value);
    case 'ok':
      return value === 1 ? 'OK' : 'FAILED';
  }
}

export function formatObserved(outcome: ThresholdOutcome): string {
  const figure = outcome.observed;
  if (!figure) return `unknown: ${outcome.why ?? 'no data'}`;
  const parts = figure.parts
    ? ` (${formatCount(figure.parts.count)} of ${formatCount(figure.parts.of)})`
    : '';
  if (figure.atMost === figure.atLeast) {
    // An exact figure with a note stands for something the note says better ("one transaction: no apply lag").
    if (figure.note) return figure.note;
    if (figure.unit === 'count' && figure.parts)
      return `${formatCount(figure.parts.count)} of ${formatCount(figure.parts.of)}`;
    return `${formatValue(figure.unit, figure.atLeast)}${figure.unit === 'fraction' ? parts : ''}`;
  }
  const range =
    figure.atMost === null
      ? `≥ ${formatValue(figure.unit, figure.atLeast)}`
      : `${formatValue(figure.unit, figure.atLeast)}–${formatValue(figure.unit, figure.atMost)}`;
  return outcome.status === 'unknown' ? `unknown: ${range} (${outcome.why ?? 'bounds only'})` : range;
}

function mark(outcome: ThresholdOutcome, paint: Paint): string {
  return outcome.status === 'pass' ? paint.green('✓') : paint.red('✗');
}

/**
 * What the verdict does to the exit code: fails the run (run), is ignored (run --no-thresholds), or was
 * recorded by an earlier run (report re-renders it and judges nothing).
 */
export type VerdictEffect = 'enforced' | 'ignored' | 'recorded';

const EFFECT_WORDS: Record<VerdictEffect, string> = {
  enforced: ' (exit code 1)',
  ignored: ' · --no-thresholds: the exit code ignores it',
  recorded: ' (as the run recorded it)',
};

function headline(verdict: Verdict, effect: VerdictEffect, paint: Paint): string {
  const judged = verdict.outcomes.length;
  const result =
    verdict.failed === 0
      ? paint.green(`PASS — all ${judged} met`)
      : paint.red(`FAIL — ${verdict.failed} of ${judged} not met`);
  return `thresholds: ${result}${verdict.failed === 0 && effect === 'enforced' ? '' : EFFECT_WORDS[effect]}`;
}

export function verdictLines(
  verdict: Verdict,
  effect: VerdictEffect,
  color: boolean,
  paint: Paint,
): string[] {
  // No thresholds of the scenario's own and nothing failed: one line says what was judged and why.
  if (verdict.scenarioThresholds === 0 && verdict.failed === 0) {
    return [
      `thresholds: none set · ${paint.green('invariants ok')} in every layout (failed ones would exit 1)`,
    ];
  }
  const lines = [headline(verdict, effect, paint)];
  if (verdict.scenarioThresholds === 0)
    lines.push('  the scenario sets no thresholds; failed invariants still fail the run (exit code 1)');
  else if (verdict.implicitInvariants)
    lines.push('  invariants: ok is judged too (the scenario sets none): failed invariants fail a run');
  const table = compactTable(['', 'threshold', 'observed', 'layout'], color, [
    'left',
    'left',
    'left',
    'left',
  ]);
  for (const outcome of verdict.outcomes) {
    table.push([
      mark(outcome, paint),
      `${outcome.key}: ${outcome.expression}`,
      formatObserved(outcome),
      outcome.layout,
    ]);
  }
  lines.push(table.toString());
  return lines;
}
