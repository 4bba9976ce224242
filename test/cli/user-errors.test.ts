// What a user sees when they get something wrong: one line, exit code 2, never a stack trace.
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

function cli(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, ['bin/polyglot-bench.js', ...args], (error, stdout, stderr) => {
      resolve({ code: error ? Number(error.code) : 0, stdout, stderr });
    });
  });
}

describe('CLI user errors', () => {
  it('names file, line:column and field of a bad scenario, exit 2', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'pgb-'));
    const file = join(dir, 'bad.yaml');
    await writeFile(
      file,
      'name: bad\nload:\n  model: open\n  phases:\n    - { duration: 5s, arrivalRate: fast }\n',
    );
    for (const command of ['run', 'validate']) {
      const result = await cli(command, file);
      expect(result.code).toBe(2);
      expect(result.stderr.trim().split('\n')).toHaveLength(1);
      expect(result.stderr).toContain(`${file}:5:`);
      expect(result.stderr).toContain('load.phases[0].arrivalRate');
    }
    await rm(dir, { recursive: true });
  });

  it('rejects a missing file, an unknown flag and a bad duration with exit 2', async () => {
    const missing = await cli('run', 'no-such-scenario.yaml');
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('no-such-scenario.yaml');
    expect((await cli('run', 'scenarios/quickstart.yaml', '--turbo')).code).toBe(2);
    const duration = await cli('run', 'scenarios/quickstart.yaml', '--duration', 'soon');
    expect(duration.code).toBe(2);
    expect(duration.stderr).toContain('--duration');
    const layouts = await cli('run', 'scenarios/quickstart.yaml', '--layouts', 'baseline,mongo');
    expect(layouts.code).toBe(2);
    expect(layouts.stderr).toContain('"mongo"');
  });

  it('validates the shipped scenarios and prints help', async () => {
    const ok = await cli('validate', 'scenarios/quickstart.yaml');
    expect(ok.code).toBe(0);
    expect(ok.stdout).toContain('OK');
    const help = await cli('run', '--help');
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('--duration');
  });
});

describe('CLI with real servers', () => {
  it('stops before any load with one line naming an unreachable store and its address, password redacted', async () => {
    const result = await new Promise<{ code: number; stderr: string }>((resolve) => {
      execFile(
        process.execPath,
        [
          'bin/polyglot-bench.js',
          'run',
          'scenarios/quickstart.yaml',
          '--stores',
          'local',
          '--layouts',
          'polyglot',
        ],
        { env: { ...process.env, POLYGLOT_BENCH_REDIS_URL: 'redis://:hunter2@127.0.0.1:1' } },
        (error, _stdout, stderr) => resolve({ code: error ? Number(error.code) : 0, stderr }),
      );
    });
    expect(result.code).toBe(2);
    const lines = result.stderr.trim().split('\n');
    expect(lines.at(-1)).toBe('polyglot-bench: store redis at redis://:***@127.0.0.1:1: connection refused');
    expect(result.stderr).not.toContain('hunter2');
    expect(result.stderr).not.toContain('opening stores and loading data');
  });

  it('refuses cdc on embedded PGlite before any load, saying why and what to do', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'pgb-'));
    const file = join(dir, 'cdc.yaml');
    await writeFile(
      file,
      'name: cdc\nlayouts: [{ base: polyglot, propagation: cdc }]\n' +
        'load: { phases: [{ duration: 1s, arrivalRate: 1 }] }\n',
    );
    const result = await cli('run', file);
    expect(result.code).toBe(2);
    expect(result.stderr.trim().split('\n').at(-1)).toBe(
      "polyglot-bench: layout polyglot-cdc: propagation cdc reads PostgreSQL's change log, but inventory is on " +
        'pglite (embedded PGlite has no logical decoding); run with --stores local or compose, or choose outbox ' +
        'or dual-write',
    );
    expect(result.stderr).not.toContain('loading data');
    await rm(dir, { recursive: true });
  });

  it('rejects an unknown stores preset', async () => {
    const result = await cli('run', 'scenarios/quickstart.yaml', '--stores', 'cloud');
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('expected one of embedded, local, compose, docker');
  });
});
