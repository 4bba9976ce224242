// The top of the page: what ran, where, when; the embedded-engines note where it applies (prominently: it changes
// how every number reads); an interrupted run's banner; what the latency columns mean; the contents.
import type { Report } from '../../metrics/types.js';
import { LATENCY_MEANING, WINDOW_MEANING } from '../terminal.js';
import { escapeHtml } from './escape.js';
import { simulationNote } from './simulation-note.js';

/** The contents: each rendered section's id and heading, read from its markup. */
function contents(sections: string[]): string {
  const links = sections.flatMap((html) => {
    const match = /^<section id="([^"]+)"><h2>([^<]+)<\/h2>/.exec(html);
    return match ? [`<a href="#${match[1]}">${match[2]}</a>`] : [];
  });
  return `<nav>${links.join(' · ')}</nav>`;
}

export function headerSection(report: Report, sections: string[]): string {
  const env = report.environment;
  const layouts = report.layouts.map((l) => l.layout).join(' vs ');
  const parts = [
    `<h1>${escapeHtml(report.scenario.name)} <small>${escapeHtml(layouts)}</small></h1>`,
    `<p class="meta">${escapeHtml(
      `${report.tool.name} ${report.tool.version} · ${report.scenario.file} · seed ${report.scenario.seed} · ` +
        `${report.createdAt} · node ${env.node} ${env.platform}/${env.arch} · ${env.cpus} CPUs (${env.cpuModel})`,
    )}</p>`,
  ];
  const simulated = simulationNote(report);
  if (simulated) parts.push(simulated);
  if (report.interrupted)
    parts.push(
      '<div class="callout bad" id="interrupted"><strong>Interrupted</strong> — partial results: the run was ' +
        'stopped early; figures cover only what was measured.</div>',
    );
  if (report.embeddedNote)
    parts.push(
      `<div class="callout warn" id="embedded-note"><strong>Embedded engines.</strong> ${escapeHtml(
        report.embeddedNote,
      )}</div>`,
    );
  const bases = [...new Set(report.layouts.map((l) => l.latencyBasis))];
  parts.push(
    `<p class="legend">${bases.map((b) => escapeHtml(LATENCY_MEANING[b])).join('<br>')}` +
      `${bases.length ? '<br>' : ''}${escapeHtml(WINDOW_MEANING)}</p>`,
  );
  parts.push(contents(sections));
  return `<header>${parts.join('\n')}</header>`;
}
