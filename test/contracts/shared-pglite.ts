// One PGlite engine for a whole test file (starting one costs seconds): started before the file's tests, closed
// after; open() gives each suite a store of its own on it.
import { afterAll, beforeAll } from 'vitest';
import { sharedPglite, type SharedPglite } from '../../src/stores/pglite.js';
import type { StoreAdapter } from '../../src/stores/types.js';

export function useSharedPglite(): () => Promise<StoreAdapter> {
  let engine: SharedPglite | undefined;
  beforeAll(async () => {
    engine = await sharedPglite();
  });
  afterAll(async () => {
    await engine?.close();
  });
  return () => {
    if (!engine) throw new Error('the shared PGlite engine did not start');
    return engine.openStore();
  };
}
