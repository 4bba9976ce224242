// The contract of the cdc propagation source: committed outbox INSERTs, read from the database's change log.
import type { OutboxRow } from '../../roles.js';

/** One outbox row as the change log carried it: the same shape the polling relay reads. */
export type OutboxChange = OutboxRow;

/** Applies changes to the derived stores; resolving means they are durable there (then they are acknowledged). */
export type ApplyChanges = (changes: OutboxChange[]) => Promise<void>;

export interface ChangeFeed {
  /** e.g. "PostgreSQL logical decoding (pgoutput, temporary slot polyglot_bench_4242_9f3a0c1d, …)". */
  readonly description: string;
  /**
   * Starts streaming. apply receives the outbox INSERTs of committed transactions, whole transactions only,
   * in commit order (several transactions may be coalesced into one call); calls never overlap. A change is
   * acknowledged to the server only after apply resolves. If apply throws, the same changes are offered again
   * after a short backoff, until it succeeds or the feed stops (at-least-once: apply must be idempotent).
   */
  start(apply: ApplyChanges): void;
  /** Failed applies, lost connections and failed reconnects, counted; the feed itself keeps going. */
  readonly errors: number;
  readonly lastError: unknown;
  /** Replication connections re-established after one was lost (each with a new slot and a catch-up read). */
  readonly reconnects: number;
  /**
   * Lets an apply in progress finish, then ends the replication connection (the temporary slot goes with it)
   * and drops the publication. Changes received but not yet applied stay unapplied in the outbox table.
   */
  stop(): Promise<void>;
}
