// Finding an engine's descriptor by the kind a scenario names, and the server engines with their server facts.
import type { EngineDescriptor, ServerEngine } from './descriptor.js';
import { ENGINES } from './engines.js';

export const SERVER_ENGINES: readonly ServerEngine[] = ENGINES.filter(
  (descriptor): descriptor is ServerEngine => !descriptor.embedded,
);

/** undefined for a kind no engine has (a scenario's typo is caught by its schema; this is for code paths). */
export function engineOf(kind: string): EngineDescriptor | undefined {
  return ENGINES.find((descriptor) => descriptor.kind === kind);
}

export function serverEngineOf(kind: string): ServerEngine | undefined {
  return SERVER_ENGINES.find((descriptor) => descriptor.kind === kind);
}

/** kind → what the picked fact is, for the server engines that have it (in ENGINES order). */
export function byServerKind<T>(pick: (engine: ServerEngine) => T | undefined): Record<string, T> {
  const table: Record<string, T> = {};
  for (const engine of SERVER_ENGINES) {
    const value = pick(engine);
    if (value !== undefined) table[engine.kind] = value;
  }
  return table;
}
