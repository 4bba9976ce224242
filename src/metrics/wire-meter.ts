// Connections and bytes on the wire, per store (docs/measurements.md, "Footprint"). Node announces every plain
// TCP client socket it creates through net.connect on the 'net.client.socket' diagnostics channel, whichever
// driver asks for it (ioredis, mongodb, mysql2, neo4j-driver, undici and http.Agent for the HTTP engines, the
// memcached client), and the PostgreSQL adapter announces pg's own sockets there too (stores/announced-socket.ts);
// a socket whose peer is the address a store's driver dials (the fault proxy's, when the store runs behind one)
// counts for that store. What nobody announces — TLS sockets, which tls.connect creates itself — is not seen, and
// the store's figures are then "not seen", never zero.
import { subscribe, unsubscribe } from 'node:diagnostics_channel';
import { lookup } from 'node:dns/promises';
import net from 'node:net';

const CHANNEL = 'net.client.socket';

/** Where a store's driver connects. */
export interface WireEndpoint {
  store: string;
  host: string;
  port: number;
}

/** One store's connections over the meter's life, and the bytes moved between two marks. */
export interface WireCounts {
  /** Connections opened to the store's address while the meter ran. */
  opened: number;
  /** The most open at once. */
  peak: number;
  /** Bytes this process wrote to / read from those connections between mark('start') and mark('end'). */
  sentBytes: number;
  receivedBytes: number;
}

/**
 * Two counts of one store added (threads or processes with meters of their own): connections and bytes exactly; the
 * peak is the sum of each one's peak, an upper bound of what was open at once. Null is "not seen".
 */
export function addWireCounts(a: WireCounts | null, b: WireCounts | null): WireCounts | null {
  if (!a || !b) return a ?? b;
  return {
    opened: a.opened + b.opened,
    peak: a.peak + b.peak,
    sentBytes: a.sentBytes + b.sentBytes,
    receivedBytes: a.receivedBytes + b.receivedBytes,
  };
}

interface StoreWire {
  addresses: Set<string>;
  port: number;
  live: Set<net.Socket>;
  opened: number;
  peak: number;
  /** Bytes of connections already closed. */
  closedSent: number;
  closedReceived: number;
  marks: Map<WireMark, { sent: number; received: number }>;
}

export type WireMark = 'start' | 'end';

const meters = new Set<WireMeter>();
const announced = new WeakSet<net.Socket>();

function onAnnounced(message: unknown): void {
  const socket = (message as { socket?: unknown } | null)?.socket;
  if (socket instanceof net.Socket) trackSocket(socket);
}

/**
 * Counts the socket for whichever running meter's store it connects to. Safe to call for any socket, any number
 * of times: a socket is counted once, and not at all while no meter runs.
 */
export function trackSocket(socket: net.Socket): void {
  if (meters.size === 0 || announced.has(socket)) return;
  announced.add(socket);
  socket.once('connect', () => {
    for (const meter of meters) if (meter.claim(socket)) return;
  });
}

/** Loopback names and literals all reach this machine: "localhost" in a URL, 127.0.0.1 or ::1 on the socket. */
function normalized(address: string): string {
  const bare = address.replace(/^::ffff:/, '');
  return bare === '::1' || bare.startsWith('127.') ? 'loopback' : bare;
}

export class WireMeter {
  private readonly stores = new Map<string, StoreWire>();

  private constructor() {}

  /** Starts counting for these endpoints; host names are resolved once, here. */
  static async start(endpoints: readonly WireEndpoint[]): Promise<WireMeter> {
    const meter = new WireMeter();
    for (const endpoint of endpoints) {
      const addresses = new Set<string>([normalized(endpoint.host)]);
      if (!net.isIP(endpoint.host)) {
        const found = await lookup(endpoint.host, { all: true }).catch(() => []);
        for (const { address } of found) addresses.add(normalized(address));
      }
      meter.stores.set(endpoint.store, {
        addresses,
        port: endpoint.port,
        live: new Set(),
        opened: 0,
        peak: 0,
        closedSent: 0,
        closedReceived: 0,
        marks: new Map(),
      });
    }
    if (meters.size === 0) subscribe(CHANNEL, onAnnounced);
    meters.add(meter);
    return meter;
  }

  /** Takes the socket if its peer is one of this meter's stores. */
  claim(socket: net.Socket): boolean {
    const address = socket.remoteAddress;
    if (address === undefined) return false;
    for (const wire of this.stores.values()) {
      if (wire.port !== socket.remotePort || !wire.addresses.has(normalized(address))) continue;
      wire.opened += 1;
      wire.live.add(socket);
      wire.peak = Math.max(wire.peak, wire.live.size);
      socket.once('close', () => {
        wire.live.delete(socket);
        wire.closedSent += socket.bytesWritten;
        wire.closedReceived += socket.bytesRead;
      });
      return true;
    }
    return false;
  }

  /** Notes every store's byte totals now: the measured window runs from mark('start') to mark('end'). */
  mark(mark: WireMark): void {
    for (const wire of this.stores.values()) {
      let sent = wire.closedSent;
      let received = wire.closedReceived;
      for (const socket of wire.live) {
        sent += socket.bytesWritten;
        received += socket.bytesRead;
      }
      wire.marks.set(mark, { sent, received });
    }
  }

  /** The store's figures; null when no connection to its address was seen (nothing to count, or TLS). */
  counts(store: string): WireCounts | null {
    const wire = this.stores.get(store);
    if (!wire || wire.opened === 0) return null;
    // No start mark: the window never began (Ctrl-C during warm-up), and nothing moved within it.
    const start = wire.marks.get('start');
    const end = (start && wire.marks.get('end')) ?? start ?? { sent: 0, received: 0 };
    return {
      opened: wire.opened,
      peak: wire.peak,
      sentBytes: start ? end.sent - start.sent : 0,
      receivedBytes: start ? end.received - start.received : 0,
    };
  }

  stop(): void {
    if (!meters.delete(this)) return;
    if (meters.size === 0) unsubscribe(CHANNEL, onAnnounced);
  }
}
