// Comparing saved runs: deltas against the first run, a difference called real only when it exceeds the runs' own
// second-to-second noise, a warning naming what differs, and Markdown for a pull request.
import { describe, expect, it } from 'vitest';
import { compareRuns } from '../../src/compare/compare-runs.js';
import { differenceInterval } from '../../src/compare/noise.js';
import { renderComparisonMarkdown } from '../../src/compare/render-markdown.js';
import { renderComparison } from '../../src/compare/render-terminal.js';
import type { Report, SecondSample } from '../../src/metrics/types.js';
import { reportFixture } from '../fixtures/report-fixture.js';

/** Ten seconds of checkouts whose per-second p99 wobbles ±10% around p99Us. */
function seconds(p99Us: number): SecondSample[] {
  return Array.from({ length: 10 }, (_, second) => {
    const p99 = Math.round(p99Us * (1 + ((second % 3) - 1) * 0.1));
    return {
      second,
      ops: 8,
      errors: 0,
      operations: { checkout: { count: 8, errors: 0, p50: p99 / 4, p99 } },
    };
  });
}

function run(checkoutP99Us: number, edit: (report: Report) => void = () => {}): Report {
  const report = reportFixture();
  for (const layout of report.layouts) {
    layout.timeSeries = seconds(checkoutP99Us);
    const checkout = layout.operations.find((op) => op.name === 'checkout')!;
    checkout.response!.p99 = checkoutP99Us;
  }
  edit(report);
  return report;
}

function checkoutRow(comparison: ReturnType<typeof compareRuns>, layout = 'baseline') {
  return comparison.operations.find((row) => row.layout === layout && row.operation === 'checkout')!;
}

describe('compareRuns', () => {
  it('calls a doubled p99 beyond noise and an unchanged one within it', () => {
    const comparison = compareRuns([
      { file: 'a.json', report: run(10_000) },
      { file: 'b.json', report: run(20_000) },
      { file: 'c.json', report: run(10_000) },
    ]);
    const row = checkoutRow(comparison);
    expect(row.p99.values).toEqual([10_000, 20_000, 10_000]);
    expect(row.p99.deltas).toEqual([1, 0]);
    expect(row.p99.beyondNoise).toEqual([true, false]);
    expect(comparison.warnings).toEqual([]);
  });

  it('calls a change inside the second-to-second spread within noise', () => {
    // 3% slower overall, while single seconds vary by ±10%.
    const comparison = compareRuns([
      { file: 'a.json', report: run(10_000) },
      { file: 'b.json', report: run(10_300) },
    ]);
    expect(checkoutRow(comparison).p99.beyondNoise).toEqual([false]);
  });

  it('does not judge noise with fewer than five seconds, nor for lag (no per-second series)', () => {
    const comparison = compareRuns([
      { file: 'a.json', report: reportFixture() },
      { file: 'b.json', report: reportFixture() },
    ]);
    expect(comparison.operations.find((row) => row.operation === 'view-product')?.p99.beyondNoise).toEqual([
      null,
    ]);
    expect(comparison.lag.every((row) => row.applyP99.beyondNoise[0] === null)).toBe(true);
    expect(differenceInterval([1, 2, 3, 4], [1, 2, 3, 4, 5])).toBeNull();
  });

  it('warns, naming what differs, when the runs used other seeds or scenarios', () => {
    const comparison = compareRuns([
      { file: 'a.json', report: run(10_000) },
      {
        file: 'b.json',
        report: run(10_000, (report) => {
          report.scenario.seed = 7;
          report.scenario.name = 'black-friday';
        }),
      },
    ]);
    expect(comparison.warnings).toEqual([
      'warning: scenarios differ: A quickstart, B black-friday',
      'warning: seeds differ: A 42, B 7',
    ]);
  });
});

describe('compare renderers', () => {
  const comparison = compareRuns([
    { file: 'a.json', report: run(10_000) },
    { file: 'b.json', report: run(20_000) },
  ]);

  it('prints the runs, a marked delta and the noise method in the terminal', () => {
    const text = renderComparison(comparison);
    expect(text).toContain('A: a.json (quickstart, seed 42, 2026-11-24T15:30:00Z)');
    const row = text.split('\n').find((line) => /│ baseline +│ checkout /.test(line));
    expect(row).toContain('+100% *');
    expect(text).toContain('bootstrap over seconds');
  });

  it('writes GitHub Markdown tables', () => {
    const markdown = renderComparisonMarkdown(comparison);
    expect(markdown).toContain('| layout | operation | A p50 | B p50 | Δ | A p99 | B p99 | Δ |');
    expect(markdown).toContain('| :--- | :--- | ---: |');
    expect(markdown).toMatch(/\| baseline \| checkout \|.*\| \+100% \* \|/);
  });
});
