// `--provision docker` on machines without a Docker engine (these development and CI machines): the availability
// check must say no, quickly and in one line, before testcontainers is involved.
//
// NOT TESTED HERE: starting containers. No Docker engine answers on these machines, so the testcontainers path in
// src/provision/docker/start.ts has never run; it is written to testcontainers' documented API. What is tested is
// everything around it: the engine discovery, the /_ping check against stand-in HTTP servers on unix sockets (a
// Docker daemon that answers, one that errs, one that hangs), the one-line UserError, and that the container
// recipes produce the same URLs as the compose file.
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { UserError } from '../../src/errors.js';
import { COMPOSE_URLS } from '../../src/provision/compose-endpoints.js';
import { dockerAvailable, startContainers } from '../../src/provision/docker.js';
import {
  dockerEndpoints,
  parseDockerHost,
  systemContext,
  type DiscoveryContext,
  type DockerEndpoint,
} from '../../src/provision/docker/endpoints.js';
import { ENGINE_CONTAINERS } from '../../src/provision/docker/engines.js';
import { shellCommand } from '../../src/provision/docker/start.js';

const scratch = mkdtempSync(path.join(os.tmpdir(), 'polyglot-docker-'));
const bogusSocket = path.join(scratch, 'no-such-docker.sock');
afterAll(() => rmSync(scratch, { recursive: true, force: true }));
afterEach(() => {
  vi.unstubAllEnvs();
});

describe('dockerAvailable', () => {
  it('says no, with the address and the reason, when DOCKER_HOST names a missing socket', async () => {
    const result = await dockerAvailable({ env: { DOCKER_HOST: `unix://${bogusSocket}` } });
    expect(result).toEqual({
      ok: false,
      reason: `no Docker engine answers at unix://${bogusSocket} (connect ENOENT)`,
    });
  });

  // This machine kind has no Docker engine (see the README, "Real servers without Docker"); on a machine with one, this test is skipped.
  it.skipIf(hasDockerSocket())('says no on this machine, naming the default socket', async () => {
    const env = { ...process.env };
    delete env.DOCKER_HOST;
    const result = await dockerAvailable({ env });
    expect(result.ok).toBe(false);
    if (!result.ok)
      expect(result.reason).toMatch(/^no Docker engine answers at unix:\/\/\/var\/run\/docker\.sock \(/);
  });

  it('says yes when GET /_ping answers 200 over the unix socket', async () => {
    const socket = await serveOnSocket('ok.sock', (request, response) => {
      // What a Docker daemon answers; anything else on the path would be a bug in the check.
      response.writeHead(request.method === 'GET' && request.url === '/_ping' ? 200 : 404).end('OK');
    });
    const result = await dockerAvailable({ env: { DOCKER_HOST: `unix://${socket.path}` } });
    expect(result).toEqual({ ok: true, endpoint: `unix://${socket.path}` });
    await socket.close();
  });

  it('says no when something else answers on the socket', async () => {
    const socket = await serveOnSocket('error.sock', (_request, response) => {
      response.writeHead(500).end();
    });
    const result = await dockerAvailable({ env: { DOCKER_HOST: `unix://${socket.path}` } });
    expect(result).toEqual({
      ok: false,
      reason: `no Docker engine answers at unix://${socket.path} (GET /_ping answered HTTP 500)`,
    });
    await socket.close();
  });

  it('gives up on a daemon that accepts and never answers, within its timeout', async () => {
    const sockets: net.Socket[] = [];
    const server = net.createServer((connection) => sockets.push(connection));
    const socketPath = path.join(scratch, 'hang.sock');
    await new Promise<void>((resolve) => server.listen(socketPath, resolve));
    const started = performance.now();
    const result = await dockerAvailable({ env: { DOCKER_HOST: `unix://${socketPath}` }, timeoutMs: 200 });
    const elapsed = performance.now() - started;
    expect(result).toEqual({
      ok: false,
      reason: `no Docker engine answers at unix://${socketPath} (no answer within 200 ms)`,
    });
    expect(elapsed).toBeGreaterThanOrEqual(190);
    expect(elapsed).toBeLessThan(1500);
    for (const connection of sockets) connection.destroy();
    await new Promise((resolve) => server.close(resolve));
  });

  it('takes the first address in discovery order that answers, and lists every failure otherwise', async () => {
    const socket = await serveOnSocket('second.sock', (_request, response) =>
      response.writeHead(200).end('OK'),
    );
    const missing: DockerEndpoint = { uri: `unix://${bogusSocket}`, kind: 'socket', socketPath: bogusSocket };
    const answering: DockerEndpoint = {
      uri: `unix://${socket.path}`,
      kind: 'socket',
      socketPath: socket.path,
    };
    expect(await dockerAvailable({ endpoints: [missing, answering] })).toEqual({
      ok: true,
      endpoint: answering.uri,
    });
    await socket.close();
    const both = await dockerAvailable({ endpoints: [missing, answering] });
    expect(both.ok).toBe(false);
    if (!both.ok) {
      expect(both.reason).toBe(
        `no Docker engine answers at unix://${bogusSocket} (connect ENOENT), nor at unix://${socket.path} (connect ENOENT)`,
      );
    }
  });

  it('refuses a DOCKER_HOST that is no Docker address without trying it', async () => {
    const result = await dockerAvailable({ env: { DOCKER_HOST: 'ftp://example' } });
    expect(result).toEqual({
      ok: false,
      reason:
        'no Docker engine answers at ftp://example (not a Docker address: expected unix://, tcp://, npipe:// or ssh://)',
    });
  });
});

describe('startContainers without a Docker engine', () => {
  it('rejects promptly with a one-line UserError that says what to do instead', async () => {
    vi.stubEnv('DOCKER_HOST', `unix://${bogusSocket}`);
    const started = performance.now();
    const error = await startContainers(['redis']).catch((caught: unknown) => caught);
    expect(performance.now() - started).toBeLessThan(2000);
    expect(error).toBeInstanceOf(UserError);
    const message = (error as UserError).message;
    expect(message).not.toContain('\n');
    expect(message).toBe(
      `--provision docker: no Docker engine answers at unix://${bogusSocket} (connect ENOENT); ` +
        'start Docker, or use --stores compose, or scripts/local-stores.sh for local servers',
    );
    expect((error as UserError).exitCode).toBe(2);
  });

  it('names an engine it has no recipe for before looking for Docker', async () => {
    vi.stubEnv('DOCKER_HOST', `unix://${bogusSocket}`);
    await expect(startContainers(['redis', 'couchdb'])).rejects.toThrow(
      new UserError(
        '--provision docker: no container recipe for couchdb (known: postgres, mysql, redis, memcached, clickhouse, mongodb, neo4j, opensearch, influxdb)',
      ),
    );
  });

  it('starts nothing and needs no Docker for an empty list', async () => {
    vi.stubEnv('DOCKER_HOST', `unix://${bogusSocket}`);
    const started = await startContainers([]);
    expect(started.urls).toEqual({});
    await started.stop();
  });
});

describe('dockerEndpoints (where to look, as testcontainers does)', () => {
  const context = (overrides: Partial<DiscoveryContext> = {}): DiscoveryContext => ({
    env: {},
    platform: 'linux',
    home: '/home/ada',
    uid: 1000,
    exists: () => false,
    readText: () => undefined,
    ...overrides,
  });

  it('checks only DOCKER_HOST when it is set', () => {
    const endpoints = dockerEndpoints(
      context({ env: { DOCKER_HOST: 'unix:///tmp/d.sock' }, exists: () => true }),
    );
    expect(endpoints).toEqual([{ uri: 'unix:///tmp/d.sock', kind: 'socket', socketPath: '/tmp/d.sock' }]);
  });

  it('otherwise the default socket, then rootless and Docker Desktop sockets that exist', () => {
    const present = new Set(['/run/user/1000/docker.sock', '/home/ada/.docker/desktop/docker.sock']);
    const uris = dockerEndpoints(context({ exists: (file) => present.has(file) })).map((e) => e.uri);
    expect(uris).toEqual([
      'unix:///var/run/docker.sock',
      'unix:///home/ada/.docker/desktop/docker.sock',
      'unix:///run/user/1000/docker.sock',
    ]);
  });

  it('puts tc.host and docker.host from ~/.testcontainers.properties first', () => {
    const properties =
      '# Testcontainers Desktop\ntc.host=tcp://127.0.0.1:49982\ndocker.host = unix:///tmp/x.sock\n';
    const uris = dockerEndpoints(
      context({
        readText: (file) => (file === '/home/ada/.testcontainers.properties' ? properties : undefined),
      }),
    ).map((e) => e.uri);
    expect(uris).toEqual(['tcp://127.0.0.1:49982', 'unix:///tmp/x.sock', 'unix:///var/run/docker.sock']);
  });

  it('uses the named pipe on Windows', () => {
    expect(dockerEndpoints(context({ platform: 'win32' }))).toEqual([
      { uri: 'npipe:////./pipe/docker_engine', kind: 'socket', socketPath: '\\\\.\\pipe\\docker_engine' },
    ]);
  });

  it('reads tcp addresses, with TLS and its certificates when DOCKER_TLS_VERIFY is set', () => {
    expect(parseDockerHost('tcp://10.0.0.5', context())).toEqual({
      uri: 'tcp://10.0.0.5',
      kind: 'tcp',
      host: '10.0.0.5',
      port: 2375,
    });
    const tls = parseDockerHost(
      'tcp://docker.internal:2376',
      context({
        env: { DOCKER_TLS_VERIFY: '1', DOCKER_CERT_PATH: '/certs' },
        readText: (file) => (file.startsWith('/certs/') ? `pem of ${path.basename(file)}` : undefined),
      }),
    );
    expect(tls).toMatchObject({ kind: 'tcp', host: 'docker.internal', port: 2376 });
    expect(tls.kind === 'tcp' && tls.tls?.ca?.toString()).toBe('pem of ca.pem');
    expect(parseDockerHost('ssh://me@box', context()).kind).toBe('unchecked');
  });
});

describe('container recipes', () => {
  it('give, at the compose ports, exactly the URLs the compose file publishes', () => {
    expect(Object.keys(ENGINE_CONTAINERS).sort()).toEqual(Object.keys(COMPOSE_URLS).sort());
    for (const [engine, recipe] of Object.entries(ENGINE_CONTAINERS)) {
      const composeUrl = COMPOSE_URLS[engine] ?? '';
      expect(recipe.url('127.0.0.1', Number(new URL(composeUrl).port)), engine).toBe(composeUrl);
    }
  });

  it('turn health checks into sh -c command lines that keep every argument whole', () => {
    expect(shellCommand(['mongosh', '--eval', "rs.initiate({ _id: 'rs0' })"])).toBe(
      `'mongosh' '--eval' 'rs.initiate({ _id: '\\''rs0'\\'' })'`,
    );
    for (const recipe of Object.values(ENGINE_CONTAINERS)) expect(recipe.healthcheck[0]).toBe('CMD');
  });

  it('testcontainers is imported lazily: no static import of it anywhere in src/', () => {
    const offenders = sourceFiles(new URL('../../src/', import.meta.url).pathname).filter((file) =>
      /^\s*import\s+(?!type\b)[^;]*from\s+['"]testcontainers['"]/m.test(readFileSync(file, 'utf8')),
    );
    expect(offenders).toEqual([]);
  });
});

/** True when some address the default discovery would try exists: then this machine may have an engine. */
function hasDockerSocket(): boolean {
  const env = { ...process.env };
  delete env.DOCKER_HOST;
  return dockerEndpoints(systemContext(env)).some(
    (endpoint) => endpoint.kind !== 'socket' || existsSync(endpoint.socketPath),
  );
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return entry.name.endsWith('.ts') ? [full] : [];
  });
}

async function serveOnSocket(
  name: string,
  handler: http.RequestListener,
): Promise<{ path: string; close(): Promise<void> }> {
  const socketPath = path.join(scratch, name);
  const server = http.createServer(handler);
  await new Promise<void>((resolve) => server.listen(socketPath, resolve));
  return {
    path: socketPath,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
