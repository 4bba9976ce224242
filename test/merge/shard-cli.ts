// The built CLI run to completion, and the reports it wrote: what the shard and merge suites drive.
import { execFile } from 'node:child_process';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Report } from '../../src/metrics/types.js';

export interface Ran {
  code: number;
  stdout: string;
  stderr: string;
}

export function cli(args: string[], env: NodeJS.ProcessEnv = {}): Promise<Ran> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['bin/polyglot-bench.js', ...args],
      { env: { ...process.env, ...env }, maxBuffer: 16 * 1024 * 1024 },
      (error, stdout, stderr) =>
        resolve({ code: error ? ((error as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    );
  });
}

/** The JSON reports in dir, by file name. */
export async function reportsIn(dir: string): Promise<Array<{ file: string; report: Report }>> {
  const files = (await readdir(dir)).filter((f) => f.endsWith('.json')).sort();
  return Promise.all(
    files.map(async (f) => ({
      file: join(dir, f),
      report: JSON.parse(await readFile(join(dir, f), 'utf8')) as Report,
    })),
  );
}
