// The wire meter counts what a store's driver really moved: bytes written and read on every connection to the
// store's address, connections opened and the most at once — and nothing for sockets to other addresses.
import net from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { startFaultProxy } from '../../src/faults/tcp-proxy.js';
import { WireMeter } from '../../src/metrics/wire-meter.js';
import { announcedSocket } from '../../src/stores/announced-socket.js';

const END = 0xff;

/** A server that answers each message (its last byte is END) with `reply` bytes, and counts what it read. */
async function replyingServer(
  reply: number,
): Promise<{ port: number; read: () => number; close: () => void }> {
  let read = 0;
  const server = net.createServer((socket) => {
    socket.on('data', (chunk) => {
      read += chunk.length;
      // However the message was split in transit, one reply when its last byte arrives.
      if (chunk[chunk.length - 1] === END) socket.write(Buffer.alloc(reply, 1));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as net.AddressInfo).port;
  return { port, read: () => read, close: () => server.close() };
}

/** Sends `bytes` and waits for the whole reply. */
async function exchange(socket: net.Socket, bytes: number, reply: number): Promise<void> {
  await new Promise<void>((resolve) => {
    let got = 0;
    const onData = (chunk: Buffer) => {
      got += chunk.length;
      if (got >= reply) {
        socket.off('data', onData);
        resolve();
      }
    };
    socket.on('data', onData);
    const message = Buffer.alloc(bytes, 2);
    message[bytes - 1] = END;
    socket.write(message);
  });
}

const closeSocket = (socket: net.Socket) =>
  new Promise<void>((resolve) => {
    socket.once('close', () => resolve());
    socket.end();
  });

const cleanups: Array<() => void> = [];
afterEach(() => cleanups.splice(0).forEach((cleanup) => cleanup()));

describe('wire meter', () => {
  it('counts the bytes and connections of sockets to the store, between the marks, however they were made', async () => {
    const store = await replyingServer(300);
    const other = await replyingServer(50);
    cleanups.push(store.close, other.close);
    const meter = await WireMeter.start([{ store: 'db', host: 'localhost', port: store.port }]);
    cleanups.push(() => meter.stop());

    // Before the window: a connection that stays open, and one closed (net.connect, announced by Node).
    const kept = net.connect(store.port, '127.0.0.1');
    await exchange(kept, 100, 300);
    const early = net.connect(store.port, '127.0.0.1');
    await exchange(early, 10, 300);
    await closeSocket(early);
    meter.mark('start');
    // In the window: the kept one again, one made the way pg makes them, and one to another address.
    await exchange(kept, 1000, 300);
    const pgLike = announcedSocket().connect(store.port, 'localhost');
    await exchange(pgLike, 2000, 300);
    await closeSocket(pgLike);
    const elsewhere = net.connect(other.port, '127.0.0.1');
    await exchange(elsewhere, 5000, 50);
    await closeSocket(elsewhere);
    meter.mark('end');
    // After the window: not counted.
    await exchange(kept, 7000, 300);
    await closeSocket(kept);

    expect(meter.counts('db')).toEqual({ opened: 3, peak: 2, sentBytes: 3000, receivedBytes: 600 });
    expect(store.read()).toBe(100 + 10 + 1000 + 2000 + 7000);
  });

  it('says nothing (null) for a store none of whose connections it saw, and counts none after stop', async () => {
    const store = await replyingServer(10);
    cleanups.push(store.close);
    const meter = await WireMeter.start([{ store: 'db', host: '127.0.0.1', port: store.port }]);
    meter.mark('start');
    meter.mark('end');
    expect(meter.counts('db')).toBeNull();
    meter.stop();
    const socket = net.connect(store.port, '127.0.0.1');
    await exchange(socket, 10, 10);
    await closeSocket(socket);
    expect(meter.counts('db')).toBeNull();
  });

  it("counts a proxied store on the driver's side of the fault proxy: exactly what the proxy forwarded", async () => {
    const server = await replyingServer(700);
    const proxy = await startFaultProxy({ host: '127.0.0.1', port: server.port });
    cleanups.push(server.close, () => void proxy.close());
    const meter = await WireMeter.start([{ store: 'db', host: proxy.host, port: proxy.port }]);
    cleanups.push(() => meter.stop());
    meter.mark('start');
    for (const bytes of [40, 4000]) {
      const socket = net.connect(proxy.port, proxy.host);
      await exchange(socket, bytes, 700);
      await closeSocket(socket);
    }
    meter.mark('end');
    const { bytesUp, bytesDown } = proxy.stats();
    expect(meter.counts('db')).toEqual({ opened: 2, peak: 1, sentBytes: bytesUp, receivedBytes: bytesDown });
    expect(bytesUp).toBe(4040);
  });
});
