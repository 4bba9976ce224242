import { describe, expect, it } from 'vitest';
import type { Report } from '../../src/metrics/types.js';
import { renderTerminal } from '../../src/report/terminal.js';
import {
  closedReportFixture,
  interruptedReportFixture,
  latency,
  reportFixture,
} from '../fixtures/report-fixture.js';

// eslint-disable-next-line no-control-regex
const ANSI = /\u001b\[[0-9;]*m/g;

/** The text from the header line of a layout up to the next layout (or the end). */
function section(text: string, layout: string): string {
  const start = text.indexOf(`━━ ${layout} ·`);
  expect(start).toBeGreaterThanOrEqual(0);
  const next = text.indexOf('━━ ', start + 3);
  return text.slice(start, next === -1 ? undefined : next);
}

/** The lines of the table row that starts with the line containing marker (a row may span several lines). */
function row(text: string, marker: string): string {
  const lines = text.split('\n');
  const first = lines.findIndex((line) => line.includes(marker));
  expect(first).toBeGreaterThanOrEqual(0);
  const rowLines = [];
  for (let i = first; i < lines.length && /^│/.test(lines[i] ?? ''); i += 1) rowLines.push(lines[i]);
  return rowLines.join('\n');
}

/** A report where everything that can be missing is: no operation latency, no lag samples, a dropped cell. */
function sparseReport(): Report {
  const report = reportFixture();
  const [baseline, polyglot] = report.layouts;
  if (!baseline || !polyglot) throw new Error('fixture has two layouts');
  polyglot.operations.push({
    name: 'friends-liked',
    count: 0,
    errors: 0,
    rejected: 0,
    response: null,
    service: { ...latency(1, 1, 1, 0), count: 0 },
  });
  polyglot.lag[0] = {
    ...polyglot.lag[0]!,
    apply: null,
    visible: null,
    sampled: 0,
    neverVisible: 0,
    tVisibility: [],
  };
  polyglot.schedule = { intended: 0, started: 0, dropped: 0, lag: null };
  report.comparison.push({
    operation: 'friends-liked',
    cells: [null, { layout: 'polyglot', count: 0, p50: 0, p99: 0, errors: 0 }],
    p99Ratio: [null, null],
  });
  baseline.readYourWrites = { checks: 0, violations: {}, checksByOperation: {} };
  return report;
}

const variants: Array<[string, () => Report]> = [
  ['open', reportFixture],
  ['closed', closedReportFixture],
  ['interrupted', interruptedReportFixture],
  ['sparse', sparseReport],
  ['no layouts', () => ({ ...reportFixture(), layouts: [], comparison: [], interrupted: true })],
];

describe('renderTerminal', () => {
  it('shows the polyglot lag row with its source, target, mechanism and numbers', () => {
    const polyglot = section(renderTerminal(reportFixture()), 'polyglot');
    const graph = row(polyglot, 'inventory@pglite → graph@kuzu');
    expect(graph).toContain('via outbox');
    expect(graph).toContain('p50 12.3 ms'); // apply
    expect(graph).toContain('p99 48.5 ms');
    expect(graph).toContain('max  130 ms');
    expect(graph).toContain('p50 14.1 ms'); // visible
    expect(graph).toMatch(/100 ms\s+89\.6%/);
    expect(graph).toMatch(/10 s\s+97\.9%/);
    expect(graph).toContain('1 of 48'); // never visible
    expect(graph).toContain('5.00 ms'); // resolution
    expect(row(polyglot, 'inventory@pglite → analytics@duckdb')).toContain('p99 40.1 ms');
  });

  it('shows the gap the probes actually achieved where it is wider than the stated interval', () => {
    const polyglot = section(renderTerminal(reportFixture()), 'polyglot');
    const lag = polyglot.slice(polyglot.indexOf('consistency lag:'));
    expect(lag).toContain('gaps p99 31.0 ms');
    expect(lag).not.toContain('gaps p99 6.10 ms'); // within twice the interval: the interval stands
  });

  it('shows a one-transaction lag row with no apply lag', () => {
    const baseline = section(renderTerminal(reportFixture()), 'baseline');
    const pair = row(baseline, 'inventory@pglite → graph@pglite');
    expect(pair).toContain('via single-transaction');
    expect(pair.split('\n')[0]).toMatch(/│ — +│ p50 {2}320 µs/);
    expect(baseline).toContain('no relay (one transaction)');
  });

  it('says what latency means in the open model and shows service time beside it', () => {
    const text = renderTerminal(reportFixture());
    expect(text).toContain('response time = end − intended start (open model)');
    const checkout = row(section(text, 'polyglot'), '│ checkout');
    expect(checkout).toMatch(
      /│ checkout +│ +239 │ +3 │ +6 │ 6\.10 ms │ 21\.1 ms │ 27\.5 ms │ 91\.0 ms │ +21\.0 ms │ +7\.97 │/,
    );
    expect(text).toContain('schedule: 2,880 arrivals intended · 2,870 started · 10 dropped (in-flight cap)');
  });

  it('says the closed model shows service time only, with no schedule', () => {
    const text = renderTerminal(closedReportFixture());
    expect(text).toContain(
      'service time only (closed model: no schedule, so queueing before a request is not seen)',
    );
    expect(text).not.toContain('response time');
    expect(text).not.toContain('service p99');
    expect(text).not.toContain('schedule:');
    expect(row(section(text, 'baseline'), '│ checkout')).toContain('11.2 ms');
  });

  it('says plainly when a run was interrupted, and what did not finish', () => {
    const text = renderTerminal(interruptedReportFixture());
    expect(text.startsWith('INTERRUPTED — partial results')).toBe(true);
    const polyglot = section(text, 'polyglot');
    expect(polyglot).toContain('INTERRUPTED — this layout stopped early');
    expect(polyglot).toContain('relay NOT drained (gave up after 1.00 s)');
    expect(polyglot).toContain('invariants: FAIL');
    const invariants = polyglot.slice(polyglot.indexOf('invariants:'));
    expect(row(invariants, '│ kuzu ')).toMatch(/│ kuzu +│ graph +│ +1,239 │ +14 │ .*FAIL/);
    expect(section(text, 'baseline')).not.toContain('INTERRUPTED');
    expect(renderTerminal(reportFixture())).not.toContain('INTERRUPTED');
  });

  it('shows the embedded-engines note, the engines per role and the invariants', () => {
    const text = renderTerminal(reportFixture());
    expect(text).toContain('NOTE: Embedded engines are in-process stand-ins');
    expect(row(text, '│ graph     │ pglite —')).toContain('kuzu — Kuzu 0.11.3 (embedded)');
    expect(section(text, 'polyglot')).toContain('relay drained in 84.2 ms');
    expect(section(text, 'polyglot')).toContain('units sold 604 = units decremented 604');
    expect(text).toContain('invariants: OK');
  });

  it('shows read-your-writes violations, store calls, errors and harness health', () => {
    const polyglot = section(renderTerminal(reportFixture()), 'polyglot');
    expect(polyglot).toContain('also-bought missed 31 of 39');
    expect(polyglot).toMatch(/│ kuzu +│ graph\.recordPurchase +│ +236 │ +2 │ 1\.70 ms │ 7\.40 ms │/);
    expect(polyglot).toContain('checkout ×3: Kuzu: write-write conflict on BOUGHT');
    expect(polyglot).toContain(
      'event-loop delay mean 420 µs · p99 2.60 ms · max 21.5 ms · CPU 64% of one core',
    );
  });

  it('compares the layouts side by side with p99 ratios against the first', () => {
    const text = renderTerminal(reportFixture());
    const side = text.slice(text.indexOf('side by side'));
    expect(side).toContain('polyglot p99 vs baseline');
    expect(row(side, '│ checkout')).toMatch(
      /│ checkout +│ +3\.90 ms │ +14\.8 ms │ +6\.10 ms │ +27\.5 ms │ +×1\.9 │/,
    );
    expect(row(side, '│ view-product')).toContain('×0.45');
  });

  it('sets each strategy beside the others: what the shopper waits for and what it leaves behind', () => {
    const text = renderTerminal(reportFixture());
    const table = text.slice(text.indexOf('propagation side by side'));
    expect(row(table, '│ baseline')).toMatch(
      /│ baseline +│ single-transaction +│ +3\.90 ms │ +14\.8 ms │ graph — /,
    );
    expect(row(table, '│ polyglot')).toMatch(
      /│ polyglot +│ outbox +│ +6\.10 ms │ +27\.5 ms │ graph 48\.5 ms/,
    );
  });

  it('shows what a fault did: before, during and after, recovery, and the lag it left', () => {
    const polyglot = section(renderTerminal(reportFixture()), 'polyglot');
    const fault = polyglot.slice(polyglot.indexOf('fault: sessions → ttlcache'));
    expect(fault).toContain('on at 2.00 s, off at 4.00 s (measured time), via in-process gate');
    expect(row(fault, '│ start-session')).toMatch(/│ 40 ops · 0 err +│ 40 ops · 40 err +│ 20 ops · 0 err/);
    expect(row(fault, '│ checkout')).toMatch(/│ 8 ops · 0 err +│ — +│ 5 ops · 0 err/);
    expect(fault).toContain('recovery: first successful call to ttlcache ended 420 µs after the fault');
    expect(fault).toContain(
      'lag → graph@kuzu: apply p99 before 48.5 ms, worst during —; nothing was left waiting',
    );
    expect(fault).toContain('analytics@duckdb: apply p99 before 30.0 ms, worst during 61.0 ms; some writes');
  });

  it('renders missing figures as —', () => {
    const text = renderTerminal(sparseReport());
    const polyglot = section(text, 'polyglot');
    expect(row(polyglot, '│ friends-liked')).toMatch(
      /│ friends-liked +│ +0 │ +0 │ +0 │ +— │ +— │ +— │ +— │ +— │ +0\.00 │/,
    );
    const graph = row(polyglot, 'inventory@pglite → graph@kuzu');
    expect(graph).toMatch(/→ graph@kuzu +│ — +│ — +│ — +│ +none sampled │/);
    expect(polyglot).toContain('start lag p99 —');
    expect(row(text.slice(text.indexOf('side by side')), '│ friends-liked')).toMatch(
      /│ friends-liked +│ +— │ +— │/,
    );
    expect(section(text, 'baseline')).toContain('read-your-writes: not checked');
  });

  it('shows an operation with no completions as — in the closed model too, never 0 µs', () => {
    const report = closedReportFixture();
    report.layouts[0]?.operations.push({
      name: 'friends-liked',
      count: 0,
      errors: 0,
      rejected: 0,
      response: null,
      service: { ...latency(1, 1, 1, 0), p50: 0, p95: 0, p99: 0, max: 0, hdr: '' },
    });
    const baseline = section(renderTerminal(report), 'baseline');
    expect(row(baseline, '│ friends-liked')).toMatch(
      /│ friends-liked +│ +0 │ +0 │ +0 │ +— │ +— │ +— │ +— │ +0\.00 │/,
    );
  });

  it.each(variants)('never prints NaN or undefined (%s)', (_name, make) => {
    for (const color of [false, true]) {
      const text = renderTerminal(make(), { color });
      expect(text).not.toMatch(/NaN|undefined|null|Infinity|\[object/);
    }
  });

  it.each(variants)('fits in 120 columns (%s)', (_name, make) => {
    const text = renderTerminal(make(), { color: true }).replace(ANSI, '');
    const widest = Math.max(...text.split('\n').map((line) => line.length));
    expect(widest).toBeLessThanOrEqual(120);
  });

  it('uses colour only when asked', () => {
    expect(renderTerminal(reportFixture())).not.toMatch(ANSI);
    expect(renderTerminal(reportFixture(), { color: true })).toMatch(ANSI);
  });
});
