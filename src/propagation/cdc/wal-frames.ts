// The streaming replication sub-protocol inside CopyData messages
// (https://www.postgresql.org/docs/current/protocol-replication.html): what the server sends (XLogData,
// primary keepalive) and the one message the feed sends back (standby status update).
import type { Lsn } from './lsn.js';

export type ServerFrame =
  | { kind: 'xlog'; walStart: Lsn; walEnd: Lsn; payload: Buffer }
  | { kind: 'keepalive'; walEnd: Lsn; replyRequested: boolean };

const XLOG_DATA = 0x77; // 'w'
const KEEPALIVE = 0x6b; // 'k'
const STATUS_UPDATE = 0x72; // 'r'
const XLOG_HEADER_BYTES = 1 + 8 + 8 + 8;

/** Milliseconds between the Unix epoch and PostgreSQL's (2000-01-01 00:00:00 UTC). */
const POSTGRES_EPOCH_MS = 946_684_800_000;

export function parseServerFrame(chunk: Buffer): ServerFrame {
  switch (chunk[0]) {
    case XLOG_DATA:
      return {
        kind: 'xlog',
        walStart: chunk.readBigUInt64BE(1),
        walEnd: chunk.readBigUInt64BE(9),
        payload: chunk.subarray(XLOG_HEADER_BYTES),
      };
    case KEEPALIVE:
      return { kind: 'keepalive', walEnd: chunk.readBigUInt64BE(1), replyRequested: chunk[17] === 1 };
    default:
      throw new Error(`unknown replication message type 0x${(chunk[0] ?? 0).toString(16)}`);
  }
}

/**
 * Standby status update. `flushed` is what the slot may forget: the server advances the slot's
 * confirmed_flush_lsn to it (and frees the WAL before it), so it must never pass a change not yet applied.
 */
export function standbyStatusUpdate(received: Lsn, flushed: Lsn, nowMs = Date.now()): Buffer {
  const message = Buffer.alloc(1 + 8 + 8 + 8 + 8 + 1);
  message[0] = STATUS_UPDATE;
  message.writeBigUInt64BE(received > flushed ? received : flushed, 1); // written
  message.writeBigUInt64BE(flushed, 9); // flushed
  message.writeBigUInt64BE(flushed, 17); // applied
  message.writeBigInt64BE(BigInt(Math.round(nowMs - POSTGRES_EPOCH_MS)) * 1000n, 25); // µs since 2000
  message[33] = 0; // no reply wanted
  return message;
}
