// The load phases as the scenario ran them, on the clock of the per-second series (second 0 = measure start):
// read from report.scenario.config, which the report types as unknown (it is the scenario after defaults).
// Anything not shaped like phases yields none rather than a guess.
import type { Report } from '../../metrics/types.js';

export interface PhaseSpan {
  name: string;
  fromS: number;
  toS: number;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function loadPhases(report: Report): PhaseSpan[] {
  const config = report.scenario.config;
  const load = isRecord(config) ? config.load : undefined;
  const phases = isRecord(load) ? load.phases : undefined;
  if (!Array.isArray(phases)) return [];
  const spans: PhaseSpan[] = [];
  let at = 0;
  for (const [i, phase] of phases.entries()) {
    if (!isRecord(phase) || typeof phase.durationMs !== 'number' || !(phase.durationMs >= 0)) return [];
    const name = typeof phase.name === 'string' && phase.name ? phase.name : `phase ${i + 1}`;
    spans.push({ name, fromS: at / 1000, toS: (at + phase.durationMs) / 1000 });
    at += phase.durationMs;
  }
  return spans;
}
