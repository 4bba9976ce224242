// One TCP connection to memcached with pipelining: requests are written as they come and memcached answers them
// in order, so a FIFO of waiting requests pairs each reply with its command. One connection, like ioredis's.
import net from 'node:net';
import { parseReply, ProtocolError, type Reply, type ReplyShape } from './replies.js';

interface Waiting {
  shape: ReplyShape;
  resolve: (reply: Reply) => void;
  reject: (error: Error) => void;
}

export interface Endpoint {
  host: string;
  port: number;
}

export class MemcachedConnection {
  private readonly waiting: Waiting[] = [];
  private buffer: Buffer = Buffer.alloc(0);
  /** Set once the socket is gone; every later request fails with it. */
  private failure: Error | null = null;

  private constructor(
    private readonly socket: net.Socket,
    private readonly label: string,
  ) {
    socket.on('data', (chunk: Buffer) => this.receive(chunk));
    socket.on('error', (error) =>
      this.fail(new Error(`memcached connection to ${label} failed: ${error.message}`)),
    );
    socket.on('close', () => this.fail(new Error(`memcached connection to ${label} closed`)));
  }

  /** Connects within timeoutMs; rejects with the socket error (its code says why) or a timeout error. */
  static open(endpoint: Endpoint, label: string, timeoutMs: number): Promise<MemcachedConnection> {
    return new Promise((resolve, reject) => {
      const socket = net.connect({ host: endpoint.host, port: endpoint.port });
      const timer = setTimeout(() => {
        socket.destroy();
        reject(Object.assign(new Error(`no answer within ${timeoutMs / 1000} s`), { code: 'ETIMEDOUT' }));
      }, timeoutMs);
      socket.once('error', (error) => {
        clearTimeout(timer);
        reject(error);
      });
      socket.once('connect', () => {
        clearTimeout(timer);
        socket.removeAllListeners('error');
        // Small pipelined commands must leave at once: Nagle's algorithm would hold them back and add tens of
        // milliseconds to the latencies this tool measures.
        socket.setNoDelay(true);
        resolve(new MemcachedConnection(socket, label));
      });
    });
  }

  /** Sends one command (already framed with its CRLFs) and resolves with its reply. */
  request(command: Buffer, shape: ReplyShape): Promise<Reply> {
    if (this.failure) return Promise.reject(this.failure);
    return new Promise((resolve, reject) => {
      // Queued and written in the same tick, so the queue order is the wire order.
      this.waiting.push({ shape, resolve, reject });
      this.socket.write(command);
    });
  }

  close(): void {
    this.fail(new Error(`memcached connection to ${this.label} closed by the client`));
  }

  private receive(chunk: Buffer): void {
    this.buffer = this.buffer.length === 0 ? chunk : Buffer.concat([this.buffer, chunk]);
    try {
      let next = this.waiting[0];
      while (next) {
        const parsed = parseReply(this.buffer, next.shape);
        if (!parsed) return;
        this.buffer = this.buffer.subarray(parsed.length);
        this.waiting.shift();
        next.resolve(parsed.reply);
        next = this.waiting[0];
      }
      if (this.buffer.length > 0)
        throw new ProtocolError(`${this.buffer.length} bytes arrived that no command asked for`);
    } catch (error) {
      this.fail(error instanceof Error ? error : new Error(String(error)));
    }
  }

  /** Rejects everything still waiting and drops the socket: after a failure, replies can't be paired reliably. */
  private fail(error: Error): void {
    if (!this.failure) this.failure = error;
    for (const waiting of this.waiting.splice(0)) waiting.reject(this.failure);
    this.socket.destroy();
  }
}
