// A Redis server of a test's own, on a free port, that the test may stop (SIGSTOP) without harming the shared one
// other suites use.
import { execFile } from 'node:child_process';
import { readFile, rm } from 'node:fs/promises';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Redis } from 'ioredis';
import { sleep } from './cli-process.js';

const run = promisify(execFile);

export interface OwnRedis {
  url: string;
  pid: number;
  stop(): void;
  resume(): void;
  /** Zeroes the server's command statistics (before a run whose calls scriptCalls counts). */
  resetStats(): Promise<void>;
  /** Resolves once the server has run at least n scripts (EVALSHA), polling its command statistics. */
  scriptCalls(n: number): Promise<void>;
  shutdown(): Promise<void>;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const port = (server.address() as net.AddressInfo).port;
      server.close(() => resolve(port));
    });
  });
}

export async function startOwnRedis(): Promise<OwnRedis> {
  const port = await freePort();
  const pidFile = join(tmpdir(), `pgb-redis-${port}.pid`);
  await run('redis-server', [
    '--port',
    String(port),
    '--save',
    '',
    '--appendonly',
    'no',
    '--daemonize',
    'yes',
    '--pidfile',
    pidFile,
  ]);
  let pid = 0;
  for (let attempt = 0; attempt < 100 && pid === 0; attempt += 1) {
    pid = Number((await readFile(pidFile, 'utf8').catch(() => '')).trim()) || 0;
    if (pid === 0) await sleep(50);
  }
  if (pid === 0) throw new Error(`redis-server on port ${port} wrote no pid file`);
  return {
    url: `redis://127.0.0.1:${port}`,
    pid,
    stop: () => process.kill(pid, 'SIGSTOP'),
    resume: () => process.kill(pid, 'SIGCONT'),
    async resetStats() {
      const client = new Redis(`redis://127.0.0.1:${port}`);
      try {
        await client.config('RESETSTAT');
      } finally {
        client.disconnect();
      }
    },
    async scriptCalls(n) {
      const client = new Redis(`redis://127.0.0.1:${port}`);
      try {
        for (;;) {
          const stats = await client.info('commandstats');
          const calls = Number(/^cmdstat_evalsha:calls=(\d+)/m.exec(stats)?.[1] ?? 0);
          if (calls >= n) return;
          await sleep(50);
        }
      } finally {
        client.disconnect();
      }
    },
    async shutdown() {
      try {
        process.kill(pid, 'SIGCONT');
        process.kill(pid, 'SIGTERM');
      } catch {
        // already gone
      }
      await rm(pidFile, { force: true });
    },
  };
}
