// The thresholds verdict as the run recorded it (src/verdict): pass or fail overall, then every threshold per
// layout with ✓/✗, the threshold as written, the figure the report holds (the terminal's words) and the layout.
// Reports written before verdicts have none, and get no section.
import type { Report } from '../../metrics/types.js';
import type { ThresholdOutcome, Verdict } from '../../verdict/types.js';
import { formatObserved } from '../summary-verdict.js';
import { escapeHtml } from './escape.js';
import { htmlTable, type CellInput } from './table.js';

const STATUS: Record<ThresholdOutcome['status'], string> = {
  pass: '<span class="badge ok">✓ pass</span>',
  fail: '<span class="badge bad">✗ fail</span>',
  unknown: '<span class="badge bad">✗ unknown</span>',
};

function headline(verdict: Verdict): string {
  const judged = verdict.outcomes.length;
  const text =
    verdict.failed === 0 ? `PASS — all ${judged} met` : `FAIL — ${verdict.failed} of ${judged} not met`;
  const note =
    verdict.scenarioThresholds === 0
      ? 'The scenario sets no thresholds; failed invariants still fail the run.'
      : verdict.implicitInvariants
        ? 'invariants: ok is judged too (the scenario sets none): failed invariants fail a run.'
        : '';
  return (
    `<p class="verdict-overall ${verdict.ok ? 'ok' : 'bad'}" data-verdict="${verdict.ok ? 'pass' : 'fail'}">` +
    `<strong>${escapeHtml(text)}</strong></p>${note ? `<p class="legend">${escapeHtml(note)}</p>` : ''}`
  );
}

export function verdictSection(report: Report): string {
  const verdict = report.verdict;
  if (!verdict) return '';
  const rows = verdict.outcomes.map((outcome): CellInput[] => [
    { html: STATUS[outcome.status] ?? escapeHtml(String(outcome.status)) },
    `${outcome.key}: ${outcome.expression}${outcome.implicit ? ' (implicit)' : ''}`,
    { text: formatObserved(outcome), className: outcome.status === 'pass' ? undefined : 'bad' },
    outcome.scoped ? `${outcome.layout} only` : outcome.layout,
  ]);
  return (
    '<section id="verdict"><h2>Thresholds</h2>' +
    headline(verdict) +
    (rows.length
      ? htmlTable([['', 'threshold', 'observed', 'layout']], rows, { className: 'verdict' })
      : '') +
    '</section>'
  );
}
