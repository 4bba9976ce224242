// The HTML report as text: what it embeds and what it leaves out. The browser test (test/browser/) checks that it
// draws; these check the figures and the offline guarantee without one.
import { mkdtemp, readdir, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatDuration } from '../../src/report/format.js';
import { renderHtmlReport } from '../../src/report/html/render-html.js';
import { writeReportFiles } from '../../src/report/write-reports.js';
import { closedReportFixture, interruptedReportFixture, reportFixture } from '../fixtures/report-fixture.js';
import { cellText, chartSpecs } from './html-page.js';
import { TRACED_CHECKOUT } from './html-trace.js';

describe('the HTML report', () => {
  it('is one file that refers to nothing outside itself', async () => {
    const html = await renderHtmlReport(reportFixture());
    expect(html).not.toMatch(/\s(src|href)="(?!#)/);
    expect(html).not.toMatch(/https?:\/\/(?!github\.com\/leeoniya\/uPlot)/);
    expect(html).toContain("default-src 'none'");
    expect(html).toContain('uPlot');
  });

  it('shows each layout’s checkout p99 as the JSON has it, and the embedded-engines note', async () => {
    const report = reportFixture();
    const html = await renderHtmlReport(report);
    for (const layout of report.layouts) {
      const checkout = layout.operations.find((op) => op.name === 'checkout')!;
      expect(cellText(html, { layout: layout.layout, op: 'checkout', metric: 'p99' })).toBe(
        formatDuration(checkout.response!.p99),
      );
    }
    expect(html).toContain('id="embedded-note"');
    expect(html).toContain('Embedded engines are in-process stand-ins');
  });

  it('embeds chart data of aligned arrays, shading the fault where the fault recorder put it', async () => {
    const report = reportFixture();
    const specs = chartSpecs(await renderHtmlReport(report));
    for (const spec of specs) {
      expect(spec.data.length, spec.id).toBe(spec.series.length + 1);
      for (const column of spec.data) expect(column.length, spec.id).toBe(spec.data[0]!.length);
    }
    const polyglot = specs.find((s) => s.id === 'ts-throughput-1')!;
    const fault = report.layouts[1]!.faults[0]!;
    expect(polyglot.shading).toContainEqual({
      kind: 'fault',
      from: fault.startedAtS,
      to: fault.endedAtS,
      label: fault.description,
    });
    expect(specs.find((s) => s.id === 'ts-throughput-0')!.shading!.some((s) => s.kind === 'fault')).toBe(
      false,
    );
  });

  it('draws an unknown t-visibility share as a band between its bounds, never as 0', async () => {
    const report = reportFixture();
    const lag = report.layouts[1]!.lag[0]!;
    lag.tVisibility[4] = { withinMs: 10_000, fraction: null, atLeast: 0.9792, atMost: 1 };
    const html = await renderHtmlReport(report);
    const spec = chartSpecs(html).find((s) => s.id === 'visibility-1')!;
    expect(spec.data[1]![4]).toBeNull();
    expect(spec.bands).toHaveLength(1);
    const { upper, lower } = spec.bands![0]!;
    expect(spec.data[upper]![4]).toBe(1);
    expect(spec.data[lower]![4]).toBe(0.9792);
    expect(html).toContain('10 s: unknown: 97.9%–100%');
  });

  it('draws the spectrum at 1/(1−p), the max at the rank of the top value', async () => {
    const report = reportFixture();
    const spec = chartSpecs(await renderHtmlReport(report)).find((s) => s.title === 'checkout')!;
    const checkout = report.layouts[0]!.operations.find((op) => op.name === 'checkout')!.response!;
    const at = (x: number) => spec.data[1]![spec.data[0]!.indexOf(x)];
    expect(at(2)).toBe(checkout.p50);
    expect(at(100)).toBe(checkout.p99);
    expect(at(1000)).toBe(checkout.max); // 240 values: the top one is at p99.9 and beyond
  });

  it('renders a waterfall only where a layout carries a trace', async () => {
    const report = reportFixture();
    expect(await renderHtmlReport(report)).not.toContain('id="trace"');
    report.layouts[1]!.trace = TRACED_CHECKOUT;
    const html = await renderHtmlReport(report);
    expect(html).toContain('id="trace"');
    expect(html).toContain('pglite inventory.reserve');
    expect(html).toContain('→ graph@kuzu');
  });

  it('renders the verdict when the report has one, and no section otherwise', async () => {
    const report = reportFixture();
    expect(await renderHtmlReport(report)).not.toContain('id="verdict"');
    report.verdict = {
      ok: false,
      failed: 1,
      implicitInvariants: false,
      scenarioThresholds: 1,
      outcomes: [
        {
          key: 'checkout',
          expression: 'p99 < 250ms',
          layout: 'polyglot',
          scoped: false,
          status: 'fail',
          observed: { unit: 'us', atLeast: 270_000, atMost: 270_000 },
        },
      ],
    };
    const html = await renderHtmlReport(report);
    expect(html).toContain('data-verdict="fail"');
    expect(html).toContain('checkout: p99 &lt; 250ms');
    expect(html).toContain('270 ms');
  });

  it('says when latency is service time only (closed model) and when the run was interrupted', async () => {
    const closed = await renderHtmlReport(closedReportFixture());
    expect(closed).toContain('baseline (service)');
    expect(closed).toContain('service time only (closed model');
    const interrupted = await renderHtmlReport(interruptedReportFixture());
    expect(interrupted).toContain('id="interrupted"');
    expect(interrupted).toContain('NOT drained');
  });

  it('escapes report text, so a name cannot end the page’s script or inject markup', async () => {
    const report = reportFixture();
    report.scenario.name = '</script><img src=x onerror=alert(1)>';
    report.layouts[1]!.faults[0]!.description = '</script><b>';
    const html = await renderHtmlReport(report);
    expect(html).not.toContain('<img src=x');
    expect(html.match(/<\/script>/g)).toHaveLength(3);
  });

  it('is written beside the JSON under the same name, unless asked not to', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'pb-html-'));
    const written = await writeReportFiles(reportFixture(), dir);
    expect(written.html).toBe(written.json.replace(/\.json$/, '.html'));
    expect(await readFile(written.html!, 'utf8')).toMatch(/^<!doctype html>/);
    const jsonOnly = await writeReportFiles(reportFixture(), dir, { html: false });
    expect(jsonOnly.html).toBeNull();
    expect((await readdir(dir)).filter((f) => f.endsWith('.html'))).toHaveLength(1);
  });
});

describe('stale in-stock in the HTML report', () => {
  it('shows each layout’s count of products listed in stock after they sold out', async () => {
    const report = reportFixture();
    report.layouts[0]!.staleInStock = { searches: 100, listedInStock: 900, stale: 0, staleSearches: 0 };
    report.layouts[1]!.staleInStock = { searches: 100, listedInStock: 880, stale: 24, staleSearches: 19 };
    const html = await renderHtmlReport(report);
    expect(html).toContain('data-stale-in-stock="0"');
    expect(html).toContain('data-stale-in-stock="24"');
  });
});
