// The cdc propagation source: the outbox INSERTs of committed checkouts, streamed from the WAL by PostgreSQL
// logical decoding (pgoutput) instead of polled ("transactional outbox + log tailing", like Debezium's outbox
// event router).
//
// Delivery is at-least-once and nothing committed is missed, across failures:
// - a change is acknowledged to the server only after apply resolved; a failed apply is offered again;
// - a lost replication connection takes its temporary slot with it. The feed reconnects with a short backoff,
//   creates a new slot and first delivers the outbox rows that slot cannot stream — those committed before its
//   consistent point and still unapplied — read in the snapshot the slot exported at exactly that point. So
//   the rows committed while the feed was disconnected are delivered from the table, and everything after from
//   the stream. Changes received but not yet applied when the connection dropped are delivered again that way
//   (duplicates, never gaps). Catch-up rows come in seq order. This relies on applied_at: the caller marks rows
//   applied after apply (else the catch-up after a reconnect redelivers every row ever written — still correct,
//   only wasteful). A persistent slot would resume from its last acknowledged position by itself, but a crashed
//   run would leave it pinning WAL on the user's server for good; temporary slot + exact catch-up gives the
//   same guarantee without that risk.
// - the first slot is created when the feed opens, with the same catch-up read: rows committed earlier and
//   still pending are delivered first. Open the feed after the inventory store (it creates the outbox table).
import { UserError, errorMessage } from '../../errors.js';
import { redactedAddress } from '../../stores/server-address.js';
import { sleep } from '../sleep.js';
import type { Lsn } from './lsn.js';
import { outboxPublication } from './names.js';
import type { CommittedTransaction } from './outbox-decoder.js';
import { createOutboxPublication, removeFeedObjects } from './publication.js';
import { ReplicationSession, type OpenedSession, type SessionHandlers } from './replication-session.js';
import { logicalDecodingSupport } from './support.js';
import type { ApplyChanges, ChangeFeed, OutboxChange } from './types.js';

export type { ApplyChanges, ChangeFeed, OutboxChange } from './types.js';

/** Transactions are coalesced into one apply call up to about this many changes (never splitting one). */
const MAX_CHANGES_PER_APPLY = 1000;
/** Above this many queued changes the socket is paused, so a stalled apply cannot fill memory. */
const MAX_QUEUED_CHANGES = 10_000;
const BACKOFF_FIRST_MS = 100;
const BACKOFF_MAX_MS = 2000;

function backoffMs(attempt: number): number {
  return Math.min(BACKOFF_FIRST_MS * 2 ** attempt, BACKOFF_MAX_MS);
}

interface Batch {
  changes: OutboxChange[];
  /** Confirmed to the server once the changes are applied; null for a catch-up read. */
  ackLsn: Lsn | null;
  /** Batches of a lost session are superseded by the next session's catch-up read. */
  session: ReplicationSession;
}

class OutboxChangeFeed implements ChangeFeed {
  errors = 0;
  lastError: unknown = null;
  reconnects = 0;

  private session: ReplicationSession | null = null;
  /** Every slot this feed created, so stop() can wait for the server to drop all of them. */
  private readonly slots: string[] = [];
  private queue: Batch[] = [];
  private queuedChanges = 0;
  private paused = false;
  private applying = false;
  private wake: (() => void) | null = null;
  private delivering: Promise<void> | null = null;
  private reconnecting: Promise<void> | null = null;
  private stopping: Promise<void> | null = null;
  private readonly stopController = new AbortController();

  private readonly handlers: SessionHandlers = {
    transaction: (session, transaction) => this.received(session, transaction),
    idle: () => this.queue.length === 0 && !this.applying,
    lost: (session, error) => this.lost(session, error),
  };

  constructor(
    private readonly url: string,
    private readonly namespace: string,
  ) {}

  get description(): string {
    const slot = this.session?.slot ?? this.slots.at(-1) ?? 'none';
    return `PostgreSQL logical decoding (pgoutput, temporary slot ${slot}, publication ${outboxPublication(this.namespace)})`;
  }

  private get stopped(): boolean {
    return this.stopController.signal.aborted;
  }

  async open(): Promise<void> {
    this.install(await this.openSession());
  }

  start(apply: ApplyChanges): void {
    if (this.delivering) throw new Error('the change feed is already started');
    if (this.stopped) throw new Error('the change feed is stopped');
    this.delivering = this.deliver(apply);
    this.session?.startStreaming();
  }

  stop(): Promise<void> {
    this.stopping ??= this.shutDown();
    return this.stopping;
  }

  private async openSession(): Promise<OpenedSession> {
    const opened = await ReplicationSession.open(this.url, this.namespace, this.handlers);
    this.slots.push(opened.session.slot);
    return opened;
  }

  private install({ session, catchUp }: OpenedSession): void {
    this.session = session;
    if (catchUp.length > 0) this.enqueue({ changes: catchUp, ackLsn: null, session });
    if (this.delivering) session.startStreaming();
  }

  private received(session: ReplicationSession, transaction: CommittedTransaction): void {
    if (session !== this.session) return;
    // An empty transaction (one that wrote no outbox row) still moves the acknowledged position along.
    this.enqueue({ changes: transaction.changes, ackLsn: transaction.endLsn, session });
  }

  private enqueue(batch: Batch): void {
    this.queue.push(batch);
    this.queuedChanges += batch.changes.length;
    if (!this.paused && this.queuedChanges > MAX_QUEUED_CHANGES) {
      this.paused = true;
      batch.session.pause();
    }
    const wake = this.wake;
    this.wake = null;
    wake?.();
  }

  /** The next apply call's worth of queued transactions, merged; null when the queue is empty. */
  private takeBatch(): Batch | null {
    const first = this.queue.shift();
    if (!first) return null;
    const merged: Batch = { changes: [...first.changes], ackLsn: first.ackLsn, session: first.session };
    while (this.queue[0] && merged.changes.length + this.queue[0].changes.length <= MAX_CHANGES_PER_APPLY) {
      const next = this.queue.shift() as Batch;
      merged.changes.push(...next.changes);
      if (next.ackLsn !== null) merged.ackLsn = next.ackLsn;
    }
    this.queuedChanges -= merged.changes.length;
    if (this.paused && this.queuedChanges <= MAX_QUEUED_CHANGES / 2) {
      this.paused = false;
      merged.session.resume();
    }
    return merged;
  }

  /** One batch at a time, in order, until stop. */
  private async deliver(apply: ApplyChanges): Promise<void> {
    while (!this.stopped) {
      const batch = this.takeBatch();
      if (!batch) {
        await new Promise<void>((resolve) => (this.wake = resolve));
        continue;
      }
      this.applying = true;
      try {
        await this.applyUntilDone(apply, batch);
      } finally {
        this.applying = false;
      }
    }
  }

  private async applyUntilDone(apply: ApplyChanges, batch: Batch): Promise<void> {
    for (let attempt = 0; batch.changes.length > 0; attempt++) {
      // After a reconnect the new session's catch-up read holds these rows again (they are unapplied).
      if (this.stopped || batch.session !== this.session) return;
      try {
        await apply(batch.changes);
        break;
      } catch (error) {
        this.errors += 1;
        this.lastError = error;
        await sleep(backoffMs(attempt), this.stopController.signal);
      }
    }
    if (batch.ackLsn !== null && batch.session === this.session) batch.session.acknowledge(batch.ackLsn);
  }

  private lost(session: ReplicationSession, error: unknown): void {
    if (session !== this.session || this.stopped) return;
    this.errors += 1;
    this.lastError = error;
    this.session = null;
    this.queue = [];
    this.queuedChanges = 0;
    this.paused = false;
    void session.close();
    this.reconnecting = this.reconnect();
  }

  private async reconnect(): Promise<void> {
    for (let attempt = 0; !this.stopped; attempt++) {
      await sleep(backoffMs(attempt), this.stopController.signal);
      if (this.stopped) return;
      try {
        const opened = await this.openSession();
        if (this.stopped) {
          await opened.session.close();
          return;
        }
        this.reconnects += 1;
        this.install(opened);
        return;
      } catch (error) {
        this.errors += 1;
        this.lastError = error;
      }
    }
  }

  private async shutDown(): Promise<void> {
    this.stopController.abort();
    const wake = this.wake;
    this.wake = null;
    wake?.();
    await this.reconnecting;
    await this.delivering;
    await this.session?.close();
    this.session = null;
    try {
      await removeFeedObjects(this.url, this.namespace, this.slots);
    } catch (error) {
      // The temporary slots die with their connections anyway; a leftover publication is dropped by the next
      // run in this namespace. Worth a count, not a crash.
      this.errors += 1;
      this.lastError = error;
    }
  }
}

/**
 * Creates the publication and the first temporary slot, then returns the feed, not yet streaming. Rows
 * committed from here on are streamed once start() is called; rows committed earlier that are still unapplied
 * are delivered first, from the table. Throws a UserError naming the reason when the server cannot do logical
 * decoding (see logicalDecodingSupport). namespace is the source store's (its schema, where its outbox is).
 */
export async function openOutboxChangeFeed(url: string, namespace: string): Promise<ChangeFeed> {
  const where = `cdc propagation at ${redactedAddress(url)}`;
  const support = await logicalDecodingSupport(url);
  if (!support.ok) throw new UserError(`${where}: ${support.reason}`);
  await createOutboxPublication(url, namespace);
  const feed = new OutboxChangeFeed(url, namespace);
  try {
    await feed.open();
    return feed;
  } catch (error) {
    await feed.stop();
    if (error instanceof UserError) throw error;
    throw new UserError(`${where}: cannot start logical replication: ${errorMessage(error)}`);
  }
}
