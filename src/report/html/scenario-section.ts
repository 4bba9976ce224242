// The scenario as it ran (after defaults; durations in milliseconds), as YAML: what to copy to run it again.
import { stringify } from 'yaml';
import type { Report } from '../../metrics/types.js';
import { escapeHtml } from './escape.js';

export function scenarioSection(report: Report): string {
  const text = stringify(report.scenario.config ?? null, { lineWidth: 0 });
  return (
    '<section id="scenario"><h2>Scenario</h2>' +
    `<p class="legend">${escapeHtml(`${report.scenario.file}, seed ${report.scenario.seed}, after defaults (durations in ms)`)}</p>` +
    `<details open><summary>scenario as run</summary><pre class="scenario">${escapeHtml(text)}</pre></details>` +
    '</section>'
  );
}
