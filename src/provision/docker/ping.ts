// The Docker Engine API's health probe: GET /_ping answers 200 "OK" once the daemon serves requests. A socket file
// alone proves nothing (a stale socket after a crash, Docker Desktop not yet started), and node:http speaks HTTP
// over a unix socket or named pipe by itself, so no client library is loaded for this.
import http from 'node:http';
import https from 'node:https';

import type { DockerEndpoint } from './endpoints.js';

export type PingResult = { ok: true } | { ok: false; reason: string };

/** One attempt, bounded by timeoutMs from start to status line (connect, TLS and response included). */
export function pingDocker(endpoint: DockerEndpoint, timeoutMs: number): Promise<PingResult> {
  if (endpoint.kind === 'invalid') return Promise.resolve({ ok: false, reason: endpoint.reason });
  if (endpoint.kind === 'unchecked') return Promise.resolve({ ok: true });

  return new Promise((resolve) => {
    let settled = false;
    const finish = (result: PingResult) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      request.destroy();
      resolve(result);
    };
    // agent: false — no keep-alive socket left behind to hold the process open after the check.
    const common = { method: 'GET', path: '/_ping', agent: false as const };
    const request =
      endpoint.kind === 'socket'
        ? http.request({ ...common, socketPath: endpoint.socketPath })
        : endpoint.tls
          ? https.request({ ...common, host: endpoint.host, port: endpoint.port, ...endpoint.tls })
          : http.request({ ...common, host: endpoint.host, port: endpoint.port });
    const timer = setTimeout(
      () => finish({ ok: false, reason: `no answer within ${timeoutMs} ms` }),
      timeoutMs,
    );
    request.on('response', (response) => {
      response.resume();
      finish(
        response.statusCode === 200
          ? { ok: true }
          : { ok: false, reason: `GET /_ping answered HTTP ${response.statusCode ?? '?'}` },
      );
    });
    request.on('error', (error) => finish({ ok: false, reason: describeError(error) }));
    request.end();
  });
}

/** "connect ENOENT", "connect ECONNREFUSED", "getaddrinfo ENOTFOUND": the system call and code, no path noise. */
function describeError(error: Error): string {
  const { syscall, code } = error as NodeJS.ErrnoException;
  if (syscall && code) return `${syscall} ${code}`;
  return code ?? firstLine(error.message);
}

function firstLine(text: string): string {
  return text.split('\n', 1)[0]?.trim() || 'unknown error';
}
