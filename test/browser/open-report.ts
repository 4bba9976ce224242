// Opens an HTML report from file:// with every other request refused, and records what the page tried: any
// non-file request, console errors and uncaught exceptions. The tests fail on any of them.
import { pathToFileURL } from 'node:url';
import type { Page } from 'playwright-core';
import type { Browser } from './chromium.js';

export interface OpenedReport {
  page: Page;
  /** URLs of requests the page attempted that were not file: (each was aborted). */
  network: string[];
  consoleErrors: string[];
  /** Milliseconds from navigation to the page's script having drawn every chart. */
  loadMs: number;
}

export async function openReport(browser: Browser, file: string): Promise<OpenedReport> {
  const page = await browser.context.newPage();
  const network: string[] = [];
  const consoleErrors: string[] = [];
  page.on('request', (request) => {
    if (!request.url().startsWith('file:')) network.push(request.url());
  });
  page.on('console', (message) => {
    if (message.type() === 'error') consoleErrors.push(message.text());
  });
  page.on('pageerror', (error) => consoleErrors.push(`uncaught: ${error.message}`));
  await page.route('**/*', async (route) => {
    if (route.request().url().startsWith('file:')) await route.continue();
    else await route.abort('blockedbyclient');
  });
  const started = performance.now();
  await page.goto(pathToFileURL(file).href);
  await page.waitForFunction('document.documentElement.dataset.chartsReady === "true"');
  return { page, network, consoleErrors, loadMs: performance.now() - started };
}
