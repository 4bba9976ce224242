// Real-server suites: where the server is, and whether to run. On a laptop without the server a suite is
// skipped with a note; in CI (CI=true) a missing server is a failure, never a skip.
import net from 'node:net';
import { describe, it } from 'vitest';
import { redactedAddress } from '../../src/stores/server-address.js';
import { LOCAL_URLS, engineUrlVariable } from '../../src/provision/local-endpoints.js';

export function serverUrl(engine: string): string {
  const url = process.env[engineUrlVariable(engine)] ?? LOCAL_URLS[engine];
  if (!url) throw new Error(`no default address for ${engine}`);
  return url;
}

function tcpAnswers(url: string, timeoutMs = 1500): Promise<boolean> {
  const parsed = new URL(url);
  const port =
    Number(parsed.port) || ({ 'http:': 80, 'https:': 443 } as Record<string, number>)[parsed.protocol];
  return new Promise((resolve) => {
    const socket = net.connect({ host: parsed.hostname, port: port ?? 0 });
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

/**
 * describe() for a suite that needs a real server. Resolves reachability first (top-level await in the test
 * file): absent + CI → a failing test that says which server and address; absent elsewhere → skipped.
 */
export async function describeWithServer(engine: string, body: (url: string) => void): Promise<void> {
  const url = serverUrl(engine);
  const redacted = redactedAddress(url);
  if (await tcpAnswers(url)) {
    describe(`${engine} server at ${redacted}`, () => body(url));
    return;
  }
  if (process.env.CI === 'true') {
    describe(`${engine} server at ${redacted}`, () => {
      it('is running (required in CI)', () => {
        throw new Error(
          `${engine} server not reachable at ${redacted}: CI must start it (scripts/local-stores.sh up)`,
        );
      });
    });
    return;
  }
  describe.skip(`${engine} server at ${redacted} (not reachable: start it with scripts/local-stores.sh up)`, () =>
    body(url));
}
