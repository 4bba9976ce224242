// pgoutput messages → committed outbox transactions. pg-logical-replication's parser decodes the binary
// messages (Relation, Begin, Insert, Commit, …) and, for text-format tuples, converts column values with pg's
// type parsers: bigint seq arrives as a string, the jsonb payload already parsed.
import { PgoutputPlugin, type Pgoutput } from 'pg-logical-replication';
import type { Order } from '../../domain.js';
import type { OutboxKind } from '../../roles.js';
import { parseLsn, type Lsn } from './lsn.js';
import { OUTBOX_TABLE_NAME, outboxPublication } from './names.js';
import type { OutboxChange } from './types.js';

export interface CommittedTransaction {
  /**
   * Its outbox INSERTs (purchases, and retractions written by a compensation) in the order the transaction made
   * them; empty when it touched no outbox row.
   */
  changes: OutboxChange[];
  /** End of the commit record: acknowledging it tells the server the whole transaction is done with. */
  endLsn: Lsn;
}

/** One per replication connection: relation ids are announced per stream, so the parser's cache is too. */
export class OutboxDecoder {
  private readonly plugin: PgoutputPlugin;
  private open: OutboxChange[] | null = null;

  /** namespace: the source store's schema, the only one whose outbox is the feed's. */
  constructor(private readonly namespace: string) {
    this.plugin = new PgoutputPlugin({ protoVersion: 1, publicationNames: [outboxPublication(namespace)] });
  }

  /** Between a Begin and its Commit: the server's position is then no safe acknowledgement. */
  get inTransaction(): boolean {
    return this.open !== null;
  }

  /** Decodes one XLogData payload; returns the transaction when the payload was its Commit. */
  decode(payload: Buffer): CommittedTransaction | null {
    const message: Pgoutput.Message = this.plugin.parse(payload);
    switch (message.tag) {
      case 'begin':
        this.open = [];
        return null;
      case 'insert':
        if (message.relation.schema !== this.namespace || message.relation.name !== OUTBOX_TABLE_NAME)
          return null;
        if (this.open === null) throw new Error('pgoutput: an INSERT outside a transaction');
        this.open.push(outboxChange(message.new));
        return null;
      case 'commit': {
        if (this.open === null) throw new Error('pgoutput: a COMMIT without its BEGIN');
        if (message.commitEndLsn === null) throw new Error('pgoutput: a COMMIT without its end position');
        const changes = this.open;
        this.open = null;
        return { changes, endLsn: parseLsn(message.commitEndLsn) };
      }
      default:
        // Relation and Type messages only feed the parser's caches; the publication sends nothing else.
        return null;
    }
  }
}

const KINDS: readonly unknown[] = ['purchase', 'retraction'] satisfies OutboxKind[];

/** An outbox row's columns (as pg parses them) → the change; throws on a row the tool did not write. */
export function outboxChange(row: Record<string, unknown>): OutboxChange {
  const seq = Number(row.seq);
  // pg parses jsonb unless someone replaced its global type parser; text is parsed here then.
  const payload: unknown = typeof row.payload === 'string' ? JSON.parse(row.payload) : row.payload;
  if (
    !Number.isSafeInteger(seq) ||
    !KINDS.includes(row.kind) ||
    typeof (payload as Partial<Order> | null)?.id !== 'string'
  )
    throw new Error(`outbox row is not one the tool wrote: seq ${String(row.seq)}`);
  return { seq, kind: row.kind as OutboxKind, order: payload as Order };
}
