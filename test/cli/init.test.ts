// `init` writes a starter scenario that validates, and never overwrites a file. Spawns the built CLI.
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

const BIN = join(process.cwd(), 'bin/polyglot-bench.js');

function cli(cwd: string, ...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [BIN, ...args], { cwd }, (error, stdout, stderr) => {
      resolve({ code: error ? Number(error.code) : 0, stdout, stderr });
    });
  });
}

describe('polyglot-bench init', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'pgb-init-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('writes scenario.yaml by default, commented, and it passes validate', async () => {
    const init = await cli(dir, 'init');
    expect(init.code).toBe(0);
    const text = await readFile(join(dir, 'scenario.yaml'), 'utf8');
    expect(text).toMatch(/^# /);
    expect(text).toContain('name: scenario');
    const validate = await cli(dir, 'validate', 'scenario.yaml');
    expect(validate.stderr).toBe('');
    expect(validate.code).toBe(0);
    expect(validate.stdout).toContain('OK');
  });

  it('names the scenario after the file it writes', async () => {
    expect((await cli(dir, 'init', 'Black Friday.yaml')).code).toBe(0);
    expect(await readFile(join(dir, 'Black Friday.yaml'), 'utf8')).toContain('name: black-friday');
    expect((await cli(dir, 'validate', 'Black Friday.yaml')).code).toBe(0);
  });

  it('refuses an existing file in one line, exit 2, and leaves it as it was', async () => {
    const file = join(dir, 'mine.yaml');
    await writeFile(file, 'my own work\n');
    const result = await cli(dir, 'init', 'mine.yaml');
    expect(result.code).toBe(2);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toContain('mine.yaml already exists');
    expect(await readFile(file, 'utf8')).toBe('my own work\n');
  });
});
