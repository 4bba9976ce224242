// A Bolt handshake of our own, bounded in time, before the driver connects. The driver's connectionTimeout covers
// the TCP connect only: against something that accepts the connection and never answers (a wrong port, a stalled
// server) verifyConnectivity waits forever, and its socket keeps the process alive after the error is printed
// (measured with neo4j-driver 6.3). This probe destroys its socket on timeout, so the CLI exits with one line.
import net from 'node:net';
import tls from 'node:tls';
import type { Neo4jTarget } from './settings.js';

// The Bolt magic, then four version proposals: 5.8 down to 5.0, 4.4 down to 4.2, and two empty slots. Each is
// [reserved, range, minor, major].
const HANDSHAKE = Buffer.from([
  0x60, 0x60, 0xb0, 0x17, 0x00, 0x08, 0x08, 0x05, 0x00, 0x02, 0x04, 0x04, 0, 0, 0, 0, 0, 0, 0, 0,
]);

export const PROBE_TIMEOUT_MS = 5_000;

/**
 * Resolves once the server answers the handshake with its 4-byte version choice (whatever it is: the driver then
 * says what it makes of it). Rejects with the socket's error (its code says refused, not found, …) or a timeout.
 */
export function probeBolt(target: Neo4jTarget, timeoutMs = PROBE_TIMEOUT_MS): Promise<void> {
  return new Promise((resolve, reject) => {
    const socket =
      target.tls === 'none'
        ? net.connect({ host: target.host, port: target.port })
        : tls.connect({
            host: target.host,
            port: target.port,
            servername: net.isIP(target.host) ? undefined : target.host,
            rejectUnauthorized: target.tls === 'verified',
          });
    let received = 0;
    let settled = false;
    // Destroying the socket emits 'close' too: only the first outcome counts.
    const finish = (error?: Error) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket.destroy();
      if (error) reject(error);
      else resolve();
    };
    const timer = setTimeout(
      () =>
        finish(new Error(`no Bolt handshake reply within ${timeoutMs / 1000} s (is this a Neo4j server?)`)),
      timeoutMs,
    );
    socket.once(target.tls === 'none' ? 'connect' : 'secureConnect', () => socket.write(HANDSHAKE));
    socket.on('data', (chunk: Buffer) => {
      received += chunk.length;
      if (received >= 4) finish();
    });
    socket.once('error', (error) => finish(error));
    socket.once('close', () =>
      finish(new Error('the server closed the connection during the Bolt handshake')),
    );
  });
}
