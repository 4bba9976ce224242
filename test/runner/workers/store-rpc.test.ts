// The store RPC of `run --workers N`: a worker's stand-in adapter posts each call over a MessagePort and the main
// thread runs it on the real embedded store. Most tests run both ends in one thread over a real MessageChannel
// (port1 served, port2 the client); the last ones start real worker threads, to check what only a thread can
// show: the reply format as another thread sees it, and that the port neither ends a waiting worker early nor
// keeps an idle one alive.
import { mkdtemp, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { MessageChannel, Worker, type MessagePort } from 'node:worker_threads';
import ts from 'typescript';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { UserError } from '../../../src/errors.js';
import {
  describeAdapter,
  remoteAdapter,
  serveStores,
  type RemoteStoreDescription,
  type RpcReply,
  type ServedStore,
} from '../../../src/runner/workers/store-rpc.js';
import { useSharedPglite } from '../../contracts/shared-pglite.js';
import { ttlcacheFactory } from '../../../src/stores/ttlcache.js';
import type { StoreAdapter } from '../../../src/stores/types.js';
import { wrapMethods } from '../../../src/wrap-methods.js';
import { describeAnalyticsContract } from '../../contracts/analytics.contract.js';
import { describeAtomicCheckoutContract } from '../../contracts/atomic-checkout.contract.js';
import { describeCatalogContract } from '../../contracts/catalog.contract.js';
import { describeCrossStoreContract } from '../../contracts/cross-store.contract.js';
import { describeGraphContract } from '../../contracts/graph.contract.js';
import { describeInventoryContract } from '../../contracts/inventory.contract.js';
import { describeOrdersContract } from '../../contracts/orders.contract.js';
import { describeSearchContract } from '../../contracts/search.contract.js';
import { describeSessionsContract } from '../../contracts/sessions.contract.js';

const INFO = { engine: 'Fake', version: '1', embedded: true, address: 'in-process' };

/** A hand-made store whose methods misbehave on purpose. */
function fakeStore() {
  let release: () => void = () => {};
  const gate = new Promise<void>((resolve) => (release = resolve));
  const sessions = {
    async getCart(sessionId: string) {
      return [{ productId: sessionId.length, quantity: 1 }];
    },
    async clearCart(): Promise<void> {
      throw new UserError('carts are read-only today');
    },
    // Throws before it returns a promise: a synchronous throw must come back the same way.
    getSession(): Promise<null> {
      throw new RangeError('no sessions here');
    },
    async startSession() {
      return { callback: () => 1 };
    },
    async addToCart(_sessionId: string, line: { productId: number; quantity: number }) {
      await new Promise((resolve) => setTimeout(resolve, line.quantity));
      return line.productId;
    },
  };
  const atomicCheckout = {
    async checkoutAtomic(request: { orderId: string }) {
      return { ok: false, reason: 'out-of-stock', productId: request.orderId.length };
    },
  };
  const crossStore = {
    async revenueByFollowerBand(since: number) {
      return new Map([['0', new Date(since)]]);
    },
    async friendsBought() {
      await gate;
      return [];
    },
  };
  const adapter = {
    kind: 'fake',
    info: INFO,
    roles: { sessions },
    atomicCheckout,
    crossStore,
    async close() {},
  } as unknown as StoreAdapter;
  return { adapter, release: () => release() };
}

/** Both ends of one channel, closed after each test. */
function channel(): { server: MessagePort; client: MessagePort } {
  const { port1, port2 } = new MessageChannel();
  opened.push(port1, port2);
  return { server: port1, client: port2 };
}
const opened: MessagePort[] = [];
afterEach(() => {
  for (const port of opened.splice(0)) port.close();
});

/** port.hasRef(): in Node since 18.1, but not in @types/node 20's MessagePort. */
function isRefd(port: MessagePort): boolean {
  return (port as MessagePort & { hasRef(): boolean }).hasRef();
}

function served(adapter: StoreAdapter): ServedStore {
  return { roles: adapter.roles, atomicCheckout: adapter.atomicCheckout, crossStore: adapter.crossStore };
}

describe('describeAdapter', () => {
  it('lists each role’s methods, own and inherited, without the constructor, as cloneable data', async () => {
    class Sessions {
      readonly ttl = 5;
      // An own function property, as the roles' visibleOrders are.
      readonly visible = async () => new Set<string>();
      async getCart() {
        return [];
      }
    }
    class TimedSessions extends Sessions {
      async getSession() {
        return null;
      }
    }
    const adapter = {
      kind: 'fake',
      info: INFO,
      roles: { sessions: new TimedSessions() },
      async close() {},
    } as unknown as StoreAdapter;
    const description = describeAdapter(adapter);
    expect(description).toEqual({ kind: 'fake', info: INFO, roles: { sessions: expect.any(Array) } });
    expect([...description.roles.sessions!].sort()).toEqual(['getCart', 'getSession', 'visible']);
    expect(structuredClone(description)).toEqual(description);
  });

  it('says whether a real adapter has a one-transaction checkout and cross-store queries', async () => {
    const cache = await ttlcacheFactory.create();
    try {
      const description = describeAdapter(cache);
      expect(description.atomicCheckout).toBeUndefined();
      expect(description.crossStore).toBeUndefined();
      expect([...description.roles.sessions!].sort()).toEqual([
        'addToCart',
        'clearCart',
        'getCart',
        'getSession',
        'startSession',
      ]);
    } finally {
      await cache.close();
    }
    const { adapter } = fakeStore();
    const description = describeAdapter(adapter);
    expect(description.atomicCheckout).toEqual(['checkoutAtomic']);
    expect(description.crossStore).toEqual(['revenueByFollowerBand', 'friendsBought']);
  });
});

describe('a remote adapter over a MessageChannel', () => {
  it('gives the same session answers as the ttlcache store itself, through fault-gate-like proxies', async () => {
    const cache = await ttlcacheFactory.create();
    try {
      const { server, client } = channel();
      // wrapMethods is what the fault gates put in front of a store's role objects.
      const sessions = wrapMethods(
        cache.roles.sessions!,
        (_name, call) =>
          (...args) =>
            call(args),
      );
      serveStores(server, new Map([['cache', { roles: { sessions } }]]));
      const remote = remoteAdapter(client, 'cache', describeAdapter(cache));
      expect(remote.kind).toBe('ttlcache');
      expect(remote.info).toEqual(cache.info);
      expect(remote.footprint).toBeUndefined();
      expect(remote.warnings).toBeUndefined();

      const direct = cache.roles.sessions!;
      const viaPort = remote.roles.sessions!;
      for (const [api, id] of [
        [direct, 'direct'],
        [viaPort, 'remote'],
      ] as const) {
        await api.startSession({ id, userId: 7 }, 3600);
        await api.addToCart(id, { productId: 9, quantity: 1 });
        await api.addToCart(id, { productId: 2, quantity: 3 });
        await api.addToCart(id, { productId: 9, quantity: 2 });
      }
      expect(await viaPort.getCart('remote')).toEqual(await direct.getCart('direct'));
      expect(await viaPort.getCart('direct')).toEqual(await direct.getCart('direct'));
      const { createdAt: _at, ...session } = (await viaPort.getSession('remote'))!;
      expect(session).toEqual({ id: 'remote', userId: 7, cart: await direct.getCart('direct') });
      await remote.close();
    } finally {
      await cache.close();
    }
  });

  it('rejects with the served method’s error name and message, thrown or returned', async () => {
    const cache = await ttlcacheFactory.create();
    try {
      const { server, client } = channel();
      serveStores(server, new Map([['cache', served(cache)]]));
      const remote = remoteAdapter(client, 'cache', describeAdapter(cache));
      const failure = await remote.roles
        .sessions!.addToCart('gone', { productId: 1, quantity: 1 })
        .catch((e) => e);
      expect(failure).toBeInstanceOf(Error);
      expect(failure.name).toBe('Error');
      expect(failure.message).toBe('session gone does not exist or has expired');
      // Where it really failed: the main thread's stack, as the cause.
      expect(String(failure.cause)).toContain('does not exist or has expired');
    } finally {
      await cache.close();
    }

    const { adapter } = fakeStore();
    const { server, client } = channel();
    serveStores(server, new Map([['fake', served(adapter)]]));
    const remote = remoteAdapter(client, 'fake', describeAdapter(adapter));
    await expect(remote.roles.sessions!.clearCart('s')).rejects.toMatchObject({
      name: 'UserError',
      message: 'carts are read-only today',
    });
    await expect(remote.roles.sessions!.getSession('s')).rejects.toMatchObject({
      name: 'RangeError',
      message: 'no sessions here',
    });
  });

  it('turns a result that cannot be cloned into an error naming store, role and method; the port carries on', async () => {
    const { adapter } = fakeStore();
    const { server, client } = channel();
    serveStores(server, new Map([['fake', served(adapter)]]));
    const sessions = remoteAdapter(client, 'fake', describeAdapter(adapter)).roles.sessions!;
    const failure = await sessions.startSession({ id: 's', userId: 1 }, 1).catch((e) => e);
    expect(failure).toMatchObject({ name: 'DataCloneError' });
    expect(failure.message).toContain(
      'store fake: sessions.startSession returned a value that cannot be sent',
    );
    expect(await sessions.getCart('abc')).toEqual([{ productId: 3, quantity: 1 }]);
  });

  it('rejects arguments that cannot be cloned without sending anything', async () => {
    const { adapter } = fakeStore();
    const { server, client } = channel();
    serveStores(server, new Map([['fake', served(adapter)]]));
    const sessions = remoteAdapter(client, 'fake', describeAdapter(adapter)).roles.sessions!;
    const failure = await sessions.getCart((() => 'x') as unknown as string).catch((e) => e);
    expect(failure).toMatchObject({ name: 'DataCloneError' });
    expect(failure.message).toContain('store fake: sessions.getCart was given arguments that cannot be sent');
    expect(isRefd(client)).toBe(false);
    expect(await sessions.getCart('ab')).toEqual([{ productId: 2, quantity: 1 }]);
  });

  it('answers an unknown store, role or method with an error, never a crash', async () => {
    const { adapter } = fakeStore();
    const { server, client } = channel();
    serveStores(server, new Map([['fake', { roles: adapter.roles }]]));
    const real = describeAdapter(adapter);
    const wrong: RemoteStoreDescription = {
      ...real,
      roles: { sessions: [...real.roles.sessions!, 'dropTables', 'toString'], catalog: ['getProduct'] },
    };
    const remote = remoteAdapter(client, 'fake', wrong);
    const sessions = remote.roles.sessions as unknown as Record<string, () => Promise<unknown>>;
    await expect(sessions.dropTables!()).rejects.toThrow('store fake: sessions.dropTables: no such method');
    await expect(sessions.toString!()).rejects.toThrow('store fake: sessions.toString: no such method');
    await expect(remote.roles.catalog!.getProduct(1)).rejects.toThrow(
      'store fake: catalog.getProduct: store fake does not serve catalog',
    );
    // Described, but this server was given no atomic checkout.
    await expect(remote.atomicCheckout!.checkoutAtomic({} as never)).rejects.toThrow(
      'store fake does not serve atomicCheckout',
    );
    const stranger = remoteAdapter(client, 'elsewhere', real);
    await expect(stranger.roles.sessions!.getCart('s')).rejects.toThrow(
      'the main thread serves no store elsewhere',
    );
    expect(await remote.roles.sessions!.getCart('s')).toEqual([{ productId: 1, quantity: 1 }]);
  });

  it('calls the one-transaction checkout and the cross-store queries, Maps and Dates intact', async () => {
    const { adapter } = fakeStore();
    const { server, client } = channel();
    serveStores(server, new Map([['fake', served(adapter)]]));
    const remote = remoteAdapter(client, 'fake', describeAdapter(adapter));
    expect(await remote.atomicCheckout!.checkoutAtomic({ orderId: 'abcd' } as never)).toEqual({
      ok: false,
      reason: 'out-of-stock',
      productId: 4,
    });
    const bands = (await remote.crossStore!.revenueByFollowerBand(5)) as unknown as Map<string, Date>;
    expect(bands).toEqual(new Map([['0', new Date(5)]]));
  });

  it('matches concurrent replies to their own calls, whatever order they finish in', async () => {
    const { adapter } = fakeStore();
    const { server, client } = channel();
    serveStores(server, new Map([['fake', served(adapter)]]));
    const sessions = remoteAdapter(client, 'fake', describeAdapter(adapter)).roles.sessions!;
    // addToCart answers its productId after `quantity` ms: the first calls finish last.
    const calls = Array.from({ length: 20 }, (_, i) =>
      sessions.addToCart('s', { productId: i, quantity: 40 - 2 * i }),
    );
    expect(await Promise.all(calls)).toEqual(Array.from({ length: 20 }, (_, i) => i));
  });

  it('shares one port between adapters; close() fails only its own pending calls and then every call', async () => {
    const one = fakeStore();
    const two = fakeStore();
    const { server, client } = channel();
    serveStores(
      server,
      new Map([
        ['one', served(one.adapter)],
        ['two', served(two.adapter)],
      ]),
    );
    const first = remoteAdapter(client, 'one', describeAdapter(one.adapter));
    const second = remoteAdapter(client, 'two', describeAdapter(two.adapter));
    const pendingFirst = first.crossStore!.friendsBought(1);
    const pendingSecond = second.crossStore!.friendsBought(1);
    await first.close();
    await expect(pendingFirst).rejects.toThrow(
      'store one: crossStore.friendsBought: the remote store was closed',
    );
    await expect(first.roles.sessions!.getCart('s')).rejects.toThrow('the remote store is closed');
    // The other adapter on the port is untouched: its call still gets its answer.
    two.release();
    expect(await pendingSecond).toEqual([]);
    expect(await second.roles.sessions!.getCart('xy')).toEqual([{ productId: 2, quantity: 1 }]);
    await second.close();
    // Both closed: the port's client is gone, and a new adapter on the port starts afresh.
    const again = remoteAdapter(client, 'two', describeAdapter(two.adapter));
    expect(await again.roles.sessions!.getCart('xyz')).toEqual([{ productId: 3, quantity: 1 }]);
    await again.close();
  });

  it('holds the port ref’d only while a call is outstanding', async () => {
    const { adapter, release } = fakeStore();
    const { server, client } = channel();
    serveStores(server, new Map([['fake', served(adapter)]]));
    expect(isRefd(server)).toBe(false);
    const remote = remoteAdapter(client, 'fake', describeAdapter(adapter));
    expect(isRefd(client)).toBe(false);
    const waiting = remote.crossStore!.friendsBought(1);
    const quick = remote.roles.sessions!.getCart('s');
    expect(isRefd(client)).toBe(true);
    await quick;
    expect(isRefd(client)).toBe(true);
    release();
    await waiting;
    expect(isRefd(client)).toBe(false);
    await remote.close();
    expect(isRefd(client)).toBe(false);
  });

  it('rejects what is pending when the port closes', async () => {
    const { adapter } = fakeStore();
    const { server, client } = channel();
    serveStores(server, new Map([['fake', served(adapter)]]));
    const pending = remoteAdapter(client, 'fake', describeAdapter(adapter)).crossStore!.friendsBought(1);
    server.close();
    await expect(pending).rejects.toThrow(
      'store fake: crossStore.friendsBought: the port to the main thread closed',
    );
  });
});

/** A real embedded store behind a channel, closed (store and ports) when the suite closes it. */
async function remoteOf(open: () => Promise<StoreAdapter>, store: string): Promise<StoreAdapter> {
  const real = await open();
  const { port1, port2 } = new MessageChannel();
  const server = serveStores(port1, new Map([[store, served(real)]]));
  const remote = remoteAdapter(port2, store, structuredClone(describeAdapter(real)));
  return {
    ...remote,
    async close() {
      await remote.close();
      server.close();
      port1.close();
      await real.close();
    },
  };
}

// The role contracts every store passes, run through the port: the data each role takes and gives (Maps, Sets,
// nested orders) survives the crossing unchanged.
describeSessionsContract('ttlcache through the store RPC', () =>
  remoteOf(() => ttlcacheFactory.create(), 'cache'),
);

describe('PGlite through the store RPC', () => {
  const openPglite = useSharedPglite();
  const open = () => remoteOf(openPglite, 'pglite');
  describeCatalogContract('pglite rpc', open);
  describeInventoryContract('pglite rpc', open);
  describeOrdersContract('pglite rpc', open);
  describeGraphContract('pglite rpc', open);
  describeAnalyticsContract('pglite rpc', open);
  describeAtomicCheckoutContract('pglite rpc', open);
  describeCrossStoreContract('pglite rpc', open);
  describeSearchContract('pglite rpc', open);
});

/**
 * Runs code in a worker thread; resolves with what it posted on parentPort and its exit code. A worker still
 * running after a few seconds is stopped and fails the test: something (a ref'd idle port) kept it alive.
 */
function runWorker(code: string, workerData: unknown, transferList: MessagePort[]) {
  const worker = new Worker(code, { eval: true, workerData, transferList });
  const messages: unknown[] = [];
  worker.on('message', (message) => messages.push(message));
  return new Promise<{ messages: unknown[]; exitCode: number }>((resolve, reject) => {
    const deadline = setTimeout(() => {
      reject(new Error(`the worker did not exit by itself (posted ${JSON.stringify(messages)})`));
      void worker.terminate();
    }, 5_000);
    worker.once('error', reject);
    worker.once('exit', (exitCode) => {
      clearTimeout(deadline);
      resolve({ messages, exitCode });
    });
  });
}

describe('in a real worker thread', () => {
  it('answers a request spoken by hand in the documented format', async () => {
    const { adapter } = fakeStore();
    const { port1, port2 } = new MessageChannel();
    const server = serveStores(port1, new Map([['fake', served(adapter)]]));
    const code = `
      const { workerData, parentPort } = require('node:worker_threads');
      const { port } = workerData;
      const replies = [];
      port.on('message', (reply) => {
        replies.push(reply);
        if (replies.length === 3) { parentPort.postMessage(replies); port.close(); }
      });
      port.postMessage({ id: 7, store: 'fake', target: { role: 'sessions' }, method: 'getCart', args: ['abcd'] });
      port.postMessage({ id: 8, store: 'fake', target: 'atomic', method: 'checkoutAtomic', args: [{ orderId: 'x' }] });
      port.postMessage({ id: 9, store: 'fake', target: { role: 'sessions' }, method: 'clearCart', args: [] });
    `;
    const { messages, exitCode } = await runWorker(code, { port: port2 }, [port2]);
    server.close();
    port1.close();
    expect(exitCode).toBe(0);
    const replies = (messages[0] as RpcReply[]).sort((a, b) => a.id - b.id);
    expect(replies[0]).toEqual({ id: 7, ok: true, value: [{ productId: 4, quantity: 1 }] });
    expect(replies[1]).toEqual({
      id: 8,
      ok: true,
      value: { ok: false, reason: 'out-of-stock', productId: 1 },
    });
    expect(replies[2]).toEqual({
      id: 9,
      ok: false,
      error: { name: 'UserError', message: 'carts are read-only today', stack: expect.any(String) },
    });
  });

  // The worker imports the real module, type-stripped into a temporary directory (no build step).
  let moduleUrl = '';
  let tempDir = '';
  beforeAll(async () => {
    tempDir = await mkdtemp(join(tmpdir(), 'store-rpc-'));
    moduleUrl = pathToFileURL(await transpileInto(tempDir, 'src/runner/workers/store-rpc.ts')).href;
  });
  afterAll(async () => {
    await rm(tempDir, { recursive: true, force: true });
  });

  it('keeps a worker alive while its call is pending, and lets it exit once idle without closing', async () => {
    const { adapter, release } = fakeStore();
    const { port1, port2 } = new MessageChannel();
    const server = serveStores(port1, new Map([['fake', served(adapter)]]));
    // The main thread answers only after a while: a worker that let its port go would exit first, with nothing.
    const timer = setTimeout(release, 300);
    const code = `
      const { workerData, parentPort } = require('node:worker_threads');
      import(workerData.moduleUrl).then(async ({ remoteAdapter }) => {
        const remote = remoteAdapter(workerData.port, 'fake', workerData.description);
        parentPort.postMessage(await remote.crossStore.friendsBought(1));
        parentPort.postMessage(await remote.roles.sessions.getCart('abc'));
        // No close(): an idle port alone must not keep the thread running.
      });
    `;
    const started = Date.now();
    const { messages, exitCode } = await runWorker(
      code,
      { moduleUrl, port: port2, description: describeAdapter(adapter) },
      [port2],
    );
    clearTimeout(timer);
    server.close();
    port1.close();
    expect(exitCode).toBe(0);
    expect(messages).toEqual([[], [{ productId: 3, quantity: 1 }]]);
    expect(Date.now() - started).toBeGreaterThanOrEqual(250);
  });
});

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');

/** Transpiles a source file and the relative imports it keeps at run time into dir; returns its output path. */
async function transpileInto(dir: string, source: string): Promise<string> {
  await writeFile(join(dir, 'package.json'), '{"type":"module"}');
  const done = new Set<string>();
  const visit = async (file: string): Promise<void> => {
    if (done.has(file)) return;
    done.add(file);
    const { outputText } = ts.transpileModule(await readFile(file, 'utf8'), {
      compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 },
    });
    const out = join(dir, relative(ROOT, file).replace(/\.ts$/, '.js'));
    await mkdir(dirname(out), { recursive: true });
    await writeFile(out, outputText);
    for (const [, specifier] of outputText.matchAll(/from '(\.[^']+)\.js'/g)) {
      await visit(resolve(dirname(file), `${specifier}.ts`));
    }
  };
  await visit(join(ROOT, source));
  return join(dir, source.replace(/\.ts$/, '.js'));
}
