import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { isAbsolute, join, relative } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { UserError } from '../../src/errors.js';
import { fileTimestamp, readJsonReport, writeJsonReport } from '../../src/report/json.js';
import { reportFixture } from '../fixtures/report-fixture.js';

let dir: string;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'polyglot-bench-json-'));
});

afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('fileTimestamp', () => {
  it('is the UTC time to the second, without separators', () => {
    expect(fileTimestamp(new Date('2026-11-24T15:30:00.987Z'))).toBe('20261124T153000Z');
  });
});

describe('writeJsonReport', () => {
  it('names the file after the scenario and the run time, creating the directory', async () => {
    const out = join(dir, 'nested', 'reports');
    const path = await writeJsonReport(reportFixture(), out);
    expect(path).toBe(join(out, 'quickstart-20261124T153000Z.json'));
    expect(JSON.parse(await readFile(path, 'utf8'))).toEqual(reportFixture());
  });

  it('returns the path relative when the directory is relative', async () => {
    const relativeDir = relative(process.cwd(), join(dir, 'reports'));
    expect(isAbsolute(relativeDir)).toBe(false);
    const path = await writeJsonReport(reportFixture(), relativeDir);
    expect(path).toBe(join(relativeDir, 'quickstart-20261124T153000Z.json'));
  });

  it('never overwrites: two writes in the same second make two files and the first is unchanged', async () => {
    const first = reportFixture();
    const second = { ...reportFixture(), tool: { name: 'polyglot-bench', version: '9.9.9' } };
    const firstPath = await writeJsonReport(first, dir);
    const firstText = await readFile(firstPath, 'utf8');
    const secondPath = await writeJsonReport(second, dir);
    const thirdPath = await writeJsonReport(second, dir);

    expect(new Set([firstPath, secondPath, thirdPath]).size).toBe(3);
    expect(secondPath).toBe(join(dir, 'quickstart-20261124T153000Z-2.json'));
    expect(thirdPath).toBe(join(dir, 'quickstart-20261124T153000Z-3.json'));
    expect(await readFile(firstPath, 'utf8')).toBe(firstText);
    expect(JSON.parse(await readFile(secondPath, 'utf8')).tool.version).toBe('9.9.9');
  });

  it('skips a name taken by someone else’s file without touching it', async () => {
    const taken = join(dir, 'quickstart-20261124T153000Z.json');
    await writeFile(taken, 'not mine');
    const path = await writeJsonReport(reportFixture(), dir);
    expect(path).toBe(join(dir, 'quickstart-20261124T153000Z-2.json'));
    expect(await readFile(taken, 'utf8')).toBe('not mine');
  });

  it('keeps only safe characters of the scenario name', async () => {
    const report = reportFixture();
    report.scenario.name = '../Black Friday/2026';
    const path = await writeJsonReport(report, dir);
    expect(await readdir(dir)).toEqual(['Black-Friday-2026-20261124T153000Z.json']);
    expect(path).toBe(join(dir, 'Black-Friday-2026-20261124T153000Z.json'));
  });
});

describe('readJsonReport', () => {
  it('reads back what was written', async () => {
    const path = await writeJsonReport(reportFixture(), dir);
    expect(await readJsonReport(path)).toEqual(reportFixture());
  });

  async function rejection(content: string | null): Promise<UserError> {
    const path = join(dir, 'r.json');
    if (content !== null) await writeFile(path, content);
    const error = await readJsonReport(path).then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(UserError);
    const message = (error as UserError).message;
    expect(message).not.toContain('\n');
    expect(message.startsWith(path)).toBe(true);
    return error as UserError;
  }

  it('refuses a missing file with one line', async () => {
    expect((await rejection(null)).message).toContain('no such file');
  });

  it('refuses a file that is not JSON', async () => {
    expect((await rejection('{"schema": ')).message).toContain('not a JSON file');
  });

  it('refuses JSON that is not a polyglot-bench report', async () => {
    expect((await rejection('{"schema": "k6.summary"}')).message).toContain('not a polyglot-bench report');
    expect((await rejection('[1, 2]')).message).toContain('not a polyglot-bench report');
  });

  it('refuses another schema version, naming both', async () => {
    const report = { ...reportFixture(), schemaVersion: 2 };
    const message = (await rejection(JSON.stringify(report))).message;
    expect(message).toContain('report schema version 2');
    expect(message).toContain('reads version 1');
  });

  it('refuses a report whose layouts are missing', async () => {
    const { layouts: _layouts, ...damaged } = reportFixture();
    expect((await rejection(JSON.stringify(damaged))).message).toContain('damaged report');
  });
});
