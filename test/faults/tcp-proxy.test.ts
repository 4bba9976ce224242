// The fault proxy between a client and a small TCP server started here: byte-exact forwarding, each fault at the
// socket level (latency, refused, hung), a server that is down, close(); and a real Redis through it.
import { randomBytes, randomUUID } from 'node:crypto';
import net from 'node:net';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { Redis } from 'ioredis';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { proxiedUrl, proxyTargetOf } from '../../src/faults/proxy-url.js';
import { startFaultProxy, type FaultProxy } from '../../src/faults/tcp-proxy.js';
import { describeWithServer } from '../servers/server.js';

interface TestServer {
  port: number;
  /** Bytes the server has read so far, over all its connections. */
  received(): number;
  /** Connections the server has open now. */
  open(): number;
  close(): Promise<void>;
}

/** A server on loopback; handle decides what it does with each connection. */
async function startServer(handle: (socket: net.Socket) => void): Promise<TestServer> {
  const sockets = new Set<net.Socket>();
  let received = 0;
  const server = net.createServer({ allowHalfOpen: true }, (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => {});
    socket.on('data', (chunk: Buffer) => (received += chunk.length));
    handle(socket);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as net.AddressInfo).port,
    received: () => received,
    open: () => sockets.size,
    close: () =>
      new Promise((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

/** Sends back whatever it reads, and ends when the client ends. */
const echo = (socket: net.Socket) => socket.pipe(socket);

/** Reads the whole request up to the client's half-close, then answers it reversed and ends. */
const reverseAfterEnd = (socket: net.Socket) => {
  const chunks: Buffer[] = [];
  socket.on('data', (chunk: Buffer) => chunks.push(chunk));
  socket.on('end', () =>
    socket.end(Buffer.from(Buffer.concat(chunks).toString().split('').reverse().join(''))),
  );
};

/** A client socket with everything it received and how it ended. */
interface Client {
  socket: net.Socket;
  data(): Buffer;
  /** Resolves with the first n bytes received. */
  bytes(n: number): Promise<Buffer>;
  /** Resolves when the socket closed, with the error that closed it, if any. */
  closed: Promise<NodeJS.ErrnoException | undefined>;
}

function connect(port: number): Promise<Client> {
  return new Promise((resolve, reject) => {
    const socket = net.connect({ host: '127.0.0.1', port });
    const chunks: Buffer[] = [];
    let length = 0;
    let waiters: (() => void)[] = [];
    let error: NodeJS.ErrnoException | undefined;
    socket.on('error', (cause) => (error ??= cause));
    const closed = new Promise<NodeJS.ErrnoException | undefined>((done) =>
      socket.on('close', () => done(error)),
    );
    socket.on('data', (chunk: Buffer) => {
      chunks.push(chunk);
      length += chunk.length;
      const woken = waiters;
      waiters = [];
      for (const wake of woken) wake();
    });
    const data = () => Buffer.concat(chunks);
    const bytes = async (n: number): Promise<Buffer> => {
      while (length < n) {
        if (socket.destroyed) throw new Error(`connection closed after ${length} of ${n} bytes`);
        await new Promise<void>((wake) => {
          waiters.push(wake);
          socket.once('close', wake);
        });
      }
      return data().subarray(0, n);
    };
    socket.once('connect', () => resolve({ socket, data, bytes, closed }));
    socket.once('error', reject);
  });
}

/** The error code a connection attempt fails with, or 'connected'. */
async function connectOutcome(port: number): Promise<string> {
  try {
    const client = await connect(port);
    client.socket.destroy();
    return 'connected';
  } catch (error) {
    return (error as NodeJS.ErrnoException).code ?? String(error);
  }
}

async function roundTrip(client: Client, text: string): Promise<string> {
  const before = client.data().length;
  client.socket.write(text);
  const all = await client.bytes(before + text.length);
  return all.subarray(before).toString();
}

describe('fault proxy', () => {
  const cleanups: (() => Promise<void> | void)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  async function proxyTo(
    handle: (socket: net.Socket) => void,
  ): Promise<{ server: TestServer; proxy: FaultProxy }> {
    const server = await startServer(handle);
    cleanups.push(() => server.close());
    const proxy = await startFaultProxy({ host: '127.0.0.1', port: server.port });
    cleanups.push(() => proxy.close());
    return { server, proxy };
  }

  async function client(port: number): Promise<Client> {
    const opened = await connect(port);
    cleanups.push(() => void opened.socket.destroy());
    return opened;
  }

  it('listens on 127.0.0.1 on a port of its own and starts without a fault', async () => {
    const { server, proxy } = await proxyTo(echo);
    expect(proxy.host).toBe('127.0.0.1');
    expect(proxy.port).toBeGreaterThan(0);
    expect(proxy.port).not.toBe(server.port);
    expect(proxy.fault).toEqual({ kind: 'none' });
  });

  it('forwards several MB both ways byte-exact', async () => {
    const { proxy } = await proxyTo(echo);
    const payload = randomBytes(8 * 1024 * 1024);
    const socket = await client(proxy.port);
    socket.socket.write(payload);
    const back = await socket.bytes(payload.length);
    expect(back.equals(payload)).toBe(true);
    expect(proxy.stats()).toMatchObject({ accepted: 1, bytesUp: payload.length, bytesDown: payload.length });
  });

  it('forwards several MB byte-exact under a latency fault too (queued, in order)', async () => {
    const { proxy } = await proxyTo(echo);
    proxy.set({ kind: 'latency', ms: 5 });
    const payload = randomBytes(6 * 1024 * 1024);
    const socket = await client(proxy.port);
    socket.socket.write(payload);
    expect((await socket.bytes(payload.length)).equals(payload)).toBe(true);
  });

  it('forwards a half-close after the data, and the answer back', async () => {
    const { proxy } = await proxyTo(reverseAfterEnd);
    for (const fault of [{ kind: 'none' }, { kind: 'latency', ms: 20 }] as const) {
      proxy.set(fault);
      const socket = await client(proxy.port);
      socket.socket.write('abc');
      socket.socket.end('def');
      expect(await socket.closed).toBeUndefined();
      expect(socket.data().toString()).toBe('fedcba');
    }
  });

  it('latency delays a round trip by at least its ms and keeps pipelined writes in order', async () => {
    const { proxy } = await proxyTo(echo);
    const socket = await client(proxy.port);
    expect(await roundTrip(socket, 'warm')).toBe('warm');
    proxy.set({ kind: 'latency', ms: 80 });
    expect(proxy.fault).toEqual({ kind: 'latency', ms: 80 });

    const started = performance.now();
    expect(await roundTrip(socket, 'ping')).toBe('ping');
    expect(performance.now() - started).toBeGreaterThanOrEqual(80);

    // Separate writes on separate ticks: separate chunks in the proxy, each with its own due time.
    const letters = 'abcdefghijklmnopqrstuvwxyz';
    const before = socket.data().length;
    for (const letter of letters) {
      socket.socket.write(letter);
      await sleep(1);
    }
    expect((await socket.bytes(before + letters.length)).subarray(before).toString()).toBe(letters);

    proxy.set({ kind: 'none' });
    expect(await roundTrip(socket, 'plain again')).toBe('plain again');
  });

  it('clearing a latency fault releases what it was holding at once', { timeout: 10_000 }, async () => {
    const { proxy } = await proxyTo(echo);
    const socket = await client(proxy.port);
    proxy.set({ kind: 'latency', ms: 60_000 });
    socket.socket.write('late');
    await sleep(50);
    expect(socket.data().length).toBe(0);
    proxy.set({ kind: 'none' });
    expect((await socket.bytes(4)).toString()).toBe('late');
  });

  it('refused: open connections are reset, new ones get ECONNREFUSED, clearing re-opens the same port', async () => {
    const { server, proxy } = await proxyTo(echo);
    const port = proxy.port;
    const open = await client(port);
    expect(await roundTrip(open, 'hello')).toBe('hello');

    proxy.set({ kind: 'refused' });
    expect((await open.closed)?.code).toBe('ECONNRESET');
    expect(await connectOutcome(port)).toBe('ECONNREFUSED');
    await proxy.ready();
    expect(proxy.stats().reset).toBe(1);
    // The server's side of the reset connection is closed too.
    await expect.poll(() => server.open()).toBe(0);

    proxy.set({ kind: 'none' });
    await proxy.ready();
    expect(proxy.port).toBe(port);
    const again = await client(port);
    expect(await roundTrip(again, 'back')).toBe('back');
  });

  it('refused, then cleared while the port is taken: a clear error, no crash; works once the port is free', async () => {
    const { proxy } = await proxyTo(echo);
    proxy.set({ kind: 'refused' });
    await proxy.ready();
    const squatter = net.createServer();
    await new Promise<void>((resolve) => squatter.listen(proxy.port, '127.0.0.1', resolve));

    proxy.set({ kind: 'none' });
    await expect(proxy.ready()).rejects.toThrow(/cannot listen on 127\.0\.0\.1:\d+ again.*EADDRINUSE/);
    expect(proxy.listenError?.message).toMatch(/EADDRINUSE/);

    await new Promise<void>((resolve) => squatter.close(() => resolve()));
    proxy.set({ kind: 'none' });
    await proxy.ready();
    expect(proxy.listenError).toBeUndefined();
    expect(await roundTrip(await client(proxy.port), 'free')).toBe('free');
  });

  it('hung: open and new connections stay up, nothing moves; clearing delivers everything in order', async () => {
    const { server, proxy } = await proxyTo(echo);
    const open = await client(proxy.port);
    expect(await roundTrip(open, 'before')).toBe('before');
    const receivedBefore = server.received();

    proxy.set({ kind: 'hung' });
    open.socket.write('one,');
    open.socket.write('two');
    const late = await client(proxy.port);
    late.socket.write('new');
    await sleep(150);
    expect(server.received()).toBe(receivedBefore);
    expect(open.data().toString()).toBe('before');
    expect(late.data().length).toBe(0);
    expect(open.socket.destroyed || late.socket.destroyed).toBe(false);

    proxy.set({ kind: 'none' });
    expect((await open.bytes(13)).toString()).toBe('beforeone,two');
    expect((await late.bytes(3)).toString()).toBe('new');
    expect(proxy.stats()).toMatchObject({ accepted: 2, reset: 0 });
  });

  it('hung also holds what the server sends', async () => {
    // The server speaks first, like MySQL's greeting, and again when poked.
    const { proxy } = await proxyTo((socket) => {
      socket.write('greeting;');
      socket.on('data', () => socket.write('answer;'));
    });
    const open = await client(proxy.port);
    expect((await open.bytes(9)).toString()).toBe('greeting;');
    proxy.set({ kind: 'hung' });
    const late = await client(proxy.port);
    await sleep(150);
    expect(late.data().length).toBe(0);
    proxy.set({ kind: 'none' });
    expect((await late.bytes(9)).toString()).toBe('greeting;');
    open.socket.write('poke;');
    expect((await open.bytes(16)).toString()).toBe('greeting;answer;');
  });

  it('a server that is down: the client gets a closed connection, the process carries on', async () => {
    const gone = await startServer(echo);
    await gone.close();
    const proxy = await startFaultProxy({ host: '127.0.0.1', port: gone.port });
    cleanups.push(() => proxy.close());
    const socket = await client(proxy.port);
    // Reset rather than ended cleanly: "the server went away", not "the server said goodbye".
    expect((await socket.closed)?.code).toBe('ECONNRESET');
    expect(proxy.stats()).toMatchObject({ accepted: 1, upstreamFailed: 1 });
  });

  it('a server that closes the connection: the client side is closed too', async () => {
    const { proxy } = await proxyTo((socket) => socket.once('data', () => socket.destroy()));
    const socket = await client(proxy.port);
    socket.socket.write('bye');
    await socket.closed;
    expect(socket.socket.destroyed).toBe(true);
  });

  it('close() closes the listener and every connection, and can be called again', async () => {
    const { server, proxy } = await proxyTo(echo);
    const socket = await client(proxy.port);
    expect(await roundTrip(socket, 'x')).toBe('x');
    const hung = await client(proxy.port);
    proxy.set({ kind: 'hung' });

    await Promise.all([proxy.close(), proxy.close()]);
    await proxy.close();
    await socket.closed;
    await hung.closed;
    await expect.poll(() => server.open()).toBe(0);
    expect(await connectOutcome(proxy.port)).toBe('ECONNREFUSED');
    proxy.set({ kind: 'none' }); // ignored after close
    await proxy.ready();
    expect(await connectOutcome(proxy.port)).toBe('ECONNREFUSED');
  });

  it('close() during a refused fault leaves nothing listening', async () => {
    const { proxy } = await proxyTo(echo);
    proxy.set({ kind: 'refused' });
    proxy.set({ kind: 'none' });
    await proxy.close();
    expect(await connectOutcome(proxy.port)).toBe('ECONNREFUSED');
  });

  it('rejects a latency that is not a number of ms, and a target without a port', async () => {
    const { proxy } = await proxyTo(echo);
    expect(() => proxy.set({ kind: 'latency', ms: Number.NaN })).toThrow(/latency must be/);
    expect(proxy.fault).toEqual({ kind: 'none' });
    await expect(startFaultProxy({ host: '127.0.0.1', port: 0 })).rejects.toThrow(/port 1–65535/);
  });
});

await describeWithServer('redis', (url) => {
  describe('fault proxy in front of Redis (ioredis)', () => {
    let proxy: FaultProxy;
    let redis: Redis;
    const key = `polyglot_bench_test_faults:${randomUUID()}`;

    beforeAll(async () => {
      proxy = await startFaultProxy(proxyTargetOf('redis', url));
      redis = new Redis(proxiedUrl('redis', url, proxy), {
        maxRetriesPerRequest: 1,
        retryStrategy: () => 50,
      });
      // Without a listener ioredis prints every reconnect failure the faults cause.
      redis.on('error', () => {});
    });
    afterAll(async () => {
      proxy.set({ kind: 'none' });
      await proxy.ready();
      await redis.del(key);
      redis.disconnect();
      await proxy.close();
    });

    it('answers PING, SET and GET through the proxy', async () => {
      expect(await redis.ping()).toBe('PONG');
      await redis.set(key, 'through the proxy');
      expect(await redis.get(key)).toBe('through the proxy');
      expect(proxy.stats().bytesUp).toBeGreaterThan(0);
    });

    it('refused: a command fails; cleared: commands work again', async () => {
      proxy.set({ kind: 'refused' });
      await expect(redis.get(key)).rejects.toThrow();
      proxy.set({ kind: 'none' });
      await proxy.ready();
      expect(await redis.get(key)).toBe('through the proxy');
    });

    it('hung: a command waits; cleared: it completes', async () => {
      proxy.set({ kind: 'hung' });
      const pending = redis.get(key);
      const early = await Promise.race([pending.then(() => 'answered'), sleep(300).then(() => 'waiting')]);
      expect(early).toBe('waiting');
      proxy.set({ kind: 'none' });
      expect(await pending).toBe('through the proxy');
    });
  });
});
