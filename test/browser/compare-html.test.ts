// `compare --html`: the comparison page opens offline in Chromium and shows the same figures as the Markdown.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compareRuns } from '../../src/compare/compare-runs.js';
import { renderComparisonHtml } from '../../src/compare/render-html.js';
import { formatDuration } from '../../src/report/format.js';
import { reportFixture } from '../fixtures/report-fixture.js';
import { chromiumMissing, launchChromium, type Browser } from './chromium.js';
import { openReport } from './open-report.js';

const missing = chromiumMissing();
if (missing) console.log(`skipping the compare page in Chromium: ${missing}`);

describe.skipIf(missing !== null)('the compare page in Chromium', () => {
  let browser: Browser;
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'pb-compare-'));
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('opens from file:// with no request outside it and shows each run’s checkout p99', async () => {
    const a = reportFixture();
    const b = reportFixture();
    const checkout = b.layouts[1]!.operations.find((op) => op.name === 'checkout')!;
    checkout.response = { ...checkout.response!, p99: checkout.response!.p99 * 2 };
    const comparison = compareRuns([
      { file: 'a.json', report: a },
      { file: 'b.json', report: b },
    ]);
    const file = join(dir, 'compare.html');
    await writeFile(file, await renderComparisonHtml(comparison), 'utf8');
    const opened = await openReport(browser, file);
    try {
      expect(opened.network).toEqual([]);
      expect(opened.consoleErrors).toEqual([]);
      const row = opened.page.locator('tr', {
        has: opened.page.locator('td[data-operation="checkout"][data-layout="polyglot"]'),
      });
      const text = await row.innerText();
      const before = a.layouts[1]!.operations.find((op) => op.name === 'checkout')!.response!.p99;
      expect(text).toContain(formatDuration(before));
      expect(text).toContain(formatDuration(before * 2));
      expect(text).toContain('+100%');
    } finally {
      await opened.page.close();
    }
  });
});
