// `--provision docker`: real servers in throwaway containers (testcontainers), for users with a Docker engine.
// The pieces live in ./docker/: which engine addresses to try (endpoints), the API ping (ping, available), the
// per-engine recipes shared with docker-compose.yml (engines) and the container start (start, which alone loads
// testcontainers, lazily).
export { dockerAvailable, type DockerAvailability } from './docker/available.js';
export { startContainers, type StartOptions, type StartedEngines } from './docker/start.js';
