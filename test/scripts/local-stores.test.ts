// scripts/local-stores.sh as CI uses it: `env` prints only export lines (it is eval'ed), `check` says up/down per
// server, unknown names and the machine's own servers are refused politely. Nothing here starts or stops a server:
// other suites use them at the same time.
import { readdirSync } from 'node:fs';
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { LOCAL_URLS as DEFAULT_URLS } from '../../src/provision/local-endpoints.js';

const SCRIPT = fileURLToPath(new URL('../../scripts/local-stores.sh', import.meta.url));
// The script's own five, then the servers defined in scripts/local-stores.d/, in file-name order.
const SERVERS = [
  ...['postgres', 'mysql', 'redis', 'memcached', 'clickhouse'],
  ...readdirSync('scripts/local-stores.d')
    .filter((file) => file.endsWith('.sh'))
    .sort()
    .map((file) => file.replace(/\.sh$/, '')),
];

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

function run(...args: string[]): Promise<Run> {
  return new Promise((resolve) => {
    execFile('bash', [SCRIPT, ...args], (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
      resolve({ code, stdout, stderr });
    });
  });
}

describe('scripts/local-stores.sh', () => {
  it('is valid bash', async () => {
    const syntax = await new Promise<number>((resolve) =>
      execFile('bash', ['-n', SCRIPT], (error) => resolve(error ? 1 : 0)),
    );
    expect(syntax).toBe(0);
  });

  it('env prints only export lines, for known servers, at their usual addresses', async () => {
    const { code, stdout } = await run('env');
    expect(code).toBe(0);
    for (const line of stdout.trim().split('\n').filter(Boolean)) {
      const match = /^export POLYGLOT_BENCH_([A-Z0-9]+)_URL=(\S+)$/.exec(line);
      expect(match, line).not.toBeNull();
      const name = match?.[1]?.toLowerCase() ?? '';
      expect(SERVERS).toContain(name);
      // ClickHouse moves to another port when 8123 is taken; the others are the machine's fixed addresses.
      if (name !== 'clickhouse') expect(match?.[2]).toBe(DEFAULT_URLS[name]);
    }
  });

  it('check says up or down for each server, and fails when one is down', async () => {
    const { code, stdout } = await run('check');
    const lines = stdout.trim().split('\n');
    expect(lines.map((line) => line.split(/\s+/)[0])).toEqual(SERVERS);
    const states = lines.map((line) => line.split(/\s+/)[2]);
    for (const state of states) expect(['up', 'down']).toContain(state);
    expect(code).toBe(states.includes('down') ? 1 : 0);
  });

  it('env and check agree on what is up', async () => {
    const [env, check] = await Promise.all([run('env'), run('check')]);
    const exported = [...env.stdout.matchAll(/POLYGLOT_BENCH_([A-Z0-9]+)_URL/g)].map((m) =>
      m[1]?.toLowerCase(),
    );
    const up = check.stdout
      .trim()
      .split('\n')
      .filter((line) => line.endsWith(' up'))
      .map((line) => line.split(/\s+/)[0]);
    expect(exported).toEqual(up);
  });

  it('refuses an unknown server name and an unknown command', async () => {
    const unknown = await run('up', 'oracle');
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain(`unknown server "oracle" (known: ${SERVERS.join(' ')})`);
    expect((await run('start')).code).toBe(2);
  });

  it("never stops the machine's own servers", async () => {
    const { code, stderr } = await run('down', 'postgres', 'mysql', 'redis');
    expect(code).toBe(0);
    expect(stderr).toContain('postgres: belongs to this machine, left running');
    expect(stderr).toContain('redis: belongs to this machine, left running');
  });
});
