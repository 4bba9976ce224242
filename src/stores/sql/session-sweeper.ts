// Purges expired sessions and their carts from a SQL store's tables, the way a shop's sweeper job does, so a long
// run's sessions and cart_lines stay bounded like Redis's or the TTL cache's keyspace (they expire keys
// themselves). Reads already treat an expired session as gone (roles/sessions.ts): the purge only reclaims space.
//
// Why a timer in the store, not every Nth startSession: piggy-backed on a shopper's call, the DELETE would sit
// inside that call's measured latency — one shopper in N paying for everyone's garbage, a p99 spike that is the
// tool's artefact, not the engine's — and detached from it, it would still run in that operation's call context.
// The sweeper runs below the timing wrapper (docs/architecture.md, "The event stream": the wrapper times role
// calls), on the store's own client, so none of its statements is counted as a shopper's store call; its cost
// shows only as the load it puts on the server, as Redis's own expiry cycle does. Batches are small so a sweep
// never holds PGlite (one query at a time) or InnoDB's locks for long.
import { CLEANUP_STEP_MS, withinDeadline } from '../within-deadline.js';
import type { SqlRunner } from './client.js';
import type { SessionStatements } from './roles/sessions.js';

/** How often a store sweeps: often enough that dead sessions never outnumber a few seconds of arrivals. */
export const SESSION_SWEEP_EVERY_MS = 5_000;
/** Sessions per statement. */
const PURGE_BATCH = 500;
/** Statements per sweep at most: a backlog is worked off over several sweeps rather than in one long burst. */
const MAX_BATCHES_PER_SWEEP = 20;
/**
 * A session is purged only once it has been expired this long: a shopper's call that began just before expiry
 * still finds its rows (an addToCart then says "expired", not a foreign-key error), and reads are unaffected.
 */
export const PURGE_GRACE_SECONDS = 60;

export interface SessionSweeper {
  /** One sweep now: batches until nothing is left or the cap; the rows deleted. */
  sweep(): Promise<number>;
  /** Stops the timer and waits for a sweep in flight, so the store can close or drop its tables after. */
  stop(): Promise<void>;
}

export function startSessionSweeper<C extends SqlRunner<C>>(
  db: C,
  statements: SessionStatements<C>,
  everyMs = SESSION_SWEEP_EVERY_MS,
): SessionSweeper {
  let inFlight: Promise<number> | null = null;
  let stopped = false;
  const sweep = (): Promise<number> => {
    inFlight ??= (async () => {
      let deleted = 0;
      try {
        for (let batch = 0; batch < MAX_BATCHES_PER_SWEEP && !stopped; batch += 1) {
          const rows = await statements.purgeExpired(db, PURGE_BATCH, PURGE_GRACE_SECONDS);
          deleted += rows;
          if (rows === 0) break;
        }
        return deleted;
      } finally {
        inFlight = null;
      }
    })();
    return inFlight;
  };
  const timer = setInterval(() => {
    // A failed sweep (the server briefly away, a fault window) is simply the next one's work.
    if (!stopped && inFlight === null) sweep().catch(() => undefined);
  }, everyMs);
  // The sweeper must never keep the process alive on its own.
  timer.unref();
  return {
    sweep,
    async stop() {
      stopped = true;
      clearInterval(timer);
      // Bounded: a server that stopped answering must not keep the store from closing (Ctrl-C's report is due).
      if (inFlight) await withinDeadline(inFlight, CLEANUP_STEP_MS, 'session sweep').catch(() => undefined);
    },
  };
}
