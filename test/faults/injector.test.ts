// The fault timeline against one layout: whom each fault hits, how (a proxy before a server, a gate before an
// in-process store), and that it is on exactly between its times and for that store only.
import net from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { FaultInjector } from '../../src/faults/injector.js';
import { nowUs } from '../../src/metrics/clock.js';
import type { ResolvedLayout } from '../../src/layouts/resolve.js';
import type { FaultSpec, StoreSpec } from '../../src/scenario/types.js';

const layout: ResolvedLayout = {
  name: 'split',
  roles: {
    sessions: 'cache',
    catalog: 'docstore',
    inventory: 'pglite',
    orders: 'docstore',
    graph: 'kuzu',
    analytics: 'duckdb',
    search: 'minisearch',
  },
};

const outage = (target: FaultSpec['target'], fromMs: number, toMs: number): FaultSpec => ({
  target,
  fromMs,
  toMs,
  effect: { kind: 'outage', mode: 'refused' },
});

let injector: FaultInjector | null = null;
afterEach(async () => {
  await injector?.close();
  injector = null;
});

describe('fault injector', () => {
  it('resolves a role to the store serving it and skips stores the layout does not use', async () => {
    injector = await FaultInjector.prepare(
      [outage({ role: 'sessions' }, 0, 10), outage({ store: 'redis' }, 0, 10)],
      layout,
      {},
    );
    expect(injector.planned.map((fault) => [fault.store, fault.via])).toEqual([['cache', 'in-process gate']]);
    expect(injector.planned[0]!.description).toBe('sessions → cache: outage (refused), 0s–0.01s');
    expect(injector.notes).toEqual(['fault on store redis (0s–0.01s) skipped: layout split does not use it']);
    expect([...injector.gates.keys()]).toEqual(['cache']);
  });

  it('switches the fault on and off at its times, on that store only', async () => {
    injector = await FaultInjector.prepare([outage({ role: 'graph' }, 40, 120)], layout, {});
    const gate = injector.gates.get('kuzu')!;
    const seen: Array<[unknown, number]> = [];
    const set = gate.set.bind(gate);
    gate.set = (fault) => {
      seen.push([fault, nowUs()]);
      set(fault);
    };
    const startUs = nowUs();
    injector.start(startUs, null);
    const [fault] = injector.planned;
    while (fault!.endedUs === null) await new Promise((r) => setTimeout(r, 10));
    expect(injector.gates.size).toBe(1);
    expect(seen.map(([state]) => state)).toEqual([{ kind: 'outage', mode: 'refused' }, null]);
    // Never early: on no sooner than 40 ms in, off no sooner than 120 ms in, and the recorded window is the real one.
    expect(seen[0]![1] - startUs).toBeGreaterThanOrEqual(40_000);
    expect(seen[1]![1] - startUs).toBeGreaterThanOrEqual(120_000);
    expect(fault!.startedUs).toBeLessThanOrEqual(seen[0]![1]);
    expect(fault!.endedUs).toBeLessThanOrEqual(seen[1]![1]);
    expect(gate.fault).toBeNull();
  });

  it('slows the relay only while a slowRelay fault lasts', async () => {
    const delays: number[] = [];
    injector = await FaultInjector.prepare(
      [{ target: null, fromMs: 10, toMs: 50, effect: { kind: 'slow-relay', delayMs: 300 } }],
      layout,
      {},
    );
    injector.start(nowUs(), { setApplyDelayMs: (ms) => delays.push(ms) });
    await new Promise((r) => setTimeout(r, 100));
    expect(delays).toEqual([300, 0]);
    expect(injector.notes).toEqual([]);
  });

  it('says a slowed relay has no effect on a layout without one', async () => {
    injector = await FaultInjector.prepare(
      [{ target: null, fromMs: 10, toMs: 50, effect: { kind: 'slow-relay', delayMs: 300 } }],
      layout,
      {},
    );
    injector.start(nowUs(), null);
    expect(injector.notes).toEqual([
      'relay: relay slowed by 300 ms per batch, 0.01s–0.05s: no effect, this layout has no relay (one transaction or dual write)',
    ]);
  });

  it('puts a TCP proxy in front of a networked store and points the store at it', async () => {
    const server = net.createServer((socket) => socket.end('hello'));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as net.AddressInfo).port;
    const stores: Record<string, StoreSpec> = {
      redis: { engine: 'redis', url: `redis://:secret@127.0.0.1:${port}`, pool: null, options: {} },
    };
    try {
      injector = await FaultInjector.prepare(
        [outage({ role: 'sessions' }, 30, 400)],
        { ...layout, roles: { ...layout.roles, sessions: 'redis' } },
        stores,
      );
      expect(injector.planned[0]!.via).toBe('tcp-proxy');
      const proxied = new URL(injector.stores.redis!.url!);
      expect(proxied.port).not.toBe(String(port));
      expect(proxied.password).toBe('secret');
      expect(stores.redis!.url).toBe(`redis://:secret@127.0.0.1:${port}`); // the caller's copy is untouched
      const greet = () =>
        new Promise<string>((resolve, reject) => {
          const socket = net.connect(Number(proxied.port), '127.0.0.1');
          let text = '';
          socket.on('data', (chunk) => (text += String(chunk)));
          socket.on('end', () => resolve(text));
          socket.on('error', reject);
        });
      expect(await greet()).toBe('hello');
      injector.start(nowUs(), null);
      await new Promise((r) => setTimeout(r, 100));
      await expect(greet()).rejects.toMatchObject({ code: 'ECONNREFUSED' });
      while (injector.planned[0]!.endedUs === null) await new Promise((r) => setTimeout(r, 10));
      expect(await greet()).toBe('hello');
    } finally {
      await injector?.close();
      injector = null;
      server.close();
    }
  });
});
