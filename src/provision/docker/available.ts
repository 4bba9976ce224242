// Is a Docker engine there? Checked before testcontainers is loaded: its own discovery tries every strategy in
// turn and then throws a multi-line "Could not find a working container runtime strategy", which is neither quick
// nor a message a user can act on.
import { dockerEndpoints, systemContext, type DockerEndpoint } from './endpoints.js';
import { pingDocker } from './ping.js';

export type DockerAvailability = { ok: true; endpoint: string } | { ok: false; reason: string };

export interface AvailabilityOptions {
  /** Per address; the addresses are pinged in parallel, so this bounds the whole check. */
  timeoutMs?: number;
  /** Where DOCKER_HOST and friends are read; process.env by default. */
  env?: NodeJS.ProcessEnv;
  /** The addresses to ping; discovered from env and the usual socket locations by default. */
  endpoints?: DockerEndpoint[];
}

export const DEFAULT_PING_TIMEOUT_MS = 1500;

export async function dockerAvailable(options: AvailabilityOptions = {}): Promise<DockerAvailability> {
  const endpoints = options.endpoints ?? dockerEndpoints(systemContext(options.env ?? process.env));
  const timeoutMs = options.timeoutMs ?? DEFAULT_PING_TIMEOUT_MS;
  const results = await Promise.all(endpoints.map((endpoint) => pingDocker(endpoint, timeoutMs)));
  // The first in discovery order wins, as in testcontainers, not the fastest to answer.
  const index = results.findIndex((result) => result.ok);
  const found = endpoints[index];
  if (found) return { ok: true, endpoint: found.uri };

  const failures = endpoints.map((endpoint, i) => {
    const result = results[i];
    return `${endpoint.uri} (${result && !result.ok ? result.reason : 'not checked'})`;
  });
  const [first, ...others] = failures;
  if (!first) return { ok: false, reason: 'no Docker engine address to check' };
  const also = others.length ? `, nor at ${others.join(', ')}` : '';
  return { ok: false, reason: `no Docker engine answers at ${first}${also}` };
}
