// A TCP proxy on loopback between the tool and one database server, injecting network faults on command: added
// latency, refused connections, a hung network. Benchmark traffic flows through it, so the fault-free path is a
// plain forward with backpressure (what socket.pipe does); chunks are queued only while a fault needs them held.
import net from 'node:net';
import { performance } from 'node:perf_hooks';
import { errorMessage } from '../errors.js';

export type ProxyFault =
  /** Plain forwarding. */
  | { kind: 'none' }
  /** Every chunk from client to server is forwarded ms later (order kept): each round trip gains about ms. */
  | { kind: 'latency'; ms: number }
  /** New connections get ECONNREFUSED (nothing listens on the port); open connections are reset. */
  | { kind: 'refused' }
  /** Connections stay open and new ones are accepted, but nothing moves until the fault clears; then everything
   * held is delivered in order (a partition that heals). */
  | { kind: 'hung' };

export interface ProxyStats {
  /** Connections the proxy accepted. */
  accepted: number;
  /** Connections reset by a 'refused' fault (open ones, and any accepted in the instant the listener closed). */
  reset: number;
  /** Connections whose server side failed (refused, reset, unreachable): their client was reset. */
  upstreamFailed: number;
  /** Bytes forwarded client → server. */
  bytesUp: number;
  /** Bytes forwarded server → client. */
  bytesDown: number;
}

export interface FaultProxy {
  /** Always '127.0.0.1'. */
  readonly host: string;
  /** The proxy's own port: ephemeral, chosen at start, kept across 'refused'. */
  readonly port: number;
  /** Takes effect at once, for open connections too. Ignored after close(). */
  set(fault: ProxyFault): void;
  readonly fault: ProxyFault;
  stats(): ProxyStats;
  /**
   * Resolves once the listener matches the last fault set: closed under 'refused', listening otherwise. Rejects
   * with listenError when the port could not be listened on again.
   */
  ready(): Promise<void>;
  /** Why nothing listens although no 'refused' fault is set (the port was taken meanwhile); undefined when fine. */
  readonly listenError: Error | undefined;
  /** Closes the listener and every connection; resolves when all are closed. Idempotent. */
  close(): Promise<void>;
}

export interface ProxyTarget {
  host: string;
  port: number;
}

const LOOPBACK = '127.0.0.1';
/** Bytes one direction may queue (under a latency fault) before the sender is paused: bounds the memory. */
const QUEUE_HIGH_WATER_BYTES = 4 * 1024 * 1024;

/** What a fault means to the bytes of one connection. */
interface Forwarding {
  /** Nothing moves in either direction ('hung'). */
  holding: boolean;
  /** Extra delay for client → server chunks, in ms. */
  upDelayMs: number;
}

function forwardingOf(fault: ProxyFault): Forwarding {
  if (fault.kind === 'latency') return { holding: false, upDelayMs: fault.ms };
  return { holding: fault.kind === 'hung' || fault.kind === 'refused', upDelayMs: 0 };
}

/** A socket closed with an RST, so its peer sees ECONNRESET rather than a clean end of stream. */
function resetSocket(socket: net.Socket): void {
  if (socket.destroyed) return;
  // resetAndDestroy on a socket still connecting would finish the handshake just to reset it.
  if (socket.connecting) socket.destroy();
  else socket.resetAndDestroy();
}

/** A chunk waiting its turn; null is the end of stream (a half-close), which keeps its place in the order. */
interface Held {
  chunk: Buffer | null;
  arrivedAt: number;
}

/**
 * One direction of one connection. Without a fault a chunk goes straight to the sink; under a fault it is queued
 * and released in order (after the delay, or when the fault clears). Either way the source is paused while the
 * sink is full, the queue is over its bound, or a 'hung' fault holds everything.
 */
class Lane {
  private readonly queue: Held[] = [];
  private queuedBytes = 0;
  private sinkFull = false;
  private holding = false;
  private delayMs = 0;
  private timer: NodeJS.Timeout | undefined;
  /** The source's end of stream was read: it half-closed cleanly rather than vanishing. */
  sawEnd = false;

  constructor(
    private readonly source: net.Socket,
    private readonly sink: net.Socket,
    forwarding: { holding: boolean; delayMs: number },
    private readonly counted: (bytes: number) => void,
  ) {
    this.holding = forwarding.holding;
    this.delayMs = forwarding.delayMs;
    source.on('data', this.onData);
    source.on('end', this.onEnd);
    // A client that connected under 'hung' and half-closed without sending anything has had its 'end' already.
    if (source.readableEnded) this.onEnd();
    else this.updateReading();
  }

  apply(forwarding: { holding: boolean; delayMs: number }): void {
    this.holding = forwarding.holding;
    this.delayMs = forwarding.delayMs;
    this.pump();
  }

  dispose(): void {
    clearTimeout(this.timer);
    this.queue.length = 0;
    this.queuedBytes = 0;
  }

  private readonly onData = (chunk: Buffer): void => {
    if (this.queue.length === 0 && !this.sinkFull && !this.holding && this.delayMs === 0) {
      this.write(chunk);
      return;
    }
    this.queue.push({ chunk, arrivedAt: performance.now() });
    this.queuedBytes += chunk.length;
    // A pending timer is for an earlier chunk, which this one waits behind anyway.
    if (this.timer === undefined) this.pump();
    else this.updateReading();
  };

  private readonly onEnd = (): void => {
    this.sawEnd = true;
    this.queue.push({ chunk: null, arrivedAt: performance.now() });
    this.pump();
  };

  private readonly onDrain = (): void => {
    this.sinkFull = false;
    this.pump();
  };

  /** Releases what is due, in order; schedules itself for the next chunk still waiting out its delay. */
  private readonly pump = (): void => {
    clearTimeout(this.timer);
    this.timer = undefined;
    while (this.queue.length > 0 && !this.sinkFull && !this.holding) {
      const head = this.queue[0]!;
      // Checked against a fresh clock, not the timer's: a timer may fire a little early, the delay is a minimum.
      const wait = head.arrivedAt + this.delayMs - performance.now();
      if (wait > 0) {
        this.timer = setTimeout(this.pump, Math.ceil(wait));
        break;
      }
      this.queue.shift();
      if (head.chunk === null) {
        this.sink.end();
      } else {
        this.queuedBytes -= head.chunk.length;
        this.write(head.chunk);
      }
    }
    this.updateReading();
  };

  private write(chunk: Buffer): void {
    if (this.sink.destroyed) {
      // The peer is gone: a real network would answer further data with a reset, so the sender learns it too.
      this.source.destroy();
      return;
    }
    this.counted(chunk.length);
    if (!this.sink.write(chunk)) {
      this.sinkFull = true;
      this.sink.once('drain', this.onDrain);
      this.source.pause();
    }
  }

  private updateReading(): void {
    const read = !this.holding && !this.sinkFull && this.queuedBytes < QUEUE_HIGH_WATER_BYTES;
    if (read === this.source.isPaused()) {
      if (read) this.source.resume();
      else this.source.pause();
    }
  }
}

interface ConnectionEvents {
  upstreamFailed(): void;
  forwarded(direction: 'up' | 'down', bytes: number): void;
}

/** A client socket the proxy accepted and its socket to the server; either one going away takes the other along. */
class ProxiedConnection {
  private upstream: net.Socket | undefined;
  private upstreamError: Error | undefined;
  private up: Lane | undefined;
  private down: Lane | undefined;
  private openSockets = 1;
  private tornDown = false;
  private readonly markGone: () => void;
  /** Resolves when both sockets are closed. */
  readonly gone: Promise<void>;

  constructor(
    private readonly client: net.Socket,
    private readonly target: ProxyTarget,
    private forwarding: Forwarding,
    private readonly events: ConnectionEvents,
  ) {
    let markGone = () => {};
    this.gone = new Promise((resolve) => (markGone = resolve));
    this.markGone = markGone;
    client.setNoDelay(true);
    // A client that resets is its own business; 'close' below tears the server side down.
    client.on('error', () => {});
    client.once('close', (hadError) => {
      // After a clean half-close the last chunks may still be on their way to the server (a latency fault).
      if (hadError || !this.up?.sawEnd) this.upstream?.destroy();
      this.socketClosed();
    });
    this.apply(forwarding);
  }

  apply(forwarding: Forwarding): void {
    this.forwarding = forwarding;
    if (this.tornDown || this.client.destroyed) return;
    // Under 'hung' not even the handshake gets through: a server-side handshake timeout (MySQL's
    // connect_timeout) must not fire for a connection the server could not have seen yet.
    if (!this.upstream && !forwarding.holding) this.connectUpstream();
    this.up?.apply({ holding: forwarding.holding, delayMs: forwarding.upDelayMs });
    this.down?.apply({ holding: forwarding.holding, delayMs: 0 });
  }

  /** A 'refused' fault: both sides get an RST. False when the connection was already being torn down. */
  reset(): boolean {
    if (this.tornDown) return false;
    this.tornDown = true;
    resetSocket(this.client);
    if (this.upstream) resetSocket(this.upstream);
    return true;
  }

  destroy(): void {
    this.tornDown = true;
    this.client.destroy();
    this.upstream?.destroy();
  }

  private connectUpstream(): void {
    // allowHalfOpen: a half-close is forwarded as one (in order, after the data), not turned into a full close.
    const upstream = net.connect({ host: this.target.host, port: this.target.port, allowHalfOpen: true });
    this.upstream = upstream;
    this.openSockets += 1;
    upstream.setNoDelay(true);
    upstream.on('error', (error) => {
      this.upstreamError ??= error;
    });
    upstream.once('close', () => {
      if (!this.down?.sawEnd && !this.tornDown) {
        // The server refused, reset or vanished: the client must not wait on a connection that leads nowhere.
        if (this.upstreamError) {
          this.events.upstreamFailed();
          resetSocket(this.client);
        } else {
          this.client.destroy();
        }
      }
      this.socketClosed();
    });
    const { holding, upDelayMs } = this.forwarding;
    this.up = new Lane(this.client, upstream, { holding, delayMs: upDelayMs }, (bytes) =>
      this.events.forwarded('up', bytes),
    );
    this.down = new Lane(upstream, this.client, { holding, delayMs: 0 }, (bytes) =>
      this.events.forwarded('down', bytes),
    );
  }

  private socketClosed(): void {
    this.openSockets -= 1;
    if (this.openSockets > 0) return;
    this.up?.dispose();
    this.down?.dispose();
    this.markGone();
  }
}

/** A listener on loopback; a failure to listen rejects, a later error goes to onError. */
function listenOn(
  port: number,
  onConnection: (socket: net.Socket) => void,
  onError: (error: Error) => void,
): Promise<net.Server> {
  return new Promise((resolve, reject) => {
    const server = net.createServer({ allowHalfOpen: true }, onConnection);
    server.once('error', reject);
    server.listen({ host: LOOPBACK, port }, () => {
      server.off('error', reject);
      server.on('error', onError);
      resolve(server);
    });
  });
}

class LoopbackFaultProxy implements FaultProxy {
  readonly host = LOOPBACK;
  private current: ProxyFault = { kind: 'none' };
  private server: net.Server | undefined;
  private listenedPort = 0;
  private readonly connections = new Set<ProxiedConnection>();
  private readonly counts: ProxyStats = {
    accepted: 0,
    reset: 0,
    upstreamFailed: 0,
    bytesUp: 0,
    bytesDown: 0,
  };
  /** Listener changes run one after another; this chain never rejects (failures land in lastListenError). */
  private listenerChanges: Promise<void> = Promise.resolve();
  private lastListenError: Error | undefined;
  private readonly serversClosed: Promise<void>[] = [];
  private closed = false;
  private closing: Promise<void> | undefined;
  private readonly events: ConnectionEvents = {
    upstreamFailed: () => {
      this.counts.upstreamFailed += 1;
    },
    forwarded: (direction, bytes) => {
      if (direction === 'up') this.counts.bytesUp += bytes;
      else this.counts.bytesDown += bytes;
    },
  };

  constructor(private readonly target: ProxyTarget) {}

  get port(): number {
    return this.listenedPort;
  }

  get fault(): ProxyFault {
    return this.current;
  }

  get listenError(): Error | undefined {
    return this.lastListenError;
  }

  async start(): Promise<void> {
    this.server = await listenOn(0, this.accept, this.listenerFailed);
    this.listenedPort = (this.server.address() as net.AddressInfo).port;
  }

  set(fault: ProxyFault): void {
    // A fault timeline may still tick while the run shuts down: nothing is left to break.
    if (this.closed) return;
    this.current = checkedFault(fault);
    if (fault.kind === 'refused') {
      // Closed now, not on a later tick: a connection attempted right after set() must already be refused.
      this.stopListening();
      for (const connection of this.connections) {
        if (connection.reset()) this.counts.reset += 1;
      }
    } else {
      const forwarding = forwardingOf(fault);
      for (const connection of this.connections) connection.apply(forwarding);
    }
    this.matchListener();
  }

  stats(): ProxyStats {
    return { ...this.counts };
  }

  async ready(): Promise<void> {
    await this.listenerChanges;
    if (this.lastListenError) throw this.lastListenError;
  }

  close(): Promise<void> {
    this.closing ??= this.shutDown();
    return this.closing;
  }

  private async shutDown(): Promise<void> {
    this.closed = true;
    this.stopListening();
    for (const connection of this.connections) connection.destroy();
    // A re-listen still in flight completes first; the check after it then closes that listener too.
    this.matchListener();
    await this.listenerChanges;
    await Promise.all([...this.connections].map((connection) => connection.gone));
    await Promise.all(this.serversClosed);
  }

  private readonly accept = (client: net.Socket): void => {
    if (this.closed || this.current.kind === 'refused') {
      // Accepted in the instant before the listener closed: refused all the same.
      client.on('error', () => {});
      resetSocket(client);
      this.counts.reset += 1;
      return;
    }
    this.counts.accepted += 1;
    const connection = new ProxiedConnection(client, this.target, forwardingOf(this.current), this.events);
    this.connections.add(connection);
    void connection.gone.then(() => this.connections.delete(connection));
  };

  private stopListening(): void {
    const server = this.server;
    if (!server) return;
    this.server = undefined;
    // close() frees the port at once; its callback waits for the connections that server accepted.
    this.serversClosed.push(new Promise((resolve) => server.close(() => resolve())));
  }

  /** Queues a check that the listener is what the fault wants: listening unless 'refused' (or closed). */
  private matchListener(): void {
    this.listenerChanges = this.listenerChanges.then(async () => {
      const wanted = !this.closed && this.current.kind !== 'refused';
      if (!wanted) {
        this.stopListening();
        return;
      }
      if (this.server) return;
      try {
        this.server = await listenOn(this.listenedPort, this.accept, this.listenerFailed);
        this.lastListenError = undefined;
      } catch (error) {
        this.lastListenError = new Error(
          `fault proxy for ${this.target.host}:${this.target.port}: cannot listen on ${LOOPBACK}:${this.listenedPort} again after the 'refused' fault cleared (${errorMessage(error)}); connections stay refused`,
        );
        return;
      }
      // The fault may have turned to 'refused' (or the proxy closed) while the listener was opening.
      if (this.closed || this.current.kind === 'refused') this.stopListening();
    });
  }

  /** A listener error after listening (rare: out of file descriptors) is recorded, never thrown at the process. */
  private readonly listenerFailed = (error: Error): void => {
    this.lastListenError = new Error(
      `fault proxy on ${LOOPBACK}:${this.listenedPort}: ${errorMessage(error)}`,
    );
  };
}

function checkedFault(fault: ProxyFault): ProxyFault {
  if (fault.kind === 'latency' && !(Number.isFinite(fault.ms) && fault.ms >= 0)) {
    throw new Error(`fault proxy: latency must be a finite number of ms ≥ 0, got ${fault.ms}`);
  }
  // A copy: the caller's object changing later must not change the fault behind the proxy's back.
  return { ...fault };
}

/** Starts a proxy on 127.0.0.1 (an ephemeral port) forwarding every connection to target, with no fault set. */
export async function startFaultProxy(target: ProxyTarget): Promise<FaultProxy> {
  if (!target.host || !Number.isInteger(target.port) || target.port < 1 || target.port > 65535) {
    throw new Error(
      `fault proxy: the target needs a host and a port 1–65535, got ${target.host}:${target.port}`,
    );
  }
  const proxy = new LoopbackFaultProxy({ host: target.host, port: target.port });
  await proxy.start();
  return proxy;
}
