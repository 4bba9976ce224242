// How `--provision docker` runs a server engine in a throwaway container: image, environment, command and health
// check. Each server engine's folder holds its own recipe; docker-compose.yml declares the same services by hand
// (users read and edit it), and test/provision/compose-file.test.ts holds the two equal, so `--provision docker`
// and `docker compose up` run the same versions with the same settings. No testcontainers import here: the compose
// test and the CLI read these recipes without loading it.

/** A Docker HEALTHCHECK test in exec form, as compose and the Docker API both take it. */
export type HealthTest = ['CMD', ...string[]];

export interface ContainerRecipe {
  /** Image with an exact version tag. */
  image: string;
  /** The container port the adapter talks to (the only one published). */
  port: number;
  environment: Record<string, string>;
  /** Arguments replacing the image's CMD; absent = the image's own. */
  command?: string[];
  /** Passes once the server accepts the adapter's connections (for MongoDB: once the replica set has a primary). */
  healthcheck: HealthTest;
  /** /dev/shm size in bytes, where the engine needs more than Docker's 64 MB default. */
  shmSize?: number;
  /** nofile limit, where the engine's documentation asks for more than Docker's default. */
  nofile?: number;
  /** The adapter URL of this engine published at host:port, with the credentials the environment sets up. */
  url(host: string, port: number): string;
}
