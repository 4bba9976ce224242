// One checkout traced store by store, per layout where the run traced one: each step and the store calls it made
// as bars on one time axis from the journey's start (critical path dark), then the propagation after it (relay
// and probe calls, and when the write was applied and visible in each derived store). The layouts share the
// axis so their bars compare. Nothing is drawn when no layout carries a trace.
import type { JourneyTrace, LayoutResult, Report, TracedCall } from '../../metrics/types.js';
import { formatDuration } from '../format.js';
import { attrs, escapeHtml } from './escape.js';

function traceEndUs(trace: JourneyTrace): number {
  const ends = [
    ...trace.steps.map((s) => s.startUs + s.durationUs),
    ...trace.calls.map((c) => c.startUs + c.durationUs),
    ...trace.propagation.flatMap((p) => [p.appliedUs ?? 0, p.visibleUs ?? 0]),
  ];
  return Math.max(1, ...ends);
}

function pct(us: number, spanUs: number): string {
  return `${((Math.max(0, us) / spanUs) * 100).toFixed(3)}%`;
}

function bar(startUs: number, durationUs: number, spanUs: number, className: string, title: string): string {
  return `<div${attrs({
    class: `wf-bar ${className}`,
    style: `left:${pct(startUs, spanUs)};width:${pct(durationUs, spanUs)}`,
    title,
  })}></div>`;
}

function row(label: string, track: string, duration: string, className: string): string {
  return (
    `<div class="wf-row ${className}"><div class="wf-label" title="${escapeHtml(label)}">${escapeHtml(label)}</div>` +
    `<div class="wf-track">${track}</div><div class="wf-dur">${escapeHtml(duration)}</div></div>`
  );
}

function callRow(call: TracedCall, spanUs: number): string {
  const label = `${call.store} ${call.role}.${call.method}`;
  const classes = [call.critical ? 'critical' : '', call.ok ? '' : 'failed', call.source].filter(Boolean);
  const title = `${label}: at ${formatDuration(call.startUs)} for ${formatDuration(call.durationUs)}${call.critical ? ' (critical path)' : ''}${call.ok ? '' : ' — failed'}`;
  return row(
    label,
    bar(call.startUs, call.durationUs, spanUs, classes.join(' '), title),
    formatDuration(call.durationUs),
    'wf-call',
  );
}

function marker(us: number | null, spanUs: number, kind: string, label: string): string {
  if (us === null) return '';
  return `<div${attrs({ class: `wf-marker ${kind}`, style: `left:${pct(us, spanUs)}`, title: `${label} at ${formatDuration(us)}` })}></div>`;
}

function axis(spanUs: number): string {
  const ticks = [0, 0.25, 0.5, 0.75, 1]
    .map(
      (f) => `<span style="left:${(f * 100).toFixed(1)}%">${escapeHtml(formatDuration(f * spanUs))}</span>`,
    )
    .join('');
  return row('', `<div class="wf-axis">${ticks}</div>`, '', 'wf-axis-row');
}

/**
 * Which step each call belongs to: a journey can run a step more than once (several product views), so a call
 * goes to the last step of its name that had started when the call did. -1: no such step.
 */
function stepOfCall(trace: JourneyTrace, call: TracedCall): number {
  let found = -1;
  trace.steps.forEach((step, i) => {
    if (step.name === call.step && step.startUs <= call.startUs) found = i;
  });
  if (found === -1) found = trace.steps.findIndex((step) => step.name === call.step);
  return found;
}

function waterfall(layout: LayoutResult, trace: JourneyTrace, spanUs: number): string {
  const rows: string[] = [axis(spanUs)];
  const owner = new Map(trace.calls.map((call) => [call, call.step === null ? -1 : stepOfCall(trace, call)]));
  for (const [index, step] of trace.steps.entries()) {
    const title = `${step.name}: at ${formatDuration(step.startUs)} for ${formatDuration(step.durationUs)} (${step.outcome})`;
    rows.push(
      row(
        step.name,
        bar(step.startUs, step.durationUs, spanUs, `step ${step.outcome}`, title),
        formatDuration(step.durationUs),
        'wf-step',
      ),
    );
    for (const call of trace.calls.filter((c) => owner.get(c) === index)) rows.push(callRow(call, spanUs));
  }
  // Propagation after the journey, and any call whose step the trace does not list (shown, never dropped).
  const after = trace.calls.filter((c) => owner.get(c) === -1);
  if (after.length || trace.propagation.length)
    rows.push('<div class="wf-row wf-heading">propagation after the journey</div>');
  for (const call of after) rows.push(callRow(call, spanUs));
  // One row per event, so their times line up in the duration column with the calls'.
  for (const p of trace.propagation) {
    for (const [kind, us] of [
      ['applied', p.appliedUs],
      ['visible', p.visibleUs],
    ] as const)
      rows.push(
        row(`→ ${p.target} ${kind}`, marker(us, spanUs, kind, kind), formatDuration(us), 'wf-propagation'),
      );
  }
  return `<figure class="waterfall"${attrs({ 'data-layout': layout.layout })}><h4>${escapeHtml(
    `${layout.layout}: ${trace.journey}, ${formatDuration(traceEndUs(trace))} to the last event`,
  )}</h4>${rows.join('')}</figure>`;
}

/** The section, or '' when no layout carries a trace. */
export function waterfallSection(report: Report): string {
  const traced = report.layouts.filter(
    (layout): layout is LayoutResult & { trace: JourneyTrace } =>
      layout.trace !== undefined && layout.trace !== null,
  );
  if (traced.length === 0) return '';
  const spanUs = Math.max(...traced.map((layout) => traceEndUs(layout.trace)));
  return (
    '<section id="trace"><h2>One checkout, store by store</h2>' +
    '<p class="legend"><span class="swatch critical"></span> on the critical path (what the shopper waited for) · ' +
    '<span class="swatch call"></span> other calls · <span class="swatch relay"></span> relay and probe calls · ' +
    '◆ applied in the derived store · ▮ first seen by a probe</p>' +
    `<div class="grid wide">${traced.map((layout) => waterfall(layout, layout.trace, spanUs)).join('')}</div>` +
    '</section>'
  );
}
