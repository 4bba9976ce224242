// The container recipe of each server engine that has one (its descriptor's server.container), by kind: what
// `--provision docker` starts. docker-compose.yml declares the same services by hand, and
// test/provision/compose-file.test.ts holds the two equal.
import type { ContainerRecipe, HealthTest } from '../../stores/container-recipe.js';
import { byServerKind } from '../../stores/engine-lookup.js';

export type { HealthTest };
export type EngineContainer = ContainerRecipe;

export const ENGINE_CONTAINERS: Readonly<Record<string, EngineContainer>> = byServerKind(
  (engine) => engine.server.container,
);

export function engineContainer(engine: string): EngineContainer | undefined {
  return Object.hasOwn(ENGINE_CONTAINERS, engine) ? ENGINE_CONTAINERS[engine] : undefined;
}
