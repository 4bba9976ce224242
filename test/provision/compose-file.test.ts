// docker-compose.yml is written by hand for users to read; these tests tie it to the engine descriptors so the two
// cannot drift: every server engine with a compose service (server.compose) has that service and no other service
// exists, its URL reaches the service on that host port with those credentials, every service is pinned,
// health-checked and bound to 127.0.0.1 only, MongoDB is a replica set, and each service is the testcontainers
// recipe of the same engine (server.container) — same image, environment, command and health check.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { COMPOSE_URLS } from '../../src/provision/compose-endpoints.js';
import { ENGINE_CONTAINERS } from '../../src/provision/docker/engines.js';
import { SERVER_ENGINES, serverEngineOf } from '../../src/stores/engine-lookup.js';

interface Service {
  image: string;
  environment: Record<string, string>;
  command?: string[];
  ports: PublishedPort[];
  healthTest?: unknown;
  volumes: string[];
  shmSize?: number;
  nofile?: { soft: number; hard: number };
}
interface PublishedPort {
  hostIp?: string;
  published?: number;
  target: number;
}

const COMPOSE_PATH = new URL('../../docker-compose.yml', import.meta.url);
const document = parse(readFileSync(COMPOSE_PATH, 'utf8')) as Record<string, unknown>;
const services = readServices(document);
const declaredVolumes = Object.keys(asRecord(document.volumes ?? {}, 'volumes'));
const composeServices = SERVER_ENGINES.flatMap((engine) => engine.server.compose?.service ?? []);

describe('docker-compose.yml ↔ COMPOSE_URLS', () => {
  it('has the service of every engine with one, and no service of no engine', () => {
    expect(Object.keys(services).sort()).toEqual([...composeServices].sort());
    expect(Object.keys(COMPOSE_URLS).map(serviceName).sort()).toEqual([...composeServices].sort());
  });

  for (const [engine, url] of Object.entries(COMPOSE_URLS)) {
    it(`${engine}: publishes the URL's port on 127.0.0.1`, () => {
      const service = serviceOf(engine);
      const parsed = new URL(url);
      expect(parsed.hostname).toBe('127.0.0.1');
      const hostPort = Number(parsed.port);
      expect(hostPort, `${url} names its port`).toBeGreaterThan(0);
      const mapping = service.ports.find((port) => port.published === hostPort);
      expect(mapping, `${engine} publishes host port ${hostPort}`).toBeDefined();
      expect(mapping?.hostIp).toBe('127.0.0.1');
      expect(mapping?.target).toBe(ENGINE_CONTAINERS[engine]?.port);
    });

    it(`${engine}: the URL's credentials are the ones the service sets up`, () => {
      const check = CREDENTIALS[engine];
      expect(check, `a credential check for ${engine}`).toBeDefined();
      check?.(new URL(url), serviceOf(engine));
    });
  }
});

describe('docker-compose.yml services', () => {
  for (const [name, service] of Object.entries(services)) {
    it(`${name}: image pinned to an exact version`, () => {
      expect(pinnedVersion(service.image), service.image).toBe(true);
    });

    it(`${name}: has a health check`, () => {
      expect(Array.isArray(service.healthTest), `${name} healthcheck.test`).toBe(true);
      const test = service.healthTest as string[];
      expect(['CMD', 'CMD-SHELL']).toContain(test[0]);
      expect(test.length).toBeGreaterThan(1);
    });

    it(`${name}: publishes ports on 127.0.0.1 only`, () => {
      expect(service.ports.length).toBeGreaterThan(0);
      for (const port of service.ports) expect(port.hostIp, JSON.stringify(port)).toBe('127.0.0.1');
    });

    it(`${name}: data volumes are named volumes declared at the top level`, () => {
      for (const volume of service.volumes) {
        const source = volume.split(':')[0] ?? '';
        expect(source, `${volume} is a named volume, not a bind mount`).toMatch(/^[a-z][a-z0-9_-]*$/);
        expect(declaredVolumes).toContain(source);
      }
    });
  }

  it('mongodb runs a replica set that its health check initiates, and the URL connects directly', () => {
    const mongo = serviceOf('mongodb');
    const command = mongo.command ?? [];
    const setName = command[command.indexOf('--replSet') + 1];
    expect(command).toContain('--replSet');
    expect(setName).toMatch(/^\w+$/);
    const script = (mongo.healthTest as string[]).join(' ');
    expect(script).toContain('rs.initiate(');
    expect(script).toContain(`_id: '${setName}'`);
    expect(script).toContain('isWritablePrimary');
    // Without directConnection the driver would switch to the member address from the set's configuration.
    expect(new URL(COMPOSE_URLS.mongodb ?? '').searchParams.get('directConnection')).toBe('true');
  });
});

describe('docker-compose.yml ↔ the testcontainers recipes', () => {
  it('covers the same engines', () => {
    expect(Object.keys(services).sort()).toEqual(Object.keys(ENGINE_CONTAINERS).map(serviceName).sort());
  });

  for (const [engine, recipe] of Object.entries(ENGINE_CONTAINERS)) {
    it(`${engine}: same image, environment, command, health check and limits`, () => {
      const service = serviceOf(engine);
      expect(service.image).toBe(recipe.image);
      expect(service.environment).toEqual(recipe.environment);
      expect(service.command).toEqual(recipe.command);
      expect(service.healthTest).toEqual(recipe.healthcheck);
      expect(service.shmSize).toBe(recipe.shmSize);
      expect(service.nofile).toEqual(
        recipe.nofile ? { soft: recipe.nofile, hard: recipe.nofile } : undefined,
      );
    });
  }
});

describe('pinnedVersion (the rule the image test applies)', () => {
  it('accepts exact version tags and refuses floating ones', () => {
    expect(pinnedVersion('postgres:18.7')).toBe(true);
    expect(pinnedVersion('clickhouse/clickhouse-server:26.8.15.10')).toBe(true);
    expect(pinnedVersion('neo4j:5.26.31-community')).toBe(true);
    expect(pinnedVersion('redis')).toBe(false);
    expect(pinnedVersion('redis:latest')).toBe(false);
    expect(pinnedVersion('redis:8')).toBe(false);
    expect(pinnedVersion('redis:alpine')).toBe(false);
    expect(pinnedVersion('localhost:5000/redis')).toBe(false);
  });
});

// ---------------------------------------------------------------------------------------------------------------
// Credentials: each engine's image reads them from its own variables; a URL without a password needs the setting
// that lets that user in without one.

const CREDENTIALS: Record<string, (url: URL, service: Service) => void> = {
  postgres: (url, { environment: env }) => {
    const user = decodeURIComponent(url.username);
    expect(user).toBe(env.POSTGRES_USER ?? 'postgres');
    expect(url.pathname.slice(1)).toBe(env.POSTGRES_DB ?? user);
    if (url.password) expect(env.POSTGRES_PASSWORD).toBe(decodeURIComponent(url.password));
    else expect(env.POSTGRES_HOST_AUTH_METHOD).toBe('trust');
  },
  mysql: (url, { environment: env }) => {
    const user = decodeURIComponent(url.username);
    const password = decodeURIComponent(url.password);
    expect(url.pathname.slice(1)).toBe(env.MYSQL_DATABASE);
    if (user === 'root') {
      if (password) expect(env.MYSQL_ROOT_PASSWORD).toBe(password);
      else expect(['yes', '1', 'true']).toContain(env.MYSQL_ALLOW_EMPTY_PASSWORD);
    } else {
      expect(env.MYSQL_USER).toBe(user);
      expect(env.MYSQL_PASSWORD ?? '').toBe(password);
    }
  },
  redis: (url, { command = [] }) => {
    const password = decodeURIComponent(url.password);
    const configured = command[command.indexOf('--requirepass') + 1];
    if (password) expect(configured).toBe(password);
    else expect(command).not.toContain('--requirepass');
  },
  memcached: (url, { command = [] }) => {
    // The adapter refuses SASL credentials, so neither side may have any.
    expect(url.username + url.password).toBe('');
    expect(command.some((arg) => arg === '-S' || arg === '--enable-sasl')).toBe(false);
  },
  clickhouse: (url, { environment: env }) => {
    const user = decodeURIComponent(url.username) || 'default';
    const password = decodeURIComponent(url.password);
    if (user === 'default' && !password) {
      // Otherwise the image's entrypoint limits the password-less default user to the container itself.
      expect(env.CLICKHOUSE_SKIP_USER_SETUP).toBe('1');
      expect(env.CLICKHOUSE_PASSWORD ?? '').toBe('');
    } else {
      expect(env.CLICKHOUSE_USER ?? 'default').toBe(user);
      expect(env.CLICKHOUSE_PASSWORD).toBe(password);
    }
  },
  mongodb: (url, { environment: env }) => {
    expect(env.MONGO_INITDB_ROOT_USERNAME ?? '').toBe(decodeURIComponent(url.username));
    expect(env.MONGO_INITDB_ROOT_PASSWORD ?? '').toBe(decodeURIComponent(url.password));
  },
  neo4j: (url, { environment: env }) => {
    const expected = url.username
      ? `${decodeURIComponent(url.username)}/${decodeURIComponent(url.password)}`
      : 'none';
    expect(env.NEO4J_AUTH).toBe(expected);
  },
  opensearch: (url, { environment: env }) => {
    // No credentials in the URL: only a node without the security plugin accepts that.
    expect(url.username).toBe('');
    expect(env.DISABLE_SECURITY_PLUGIN).toBe('true');
  },
  influxdb: (url, { environment: env }) => {
    expect(url.username).toBe('');
    expect(env.INFLUXDB_HTTP_AUTH_ENABLED).toBe('false');
  },
};

// ---------------------------------------------------------------------------------------------------------------
// Reading the compose file: both the short and the long forms the Compose specification allows.

/** A tag that starts with a dotted version number: 18.7, 8.10.2-alpine, 26.8.15.10; not latest, 8 or alpine. */
function pinnedVersion(image: string): boolean {
  const slash = image.lastIndexOf('/');
  const colon = image.indexOf(':', slash + 1);
  if (colon < 0) return false;
  const tag = image.slice(colon + 1).split('@')[0] ?? '';
  return tag !== 'latest' && /^v?\d+\.\d+(\.\d+)*([-_.][\w.-]+)?$/.test(tag);
}

/** The compose service of an engine kind, as its descriptor names it. */
function serviceName(engine: string): string {
  const service = serverEngineOf(engine)?.server.compose?.service;
  if (!service) throw new Error(`${engine} has no compose service in its descriptor`);
  return service;
}

function serviceOf(engine: string): Service {
  const service = services[serviceName(engine)];
  if (!service) throw new Error(`docker-compose.yml has no service ${serviceName(engine)} (${engine})`);
  return service;
}

function readServices(file: Record<string, unknown>): Record<string, Service> {
  const result: Record<string, Service> = {};
  for (const [name, raw] of Object.entries(asRecord(file.services, 'services'))) {
    const service = asRecord(raw, `services.${name}`);
    const healthcheck =
      service.healthcheck === undefined ? {} : asRecord(service.healthcheck, `${name}.healthcheck`);
    const ulimits = service.ulimits === undefined ? {} : asRecord(service.ulimits, `${name}.ulimits`);
    result[name] = {
      image: String(service.image ?? ''),
      environment: readEnvironment(service.environment),
      command: service.command === undefined ? undefined : asStringList(service.command, `${name}.command`),
      ports: asList(service.ports ?? []).map(readPort),
      healthTest: healthcheck.test,
      volumes: asList(service.volumes ?? []).map((volume) =>
        typeof volume === 'string' ? volume : `${String(asRecord(volume, 'volume').source)}:`,
      ),
      shmSize: service.shm_size === undefined ? undefined : readBytes(service.shm_size),
      nofile: ulimits.nofile === undefined ? undefined : readNofile(ulimits.nofile),
    };
  }
  return result;
}

function readEnvironment(raw: unknown): Record<string, string> {
  if (raw === undefined) return {};
  if (Array.isArray(raw)) {
    return Object.fromEntries(
      raw.map((entry) => {
        const [key = '', ...value] = String(entry).split('=');
        return [key, value.join('=')];
      }),
    );
  }
  return Object.fromEntries(Object.entries(asRecord(raw, 'environment')).map(([k, v]) => [k, String(v)]));
}

/** "127.0.0.1:5432:5432", "5432:5432", "5432", with an optional /tcp; or { host_ip, published, target }. */
function readPort(raw: unknown): PublishedPort {
  if (typeof raw === 'object' && raw !== null) {
    const long = raw as Record<string, unknown>;
    return {
      hostIp: long.host_ip === undefined ? undefined : String(long.host_ip),
      published: long.published === undefined ? undefined : Number(long.published),
      target: Number(long.target),
    };
  }
  const parts = String(raw)
    .replace(/\/(tcp|udp)$/, '')
    .split(':');
  const target = Number(parts.pop());
  const published = parts.length ? Number(parts.pop()) : undefined;
  const hostIp = parts.length ? parts.join(':') : undefined;
  return { hostIp, published, target };
}

function readBytes(raw: unknown): number {
  const match = /^(\d+)\s*([kmg]?)b?$/i.exec(String(raw));
  if (!match) throw new Error(`not a byte size: ${String(raw)}`);
  const unit = { '': 1, k: 1024, m: 1024 ** 2, g: 1024 ** 3 }[(match[2] ?? '').toLowerCase()] ?? NaN;
  return Number(match[1]) * unit;
}

function readNofile(raw: unknown): { soft: number; hard: number } {
  if (typeof raw === 'number') return { soft: raw, hard: raw };
  const limits = asRecord(raw, 'nofile');
  return { soft: Number(limits.soft), hard: Number(limits.hard) };
}

function asRecord(value: unknown, what: string): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw new Error(`${what}: not a mapping`);
  return value as Record<string, unknown>;
}

function asList(value: unknown): unknown[] {
  if (!Array.isArray(value)) throw new Error('not a list');
  return value;
}

function asStringList(value: unknown, what: string): string[] {
  if (!Array.isArray(value)) throw new Error(`${what}: use the list form, so arguments are compared exactly`);
  return value.map(String);
}
