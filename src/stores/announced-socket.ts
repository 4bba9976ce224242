// A socket for pg's `stream` option. Node announces the client sockets net.connect creates on the
// 'net.client.socket' diagnostics channel, and whatever watches this process's connections (the footprint's wire
// meter, docs/measurements.md "Footprint") subscribes there; pg creates its own with `new net.Socket()`, which
// nothing announces, so it is announced here the same way.
import { channel } from 'node:diagnostics_channel';
import net from 'node:net';

const clientSockets = channel('net.client.socket');

export function announcedSocket(): net.Socket {
  const socket = new net.Socket();
  if (clientSockets.hasSubscribers) clientSockets.publish({ socket });
  return socket;
}
