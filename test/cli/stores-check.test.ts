// `polyglot-bench stores check --stores local` against the servers CI starts (scripts/local-stores.sh).
import { execFile } from 'node:child_process';
import { expect, it } from 'vitest';
import { describeWithServer } from '../servers/server.js';

function cli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, ['bin/polyglot-bench.js', ...args], (error, stdout, stderr) => {
      resolve({ code: error ? Number(error.code) : 0, stdout, stderr });
    });
  });
}

// Neo4j is the last server scripts/local-stores.sh brings up: when it answers, the others do too.
await describeWithServer('neo4j', () => {
  it('lists every store of the built-in layouts on local servers with engine, version and ping', async () => {
    const result = await cli(['stores', 'check', '--stores', 'local']);
    // The seed's polyglot layout entirely on servers: no embedded stand-in left.
    expect(result.stderr).not.toContain('embedded stand-ins');
    expect(result.code).toBe(0);
    for (const engine of ['PostgreSQL', 'Redis', 'MongoDB', 'Neo4j', 'ClickHouse']) {
      expect(result.stdout).toMatch(new RegExp(`│ \\S+\\s+│ ${engine}\\s+│ \\S`));
    }
    expect(result.stdout).not.toContain('DOWN');
  });
});

it('reports a store that does not answer as DOWN and exits 2', async () => {
  const result = await new Promise<{ code: number; stdout: string }>((resolve) => {
    execFile(
      process.execPath,
      ['bin/polyglot-bench.js', 'stores', 'check', '--stores', 'local'],
      { env: { ...process.env, POLYGLOT_BENCH_POSTGRES_URL: 'postgres://postgres@127.0.0.1:1/test' } },
      (error, stdout) => resolve({ code: error ? Number(error.code) : 0, stdout }),
    );
  });
  expect(result.code).toBe(2);
  expect(result.stdout).toMatch(
    /postgres .*DOWN: store postgres at postgres:\/\/postgres@127\.0\.0\.1:1\/test: connection refused/,
  );
});
