// The engine list (src/stores/engines.ts) and what every other table is derived from it: each descriptor lives in
// its engine's folder and says of its factory what the factory says of itself (kind, roles, embedded), an embedded
// engine's store reports the engine label and atomic checkout its descriptor declares, a server engine's URLs use
// its own schemes, and the registry refuses an unknown kind in one line that lists the known ones.
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { UserError } from '../../src/errors.js';
import { COMPOSE_URLS } from '../../src/provision/compose-endpoints.js';
import { ENGINE_CONTAINERS } from '../../src/provision/docker/engines.js';
import { LOCAL_URLS } from '../../src/provision/local-endpoints.js';
import { SERVER_ENGINES } from '../../src/stores/engine-lookup.js';
import { ENGINES } from '../../src/stores/engines.js';
import { EMBEDDED_STORE_KINDS, SERVER_STORE_KINDS, STORE_KINDS } from '../../src/stores/kinds.js';
import { hasStoreAdapter, storeFactory } from '../../src/stores/registry.js';

describe('the engine list', () => {
  it('names each kind once, embedded engines first', () => {
    const kinds = ENGINES.map(({ kind }) => kind);
    expect(new Set(kinds).size).toBe(kinds.length);
    expect(STORE_KINDS).toEqual(kinds);
    expect([...EMBEDDED_STORE_KINDS, ...SERVER_STORE_KINDS]).toEqual(kinds);
    for (const kind of kinds) expect(hasStoreAdapter(kind)).toBe(true);
  });

  it("keeps each descriptor in its engine's folder", () => {
    for (const { kind } of ENGINES) {
      expect(existsSync(new URL(`../../src/stores/${kind}/descriptor.ts`, import.meta.url)), kind).toBe(true);
    }
  });

  it('refuses an unknown kind in one line that lists the known ones', async () => {
    const refusal = storeFactory('oracle');
    await expect(refusal).rejects.toBeInstanceOf(UserError);
    await expect(storeFactory('oracle')).rejects.toThrow(
      `unknown store engine "oracle" (known: ${STORE_KINDS.join(', ')})`,
    );
    expect(hasStoreAdapter('oracle')).toBe(false);
  });
});

describe.each(ENGINES.map((descriptor) => [descriptor.kind, descriptor] as const))(
  '%s descriptor',
  (_kind, descriptor) => {
    it('says of its factory what the factory says of itself', async () => {
      const factory = await storeFactory(descriptor.kind);
      expect(factory.kind).toBe(descriptor.kind);
      expect([...factory.roles].sort()).toEqual([...descriptor.roles].sort());
      expect(factory.embedded).toBe(descriptor.embedded);
    });

    // Server stores need their server to be opened; their labels and checkouts are the server suites' business.
    if (!descriptor.embedded) return;
    it('declares the engine label and atomic checkout its stores have', async () => {
      const store = await (await storeFactory(descriptor.kind)).create();
      try {
        expect(store.info.engine).toBe(descriptor.engine);
        expect(store.atomicCheckout !== undefined).toBe(descriptor.capabilities.atomicCheckout === 'yes');
      } finally {
        await store.close();
      }
    });
  },
);

describe('server facts', () => {
  it('are where the endpoint tables come from', () => {
    for (const { kind, server } of SERVER_ENGINES) {
      expect(LOCAL_URLS[kind], kind).toBe(server.local?.url);
      expect(COMPOSE_URLS[kind], kind).toBe(server.compose?.url);
      expect(ENGINE_CONTAINERS[kind], kind).toBe(server.container);
    }
    expect(Object.keys(LOCAL_URLS).every((kind) => SERVER_STORE_KINDS.includes(kind))).toBe(true);
  });

  it("use the engine's own URL schemes everywhere", () => {
    for (const { kind, server } of SERVER_ENGINES) {
      const schemes = Object.keys(server.defaultPorts);
      expect(schemes.length, kind).toBeGreaterThan(0);
      const urls = [server.local?.url, server.compose?.url, server.container?.url('127.0.0.1', 1)];
      for (const url of urls.filter((u) => u !== undefined)) {
        expect(schemes, `${kind}: ${url}`).toContain(new URL(url).protocol);
      }
    }
  });
});
