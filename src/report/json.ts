// The JSON report: the Report as it is, one file per run, never overwriting an earlier one, and never seen half
// written: the text goes to a temporary file first, which then gets its final name in one step.
import { randomBytes } from 'node:crypto';
import { link, mkdir, open, readFile, rename, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { errorMessage, UserError } from '../errors.js';
import { REPORT_SCHEMA, REPORT_SCHEMA_VERSION, type Report } from '../metrics/types.js';

/** Enough for any burst of runs within one second; past it something else is wrong. */
const MAX_SUFFIX = 1000;

/** 2026-11-24T15:30:00.123Z → 20261124T153000Z (UTC, to the second, safe in file names everywhere). */
export function fileTimestamp(date: Date): string {
  return date
    .toISOString()
    .replace(/\.\d+Z$/, 'Z')
    .replace(/[-:]/g, '');
}

/** Scenario names are free text: keep letters, digits, dot, dash and underscore. */
function safeName(name: string): string {
  const safe = name.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^[.-]+/, '');
  return safe || 'report';
}

function reportDate(report: Report): Date {
  const created = new Date(report.createdAt);
  return Number.isNaN(created.getTime()) ? new Date() : created;
}

function isExists(error: unknown): boolean {
  return (error as NodeJS.ErrnoException | null)?.code === 'EEXIST';
}

/** Hard links unsupported here (some network and FAT file systems): the final name is claimed another way. */
function noHardLinks(error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  return (
    code === 'EPERM' || code === 'ENOTSUP' || code === 'EOPNOTSUPP' || code === 'EXDEV' || code === 'ENOSYS'
  );
}

/** The complete text under a hidden name of its own in dir (same directory: same file system for link/rename). */
async function writeTemporary(dir: string, base: string, text: string): Promise<string> {
  const path = join(dir, `.${base}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  const handle = await open(path, 'wx');
  try {
    await handle.writeFile(text, 'utf8');
    // On disk before it gets its final name: a crash right after must not leave a name with no content.
    await handle.sync();
  } finally {
    await handle.close();
  }
  return path;
}

/**
 * Gives the complete temporary file the final name if that name is free; false when it is taken. link() fails on an
 * existing name, atomically, so two runs racing for one name cannot both win it and nothing is overwritten; the final
 * name appears with the whole text or not at all. Without hard links, the name is reserved empty ('wx') and the
 * temporary renamed over it at once: empty only for that instant, not for the whole write.
 */
async function claim(temporary: string, path: string): Promise<boolean> {
  try {
    await link(temporary, path);
    await unlink(temporary);
    return true;
  } catch (error) {
    if (isExists(error)) return false;
    if (!noHardLinks(error)) throw error;
  }
  try {
    await (await open(path, 'wx')).close();
  } catch (error) {
    if (isExists(error)) return false;
    throw error;
  }
  await rename(temporary, path);
  return true;
}

/**
 * Writes `<dir>/<scenario>-<UTC timestamp>.json` (the timestamp of the run, report.createdAt) and returns the
 * path, relative when dir is. An existing file is never touched: the next free `-2`, `-3`, … name is used.
 */
export async function writeJsonReport(report: Report, dir = 'reports'): Promise<string> {
  await mkdir(dir, { recursive: true });
  const base = `${safeName(report.scenario.name)}-${fileTimestamp(reportDate(report))}`;
  const text = `${JSON.stringify(report, null, 2)}\n`;
  const temporary = await writeTemporary(dir, base, text);
  try {
    for (let n = 1; n <= MAX_SUFFIX; n += 1) {
      const path = join(dir, n === 1 ? `${base}.json` : `${base}-${n}.json`);
      if (await claim(temporary, path)) return path;
    }
  } catch (error) {
    await unlink(temporary).catch(() => undefined);
    throw error;
  }
  await unlink(temporary).catch(() => undefined);
  throw new Error(`${join(dir, base)}.json: ${MAX_SUFFIX} reports with this name already exist`);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Reads a report written by writeJsonReport. Throws a one-line UserError when the file is missing, not JSON,
 * not a polyglot-bench report or of another schema version. Only the envelope is checked: the contents are
 * this tool's own output.
 */
export async function readJsonReport(path: string): Promise<Report> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException | null)?.code;
    throw new UserError(
      `${path}: cannot read report (${code === 'ENOENT' ? 'no such file' : errorMessage(error)})`,
    );
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new UserError(`${path}: not a JSON file (${errorMessage(error)})`);
  }
  if (!isRecord(data) || data.schema !== REPORT_SCHEMA) {
    throw new UserError(`${path}: not a polyglot-bench report (no "schema": "${REPORT_SCHEMA}")`);
  }
  if (data.schemaVersion !== REPORT_SCHEMA_VERSION) {
    throw new UserError(
      `${path}: report schema version ${JSON.stringify(data.schemaVersion)}, ` +
        `this polyglot-bench reads version ${REPORT_SCHEMA_VERSION}`,
    );
  }
  if (!Array.isArray(data.layouts) || !Array.isArray(data.comparison)) {
    throw new UserError(`${path}: damaged report (layouts or comparison missing)`);
  }
  return data as unknown as Report;
}
