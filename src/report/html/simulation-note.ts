// A simulated report (`polyglot-bench simulate`) says so before anything else: no figure of it was measured.
import type { Report } from '../../metrics/types.js';
import { escapeHtml } from './escape.js';

export function simulationNote(report: Report): string {
  const simulation = report.simulation;
  if (!simulation) return '';
  const whatIfs = simulation.whatIfs.length ? ` What-ifs: ${simulation.whatIfs.join(', ')}.` : '';
  return (
    '<div class="callout bad" id="simulated"><strong>Simulated, not measured.</strong> ' +
    escapeHtml(`A model calibrated on ${simulation.calibration}.${whatIfs} ${simulation.model.join(' ')}`) +
    '</div>'
  );
}
