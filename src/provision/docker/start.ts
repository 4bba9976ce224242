// `--provision docker`: one throwaway container per engine through testcontainers, with the images and settings of
// docker-compose.yml (./engines.ts), each on a free host port; the result is the adapters' URLs and a stop().
//
// UNTESTED HERE: the development and CI machines have no Docker engine, so everything past the availability check
// has never run on them. It is written to testcontainers' documented API (GenericContainer, withExposedPorts,
// withEnvironment, withCommand, withWaitStrategy(Wait.forSuccessfulCommand), getHost, getMappedPort, stop) as of
// testcontainers 11.14, the last line that supports Node 20.
import type { StartedTestContainer } from 'testcontainers';

import { UserError, errorMessage } from '../../errors.js';
import { dockerAvailable } from './available.js';
import { ENGINE_CONTAINERS, engineContainer, type EngineContainer } from './engines.js';

export interface StartOptions {
  /** Progress lines ("docker: redis ready at redis://localhost:32768"), for a terminal that shows them. */
  onStatus?: (line: string) => void;
}

export interface StartedEngines {
  /** engine → adapter URL, for the engines asked for. */
  urls: Record<string, string>;
  /** Stops and removes every container; a second call does nothing. */
  stop(): Promise<void>;
}

const HINT = 'start Docker, or use --stores compose, or scripts/local-stores.sh for local servers';
// Image pulls are not counted (testcontainers pulls before it creates the container); this is server start-up,
// where Neo4j and ClickHouse take tens of seconds on a laptop.
const STARTUP_TIMEOUT_MS = 180_000;

type Testcontainers = typeof import('testcontainers');
interface Running {
  engine: string;
  container: StartedTestContainer;
}

export async function startContainers(
  engines: string[],
  options: StartOptions = {},
): Promise<StartedEngines> {
  const status = options.onStatus ?? (() => {});
  const wanted = [...new Set(engines)];
  const unknown = wanted.filter((engine) => !engineContainer(engine));
  if (unknown.length > 0) {
    throw new UserError(
      `--provision docker: no container recipe for ${unknown.join(', ')} (known: ${Object.keys(ENGINE_CONTAINERS).join(', ')})`,
    );
  }
  if (wanted.length === 0) return { urls: {}, stop: async () => {} };

  // Before testcontainers is even loaded: its discovery is slow to give up and its error spans many lines.
  const availability = await dockerAvailable();
  if (!availability.ok) throw new UserError(`--provision docker: ${availability.reason}; ${HINT}`);
  const testcontainers = await loadTestcontainers();
  status(`docker: engine at ${availability.endpoint}; starting ${wanted.join(', ')}`);

  const settled = await Promise.allSettled(
    wanted.map((engine) => startOne(testcontainers, engine, recipe(engine), status)),
  );
  const running = settled.flatMap((result) => (result.status === 'fulfilled' ? [result.value] : []));
  const stop = stopOnce(running);
  const failed = settled.findIndex((result) => result.status === 'rejected');
  const failure = settled[failed];
  if (failure?.status === 'rejected') {
    await stop();
    const engine = wanted[failed] ?? '?';
    throw new UserError(
      `--provision docker: ${engine} (${recipe(engine).image}) did not start: ${firstLine(errorMessage(failure.reason))}`,
    );
  }

  const urls: Record<string, string> = {};
  for (const { engine, container } of running) {
    urls[engine] = recipe(engine).url(container.getHost(), container.getMappedPort(recipe(engine).port));
  }
  return { urls, stop };
}

async function startOne(
  testcontainers: Testcontainers,
  engine: string,
  spec: EngineContainer,
  status: (line: string) => void,
): Promise<Running> {
  const { GenericContainer, Wait } = testcontainers;
  status(`docker: starting ${engine} (${spec.image})`);
  let container = new GenericContainer(spec.image)
    .withExposedPorts(spec.port)
    .withEnvironment(spec.environment)
    // The compose file's health check, run by testcontainers until it passes, and not made a Docker HEALTHCHECK:
    // Docker would keep running it for the container's whole life, and cypher-shell and mongosh each start a
    // runtime — CPU taken from the benchmark. For MongoDB this is also what initiates the replica set.
    .withWaitStrategy(Wait.forSuccessfulCommand(shellCommand(spec.healthcheck.slice(1))))
    .withStartupTimeout(STARTUP_TIMEOUT_MS)
    .withLabels({ 'org.polyglot-bench.engine': engine });
  if (spec.command) container = container.withCommand(spec.command);
  if (spec.shmSize) container = container.withSharedMemorySize(spec.shmSize);
  if (spec.nofile) container = container.withUlimits({ nofile: { soft: spec.nofile, hard: spec.nofile } });

  const started = await container.start();
  status(`docker: ${engine} ready at ${spec.url(started.getHost(), started.getMappedPort(spec.port))}`);
  return { engine, container: started };
}

function stopOnce(running: Running[]): () => Promise<void> {
  let stopping: Promise<void> | undefined;
  return () => {
    stopping ??= Promise.allSettled(running.map(({ container }) => container.stop())).then(() => undefined);
    return stopping;
  };
}

async function loadTestcontainers(): Promise<Testcontainers> {
  try {
    // Loaded only here: the CLI's start-up and every other provisioning path don't pay for it.
    return await import('testcontainers');
  } catch (error) {
    throw new UserError(
      `--provision docker: cannot load testcontainers (${firstLine(errorMessage(error))}); run npm install`,
    );
  }
}

function recipe(engine: string): EngineContainer {
  const spec = engineContainer(engine);
  if (!spec) throw new Error(`no container recipe for ${engine}`);
  return spec;
}

/** The exec-form arguments as one /bin/sh command line (Wait.forSuccessfulCommand runs `sh -c`). */
export function shellCommand(args: string[]): string {
  return args.map((arg) => `'${arg.replaceAll("'", `'\\''`)}'`).join(' ');
}

function firstLine(text: string): string {
  return text.split('\n', 1)[0]?.trim() || 'unknown error';
}
