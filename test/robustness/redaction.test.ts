// Issue 14, defect 4: a password must never reach a terminal or a report — not from a URL that cannot be parsed
// (port 99999, "54x32"), not from a ?password=… query parameter (which pg honours).
import { execFile } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { redactedAddress } from '../../src/stores/server-address.js';
import { ownPostgresDatabase } from '../servers/own-postgres-database.js';
import { describeWithServer, serverUrl } from '../servers/server.js';

const SECRET = 'hunter2';

function cli(args: string[], env: NodeJS.ProcessEnv): Promise<{ code: number; output: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, ['bin/polyglot-bench.js', ...args], { env }, (error, stdout, stderr) => {
      resolve({ code: error ? Number(error.code) : 0, output: `${stdout}\n${stderr}` });
    });
  });
}

describe('redactedAddress', () => {
  it.each([
    ['postgres://app:hunter2@db:99999/shop', 'postgres://app:***@db:99999/shop'],
    ['postgres://app:hunter2@db:54x32/shop', 'postgres://app:***@db:54x32/shop'],
    ['mongodb://app:hunter2@a:1,b:2/shop?replicaSet=rs', 'mongodb://app:***@a:1,b:2/shop?replicaSet=rs'],
    [
      'postgres://app@db:5432/shop?password=hunter2&sslmode=require',
      'postgres://app@db:5432/shop?password=***&sslmode=require',
    ],
    [
      'postgres://db:99999/shop?sslmode=require&PassWord=hunter2',
      'postgres://db:99999/shop?sslmode=require&PassWord=***',
    ],
    ['http://db:8123/?user=app&api_key=hunter2', 'http://db:8123/?user=app&api_key=***'],
    ['redis://:hunter2@127.0.0.1:6379', 'redis://:***@127.0.0.1:6379'],
  ])('%s → %s', (url, expected) => {
    expect(redactedAddress(url)).toBe(expected);
  });

  it('keeps what holds no secret as it was', () => {
    expect(redactedAddress('mongodb://db:27017/?authSource=admin')).toBe(
      'mongodb://db:27017/?authSource=admin',
    );
    expect(redactedAddress('postgres://app@db:5432/shop')).toBe('postgres://app@db:5432/shop');
  });
});

describe('stores check', () => {
  it.each([
    'postgres://postgres:hunter2@127.0.0.1:99999/test',
    'postgres://postgres:hunter2@127.0.0.1:54x32/test',
    'postgres://postgres@127.0.0.1:1/test?password=hunter2',
  ])('never prints the password of %s', async (url) => {
    const result = await cli(['stores', 'check', '--stores', 'local'], {
      ...process.env,
      POLYGLOT_BENCH_POSTGRES_URL: url,
    });
    expect(result.code).toBe(2);
    expect(result.output).toContain('***');
    expect(result.output).not.toContain(SECRET);
  });
});

await describeWithServer('postgres', () => {
  it('keeps a ?password= parameter out of the report JSON and the terminal', async () => {
    const database = ownPostgresDatabase(serverUrl('postgres'), 'pgb_redaction_test');
    const dir = await mkdtemp(join(tmpdir(), 'pgb-redact-'));
    await database.create();
    try {
      const file = join(dir, 'secret.yaml');
      const url = new URL(database.url);
      url.searchParams.set('password', SECRET);
      await writeFile(
        file,
        `name: secret\nseed: 1\ndata: { users: 20, products: 20, categories: 2, historicalOrders: 10 }\n` +
          `layouts: [{ name: pg, roles: { inventory: mine, default: pglite } }]\n` +
          `stores: { mine: { engine: postgres, url: "${url.toString()}" } }\n` +
          `load: { model: open, phases: [{ duration: 1s, arrivalRate: 5 }] }\nwarmup: 0s\n`,
      );
      const out = join(dir, 'out');
      const result = await cli(['run', file, '--out', out, '--no-progress'], process.env);
      expect(result.code, result.output).toBe(0);
      expect(result.output).not.toContain(SECRET);
      const [json] = (await readdir(out)).filter((name) => name.endsWith('.json'));
      const text = await readFile(join(out, json!), 'utf8');
      expect(text).toContain('password=***');
      expect(text).not.toContain(SECRET);
    } finally {
      await database.drop();
      await rm(dir, { recursive: true, force: true });
    }
  }, 120_000);
});
