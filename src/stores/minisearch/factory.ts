// The MiniSearch store: one index per store, in the tool's process; search is its only role.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { StoreAdapter, StoreFactory } from '../types.js';
import { minisearchRole } from './search.js';

/** The version of the package in use, as the report shows it (its exports hide package.json: found by walking up). */
function minisearchVersion(): string {
  let dir = dirname(createRequire(import.meta.url).resolve('minisearch'));
  for (let depth = 0; depth < 4; depth++, dir = dirname(dir)) {
    try {
      const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as {
        name?: string;
        version?: string;
      };
      if (manifest.name === 'minisearch' && manifest.version) return manifest.version;
    } catch {
      // not this directory
    }
  }
  return 'unknown';
}

export const minisearchFactory: StoreFactory = {
  kind: 'minisearch',
  roles: ['search'],
  embedded: true,

  async create(): Promise<StoreAdapter> {
    return {
      kind: 'minisearch',
      info: { engine: 'MiniSearch', version: minisearchVersion(), embedded: true, address: 'in-process' },
      roles: { search: minisearchRole() },
      async close() {},
    };
  },
};
