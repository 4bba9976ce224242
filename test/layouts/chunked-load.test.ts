// loadDataset hands the history and the follows and likes to the stores a chunk at a time; on the embedded
// engines, a load in small chunks (SMALL_CHUNKS) holds exactly what a load in one chunk holds.
import { describe, it } from 'vitest';
import { BUILTIN_LAYOUT_MAPPINGS } from '../../src/layouts/builtin.js';
import {
  ONE_CHUNK,
  SMALL_CHUNKS,
  embeddedStores,
  expectSameAsOneChunk,
  loadedState,
} from './chunked-load.js';

const EMBEDDED = embeddedStores(['pglite', 'docstore', 'kuzu', 'duckdb', 'minisearch', 'ttlcache']);

describe.each(['polyglot', 'baseline'])('loading the history in chunks, %s layout (embedded)', (name) => {
  const roles = BUILTIN_LAYOUT_MAPPINGS[name]!;

  // One test per layout: opening the embedded engines (PGlite above all) costs seconds, the loads do not.
  it('holds every historical order once in every store that keeps them, as a load in one chunk does', async () => {
    const chunked = await loadedState(roles, EMBEDDED, SMALL_CHUNKS);
    const whole = await loadedState(roles, EMBEDDED, ONE_CHUNK);
    expectSameAsOneChunk(chunked, whole);
  }, 60_000);
});
