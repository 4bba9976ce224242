// Which Docker engine addresses to check, in the order testcontainers (11.x) tries them, so that "no engine
// answers" here means testcontainers would find none either. One exception, on purpose: a set DOCKER_HOST is the
// only address checked (the docker CLI's contract), where testcontainers would fall back to the default socket.
import { existsSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** One address to ping: a unix socket or Windows named pipe, or host:port over TCP (TLS when asked for). */
export type DockerEndpoint =
  | { uri: string; kind: 'socket'; socketPath: string }
  | {
      uri: string;
      kind: 'tcp';
      host: string;
      port: number;
      tls?: { ca?: Buffer; cert?: Buffer; key?: Buffer };
    }
  /** An address the check cannot ping without more machinery (ssh://): left to testcontainers. */
  | { uri: string; kind: 'unchecked' }
  | { uri: string; kind: 'invalid'; reason: string };

export const DEFAULT_UNIX_SOCKET = '/var/run/docker.sock';
const DEFAULT_NPIPE = 'npipe:////./pipe/docker_engine';

export interface DiscoveryContext {
  env: NodeJS.ProcessEnv;
  platform: NodeJS.Platform;
  home: string;
  uid: number;
  exists(file: string): boolean;
  readText(file: string): string | undefined;
}

export function systemContext(env: NodeJS.ProcessEnv = process.env): DiscoveryContext {
  return {
    env,
    platform: process.platform,
    home: os.homedir(),
    uid: typeof process.getuid === 'function' ? process.getuid() : -1,
    exists: existsSync,
    readText: (file) => {
      try {
        return readFileSync(file, 'utf8');
      } catch {
        return undefined;
      }
    },
  };
}

export function dockerEndpoints(context: DiscoveryContext = systemContext()): DockerEndpoint[] {
  const dockerHost = context.env.DOCKER_HOST?.trim();
  if (dockerHost) return [parseDockerHost(dockerHost, context)];

  const uris: string[] = [];
  // ~/.testcontainers.properties: tc.host (Testcontainers Desktop/Cloud) and docker.host come first there.
  const properties = readProperties(context.readText(path.join(context.home, '.testcontainers.properties')));
  for (const key of ['tc.host', 'docker.host']) {
    const value = properties.get(key);
    if (value) uris.push(value);
  }
  if (context.platform === 'win32') {
    uris.push(DEFAULT_NPIPE);
  } else {
    // Always listed, even when missing: its "connect ENOENT" is the clearest reason to show.
    uris.push(`unix://${DEFAULT_UNIX_SOCKET}`);
    // Rootless Docker, Docker Desktop on macOS and Linux: only those present, as testcontainers does.
    const rootless = [
      context.env.XDG_RUNTIME_DIR ? path.join(context.env.XDG_RUNTIME_DIR, 'docker.sock') : undefined,
      path.join(context.home, '.docker', 'run', 'docker.sock'),
      path.join(context.home, '.docker', 'desktop', 'docker.sock'),
      context.uid >= 0 ? path.join('/run', 'user', String(context.uid), 'docker.sock') : undefined,
    ];
    for (const socket of rootless) if (socket && context.exists(socket)) uris.push(`unix://${socket}`);
  }
  return [...new Set(uris)].map((uri) => parseDockerHost(uri, context));
}

export function parseDockerHost(uri: string, context: DiscoveryContext): DockerEndpoint {
  const scheme = /^([a-z]+):\/\//.exec(uri)?.[1];
  const rest = uri.slice((scheme?.length ?? 0) + 3);
  switch (scheme) {
    case 'unix':
      return rest
        ? { uri, kind: 'socket', socketPath: rest }
        : { uri, kind: 'invalid', reason: 'no socket path after unix://' };
    case 'npipe':
      // npipe:////./pipe/docker_engine → \\.\pipe\docker_engine, the path node's net module takes.
      return { uri, kind: 'socket', socketPath: rest.replace(/^\/*/, '\\\\').replace(/\//g, '\\') };
    case 'tcp':
    case 'http':
    case 'https':
      return tcpEndpoint(uri, context);
    case 'ssh':
      return { uri, kind: 'unchecked' };
    default:
      return {
        uri,
        kind: 'invalid',
        reason: 'not a Docker address: expected unix://, tcp://, npipe:// or ssh://',
      };
  }
}

function tcpEndpoint(uri: string, context: DiscoveryContext): DockerEndpoint {
  let parsed: URL;
  try {
    parsed = new URL(uri.replace(/^tcp:/, 'http:'));
  } catch {
    return { uri, kind: 'invalid', reason: 'not a valid host:port address' };
  }
  const tls = uri.startsWith('https:') || isTruthy(context.env.DOCKER_TLS_VERIFY);
  // 2375/2376: Docker's registered ports for plain and TLS connections.
  const port = Number(parsed.port) || (tls ? 2376 : 2375);
  const host = parsed.hostname.replace(/^\[(.*)\]$/, '$1');
  if (!tls) return { uri, kind: 'tcp', host, port };
  const certDir = context.env.DOCKER_CERT_PATH || path.join(context.home, '.docker');
  const read = (name: string): Buffer | undefined => {
    const text = context.readText(path.join(certDir, name));
    return text === undefined ? undefined : Buffer.from(text);
  };
  return {
    uri,
    kind: 'tcp',
    host,
    port,
    tls: { ca: read('ca.pem'), cert: read('cert.pem'), key: read('key.pem') },
  };
}

function isTruthy(value: string | undefined): boolean {
  return value !== undefined && value !== '' && value !== '0' && value.toLowerCase() !== 'false';
}

/** key=value lines of a Java properties file; comments and blank lines skipped (enough for the keys above). */
function readProperties(text: string | undefined): Map<string, string> {
  const properties = new Map<string, string>();
  for (const line of (text ?? '').split(/\r?\n/)) {
    const trimmed = line.trim();
    if (!trimmed || trimmed.startsWith('#') || trimmed.startsWith('!')) continue;
    const match = /^([^=:\s]+)\s*[=:]\s*(.*)$/.exec(trimmed);
    if (match?.[1] && match[2] !== undefined) properties.set(match[1], match[2].trim());
  }
  return properties;
}
