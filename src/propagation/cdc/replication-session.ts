// One replication connection and the TEMPORARY slot created on it. A temporary slot belongs to the connection
// that created it and is dropped by the server when that connection ends for any reason (stop, crash, network
// loss), so no run can leave a slot behind pinning WAL on the user's server. That is also why the slot must
// be created on the very connection that streams from it — pg-logical-replication's service opens its own
// connection and goes straight to START_REPLICATION, so this file drives pg's replication connection itself.
import pg from 'pg';
import { announcedSocket } from '../../stores/announced-socket.js';
import { pendingAtSnapshot } from './catch-up.js';
import { CONNECT_TIMEOUT_MS } from './connection.js';
import type { Lsn } from './lsn.js';
import { outboxPublication, uniqueSlotName } from './names.js';
import { OutboxDecoder, type CommittedTransaction } from './outbox-decoder.js';
import type { OutboxChange } from './types.js';
import { parseServerFrame, standbyStatusUpdate } from './wal-frames.js';

export interface SessionHandlers {
  transaction(session: ReplicationSession, transaction: CommittedTransaction): void;
  /** True when every change received so far has been applied: the server's position may then be confirmed. */
  idle(session: ReplicationSession): boolean;
  /** The connection is gone (error, server shutdown, undecodable message); never called after close(). */
  lost(session: ReplicationSession, error: unknown): void;
}

export interface OpenedSession {
  session: ReplicationSession;
  /** Outbox rows committed before the slot's consistent point and still unapplied: the stream has none of them. */
  catchUp: OutboxChange[];
}

/** What pg's Connection does but its type declarations leave out. */
interface CopyConnection {
  on(event: 'copyData', listener: (message: { chunk: Buffer }) => void): unknown;
  sendCopyFromChunk(chunk: Buffer): void;
  stream: { pause(): void; resume(): void };
}

export class ReplicationSession {
  private readonly decoder: OutboxDecoder;
  /** Highest server position seen, and the position confirmed to the server (everything before it applied). */
  private received: Lsn = 0n;
  private flushed: Lsn = 0n;
  private streaming = false;
  private closed = false;
  private closing: Promise<void> | null = null;
  /** The first failure, kept until streaming starts so that the owner hears of it once it listens. */
  private failure: { error: unknown } | null = null;

  private constructor(
    private readonly client: pg.Client,
    private readonly namespace: string,
    readonly slot: string,
    private readonly handlers: SessionHandlers,
  ) {
    this.decoder = new OutboxDecoder(namespace);
    client.on('error', (error) => this.fail(error));
    client.on('end', () => this.fail(new Error('replication connection closed')));
  }

  /** Connects, creates the temporary slot and reads what it will not stream. Nothing is streamed yet. */
  static async open(url: string, namespace: string, handlers: SessionHandlers): Promise<OpenedSession> {
    // `replication: 'database'` makes this a walsender connection for logical replication of url's database
    // (pg supports it; its type declarations do not list it).
    const config: pg.ClientConfig & { replication: 'database' } = {
      connectionString: url,
      connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
      keepAlive: true,
      replication: 'database',
      // The feed's connection is part of the layout's footprint (src/metrics/wire-meter.ts).
      stream: announcedSocket,
    };
    const session = new ReplicationSession(new pg.Client(config), namespace, uniqueSlotName(), handlers);
    try {
      await session.client.connect();
      // EXPORT_SNAPSHOT: the slot's consistent point as a snapshot another connection can import; the old
      // option syntax still works on PostgreSQL 15+ and is the only one 10–14 know.
      const created = await session.client.query<{ snapshot_name: string }>(
        `CREATE_REPLICATION_SLOT ${session.slot} TEMPORARY LOGICAL pgoutput EXPORT_SNAPSHOT`,
      );
      const snapshot = created.rows[0]?.snapshot_name;
      if (!snapshot) throw new Error('CREATE_REPLICATION_SLOT returned no snapshot');
      // The export lives until this connection's next command, so it is read before START_REPLICATION.
      const catchUp = await pendingAtSnapshot(url, namespace, snapshot);
      return { session, catchUp };
    } catch (error) {
      await session.close();
      throw error;
    }
  }

  /** Streams committed transactions from the slot's consistent point on. */
  startStreaming(): void {
    if (this.streaming || this.closed) return;
    this.streaming = true;
    if (this.failure) {
      const { error } = this.failure;
      queueMicrotask(() => this.handlers.lost(this, error));
      return;
    }
    this.connection().on('copyData', ({ chunk }) => this.receive(chunk));
    const options = `proto_version '1', publication_names '${outboxPublication(this.namespace)}'`;
    // The query settles only when the stream ends: normally never, until close().
    this.client.query(`START_REPLICATION SLOT ${this.slot} LOGICAL 0/0 (${options})`).then(
      () => this.fail(new Error('the server ended the replication stream')),
      (error: unknown) => this.fail(error),
    );
  }

  /** Confirms everything up to lsn as applied; the server may then recycle the WAL before it. */
  acknowledge(lsn: Lsn): void {
    if (lsn <= this.flushed) return;
    this.flushed = lsn;
    this.sendStatus();
  }

  /** Backpressure: stop reading the socket while the owner has too many changes queued. */
  pause(): void {
    if (!this.closed) this.connection().stream.pause();
  }

  resume(): void {
    this.connection().stream.resume();
  }

  /** Ends the connection; the server then drops the temporary slot. Idempotent; never rejects. */
  close(): Promise<void> {
    this.closed = true;
    // A paused socket would never see the server's end of the connection.
    this.resume();
    this.closing ??= this.client.end().catch(() => undefined);
    return this.closing;
  }

  private connection(): CopyConnection {
    return this.client.connection as unknown as CopyConnection;
  }

  private receive(chunk: Buffer): void {
    if (this.closed) return;
    try {
      const frame = parseServerFrame(chunk);
      if (frame.walEnd > this.received) this.received = frame.walEnd;
      if (frame.kind === 'xlog') {
        const transaction = this.decoder.decode(frame.payload);
        if (transaction) this.handlers.transaction(this, transaction);
        return;
      }
      // A keepalive carries the position up to which everything has been sent. With nothing pending here,
      // confirming it lets the server free WAL written by other tables and databases, as PostgreSQL's own
      // subscribers do; in the middle of a transaction, or with changes still to apply, it would be too early.
      if (!this.decoder.inTransaction && this.handlers.idle(this) && frame.walEnd > this.flushed) {
        this.flushed = frame.walEnd;
        this.sendStatus();
      } else if (frame.replyRequested) {
        this.sendStatus();
      }
    } catch (error) {
      // Skipping a message could skip a change: give the connection up instead, the owner reconnects.
      this.fail(error);
      void this.close();
    }
  }

  private sendStatus(): void {
    if (!this.streaming || this.closed) return;
    try {
      this.connection().sendCopyFromChunk(standbyStatusUpdate(this.received, this.flushed));
    } catch (error) {
      // Called from the owner's delivery loop too: a dead socket is a lost session, not a rejected loop.
      this.fail(error);
    }
  }

  private fail(error: unknown): void {
    if (this.closed || this.failure) return;
    this.failure = { error };
    if (this.streaming) this.handlers.lost(this, error);
  }
}
