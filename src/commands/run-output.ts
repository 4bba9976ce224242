// Where a run's report goes (issue 14): `--out` is checked before any store is touched, so a bad directory costs
// a second rather than the run; and if writing still fails at the end, the JSON goes to a fallback directory and
// the tool says where — a run's results are never lost.
import { mkdir, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { errorMessage, UserError } from '../errors.js';
import type { Report } from '../metrics/types.js';
import { writeJsonReport } from '../report/json.js';
import { writeReportFiles } from '../report/write-reports.js';

function reason(error: unknown): string {
  return (error as NodeJS.ErrnoException | null)?.code ?? errorMessage(error);
}

/** Creates dir if needed and proves it writable (a file created and removed), or throws a one-line UserError. */
export async function checkOutDir(dir: string): Promise<void> {
  const existing = await stat(dir).catch(() => null);
  if (existing && !existing.isDirectory())
    throw new UserError(`--out ${dir}: is a file, expected a directory for the reports`);
  try {
    await mkdir(dir, { recursive: true });
  } catch (error) {
    throw new UserError(`--out ${dir}: cannot create the directory (${reason(error)})`);
  }
  const probe = join(dir, `.polyglot-bench-write-check-${process.pid}`);
  try {
    await writeFile(probe, '', { flag: 'wx' });
    await rm(probe, { force: true });
  } catch (error) {
    throw new UserError(`--out ${dir}: cannot write to the directory (${reason(error)})`);
  }
}

/** The directory a report goes to when --out failed at the end of the run. */
export function fallbackDir(): string {
  return join(tmpdir(), 'polyglot-bench-reports');
}

/**
 * Writes the report files under dir and returns their paths; on failure, the JSON under fallbackDir() (saying
 * so through status); if even that fails, the JSON on stdout. Never throws.
 */
export async function saveReport(
  report: Report,
  dir: string,
  status: (line: string) => void,
): Promise<string[]> {
  try {
    const written = await writeReportFiles(report, dir);
    return written.html ? [written.json, written.html] : [written.json];
  } catch (error) {
    const fallback = fallbackDir();
    try {
      const json = await writeJsonReport(report, fallback);
      status(`could not write the report to ${dir} (${reason(error)}); saved it to ${json} instead`);
      return [json];
    } catch (fallbackError) {
      status(
        `could not write the report to ${dir} (${reason(error)}) nor ${fallback} (${reason(fallbackError)}); ` +
          'the JSON report follows on stdout',
      );
      process.stdout.write(`${JSON.stringify(report)}\n`);
      return [];
    }
  }
}
