// The HTML report in a real browser, opened from file:// with the network refused: for the renderer-test report
// and for a short real run on the embedded engines (with a sessions outage and a slowed relay, so fault windows
// and unknown t-visibility are drawn). No console error, no request off the file, every chart drew, the key
// figures read as in the JSON, the fault windows sit where the run switched them. A screenshot is written to a
// temp dir (removed at the end).
import { mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Report } from '../../src/metrics/types.js';
import { formatCpuPercent, formatDuration, formatMs, formatThresholdMs } from '../../src/report/format.js';
import { wireText } from '../../src/report/html/footprint-section.js';
import { renderHtmlReport } from '../../src/report/html/render-html.js';
import { reportFixture } from '../fixtures/report-fixture.js';
import { TRACED_CHECKOUT } from '../report/html-trace.js';
import { runEmbedded, SMALL_DATA } from '../lifecycle/run-embedded.js';
import { drawnCharts, type DrawnChart } from './chart-probe.js';
import { chromiumMissing, launchChromium, type Browser } from './chromium.js';
import { openReport, type OpenedReport } from './open-report.js';

const REAL_RUN = `
name: browser-check
seed: 9
${SMALL_DATA}
layouts: [baseline, polyglot]
warmup: 500ms
load:
  model: open
  maxInFlight: 100
  phases:
    - { name: ramp, duration: 2s, arrivalRate: 20, rampTo: 40 }
    - { name: steady, duration: 2s, arrivalRate: 40 }
journeys: { preset: shopping, thinkTime: { min: 0ms, max: 5ms } }
consistency: { probeSample: 1, probeTimeout: 300ms, drainTimeout: 10s }
faults:
  - { role: sessions, from: 1s, to: 2s, outage: refused }
  - { from: 2500ms, to: 4s, slowRelay: 400ms }
`;

const missing = chromiumMissing();
if (missing) console.log(`skipping the browser tests: ${missing}`);

async function render(report: Report, dir: string, name: string): Promise<string> {
  const file = join(dir, `${name}.html`);
  await writeFile(file, await renderHtmlReport(report), 'utf8');
  return file;
}

function withTrace(report: Report): Report {
  report.layouts[1]!.trace = TRACED_CHECKOUT;
  return report;
}

/** The first layout as `run --workers 2` reports it: each worker thread's own health. */
function withWorkers(report: Report): Report {
  report.layouts[0]!.workers = [0, 1].map((worker) => ({
    worker,
    eventLoopDelayMs: { mean: 0.4 + worker, p99: 2.5 + worker, max: 7 + worker },
    busyPercent: 61.4 + worker * 10,
    operations: 100 + worker,
  }));
  return report;
}

function checkoutP99(report: Report, layout: number): string {
  const op = report.layouts[layout]!.operations.find((o) => o.name === 'checkout')!;
  return formatDuration((op.response ?? op.service).p99);
}

describe.skipIf(missing !== null)('the HTML report in Chromium', () => {
  let browser: Browser;
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'pb-browser-'));
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  for (const [name, makeReport] of [
    [
      'the renderer-test report, with a traced checkout and worker threads',
      async () => withWorkers(withTrace(reportFixture())),
    ],
    ['a short real run with faults', async () => (await runEmbedded(REAL_RUN)).report],
  ] as const) {
    describe(name, () => {
      let report: Report;
      let opened: OpenedReport;
      let charts: DrawnChart[];
      beforeAll(async () => {
        report = await makeReport();
        opened = await openReport(browser, await render(report, dir, name.replace(/\W+/g, '-')));
        charts = await drawnCharts(opened.page);
      }, 180_000);

      it('loads with no console error and no request off the file', () => {
        expect(opened.consoleErrors).toEqual([]);
        expect(opened.network).toEqual([]);
      });

      it('draws every chart it embeds, each with its series and pixels in its colour', async () => {
        const ids = await opened.page.$$eval('[data-chart]', (els) => els.map((el) => el.getAttribute('id')));
        expect(charts.map((c) => c.id).sort()).toEqual([...ids].sort());
        expect(charts.length).toBeGreaterThan(10);
        for (const chart of charts) {
          expect(chart.series, chart.id).toBeGreaterThan(1);
          expect(chart.probedColour, chart.id).not.toBeNull();
          expect(chart.colouredPixels, `${chart.id} ${chart.probedColour}`).toBeGreaterThan(4);
        }
      });

      it('draws the traced checkout’s waterfall where the layout has a trace', async () => {
        for (const layout of report.layouts) {
          const bars = opened.page.locator(`.waterfall[data-layout="${layout.layout}"] .wf-bar`);
          const calls = layout.trace ? layout.trace.steps.length + layout.trace.calls.length : 0;
          expect(await bars.count()).toBe(calls);
          for (const box of await Promise.all((await bars.all()).map((bar) => bar.boundingBox())))
            expect(box!.width).toBeGreaterThan(0);
        }
      });

      it('shows each worker thread’s loop p99 and busy share, or that one thread drove the load', async () => {
        for (const layout of report.layouts) {
          const cell = opened.page.locator(`td[data-layout="${layout.layout}"][data-metric="workers"]`);
          const expected = layout.workers
            ? layout.workers
                .map(
                  (w) =>
                    `#${w.worker} ${formatMs(w.eventLoopDelayMs.p99)} · ${formatCpuPercent(w.busyPercent)}`,
                )
                .join(', ')
            : 'none (one thread)';
          expect(await cell.textContent()).toBe(expected);
          await expect(cell.isVisible()).resolves.toBe(true);
        }
      });

      it('shows each layout’s checkout p99 as the JSON has it', async () => {
        for (const [i, layout] of report.layouts.entries()) {
          const cell = opened.page.locator(
            `td[data-layout="${layout.layout}"][data-op="checkout"][data-metric="p99"]`,
          );
          expect(await cell.textContent()).toBe(checkoutP99(report, i));
        }
      });

      it("shows each store's connections and bytes on the wire, or why there are none — never 0", async () => {
        for (const layout of report.layouts) {
          for (const store of layout.footprint?.stores ?? []) {
            const cell = (metric: string) =>
              opened.page.locator(
                `td[data-layout="${layout.layout}"][data-store="${store.store}"][data-metric="${metric}"]`,
              );
            expect(await cell('wire').textContent()).toBe(wireText(store));
            if (!store.connections) expect(await cell('connections').textContent()).toBe(store.wireNote);
            if (store.embedded) expect(await cell('connections').textContent()).toBe('in process: no wire');
          }
        }
      });

      it('shows an unknown t-visibility share as unknown with its bounds, never as 0 %', async () => {
        for (const layout of report.layouts) {
          for (const lag of layout.lag) {
            const row = opened.page.locator(
              `td[data-layout="${layout.layout}"][data-target="${lag.target}"]`,
            );
            const text = (await row.first().locator('xpath=..').textContent()) ?? '';
            for (const point of lag.tVisibility.filter((p) => p.fraction === null))
              expect(text).toContain(`${formatThresholdMs(point.withinMs)}: unknown: `);
          }
        }
      });

      it('shades each fault window where the run switched it on and off', () => {
        let checked = 0;
        for (const [i, layout] of report.layouts.entries()) {
          for (const fault of layout.faults) {
            if (fault.startedAtS === null) continue;
            for (const id of [`ts-throughput-${i}`, `ts-latency-${i}`]) {
              const chart = charts.find((c) => c.id === id)!;
              const shade = chart.shades.find((s) => s.kind === 'fault' && s.from === fault.startedAtS);
              expect(shade, `${id}: ${fault.description}`).toBeDefined();
              const px = (s: number) => ((s - chart.xMin) / (chart.xMax - chart.xMin)) * chart.plotWidth;
              expect(Math.abs(shade!.left - px(fault.startedAtS))).toBeLessThan(1.5);
              expect(Math.abs(shade!.left + shade!.width - px(fault.endedAtS ?? chart.xMax))).toBeLessThan(
                1.5,
              );
              checked += 1;
            }
          }
        }
        expect(checked).toBeGreaterThan(0);
      });

      it('writes a screenshot', async () => {
        const file = join(dir, `${name.replace(/\W+/g, '-')}.png`);
        await opened.page.screenshot({ path: file, fullPage: true });
        expect((await stat(file)).size).toBeGreaterThan(50_000);
        console.log(`${name}: loaded and drawn in ${opened.loadMs.toFixed(0)} ms`);
      });
    });
  }
});
