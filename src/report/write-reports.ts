// The files a run leaves: the JSON report (src/report/json.ts), and beside it, under the same name, the HTML report
// where one is rendered. Commands call this one function, so `run`, `report --html`, `simulate` and `merge` write
// the same set of files.
import { writeFile } from 'node:fs/promises';
import type { Report } from '../metrics/types.js';
import { renderHtmlReport } from './html/render-html.js';
import { writeJsonReport } from './json.js';

export interface WrittenReports {
  json: string;
  /** Beside the JSON (same name, .html); null when no HTML was written. */
  html: string | null;
}

export interface WriteReportOptions {
  /** Write the JSON only (default: the HTML too). */
  html?: boolean;
}

export async function writeReportFiles(
  report: Report,
  dir: string,
  options: WriteReportOptions = {},
): Promise<WrittenReports> {
  const json = await writeJsonReport(report, dir);
  if (options.html === false) return { json, html: null };
  // The JSON's name was claimed atomically (json.ts), so the HTML beside it is this run's alone.
  const html = json.replace(/\.json$/, '.html');
  await writeFile(html, await renderHtmlReport(report), 'utf8');
  return { json, html };
}
