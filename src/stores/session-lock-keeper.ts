// Keeps a namespace lock that lives exactly as long as one connection (PostgreSQL's session advisory lock,
// MySQL's GET_LOCK). If that connection is reset (server restart, the session killed, the network), the lock is
// gone and a second run could take the namespace while this one goes on. So the connection is watched: on its
// reset the lock is taken again at once on a new connection. While the server cannot be reached that is retried
// until the store closes (the outage shows in the run's errors, and close() asks once more before it decides).
// If another session holds the lock now, the namespace is lost: the store says so in one line (onWarning, which
// the run prints on stderr, and warnings(), which the layout's notes keep), and stop() answers false, so the
// store drops nothing — the namespace may be the other run's now. Each engine supplies the primitives in its own
// folder; the protocol lives here (as namespace-lease.ts does for record-based leases).
import type { LeaseRecord } from './namespace-lease.js';

/** Between attempts to reconnect while the server is unreachable. */
const RETAKE_PAUSE_MS = 1000;

export interface SessionLockPrimitive<C> {
  /** On a new connection: the connection now holding the lock, or who holds it instead. Throws if unreachable. */
  take(): Promise<{ holder: C } | { owner: LeaseRecord }>;
  /** Calls reset (perhaps more than once) when the connection breaks or ends. */
  watch(connection: C, reset: () => void): void;
  /** Ends the connection, freeing the lock if it still holds it. Never throws. */
  end(connection: C): Promise<void>;
}

export interface KeptLock {
  /** Lines about the lock worth a user's attention (its loss), one each, in the order they happened. */
  warnings(): readonly string[];
  /**
   * Stops taking the lock back and says whether the namespace is still this run's to drop: true only while the
   * lock is held (asked once more if a re-take was still retrying). The lock stays held until end(), so the
   * store drops under it and no other run can take the namespace in between. Idempotent.
   */
  stop(): Promise<boolean>;
  /** Frees the lock by ending its connection (stopping first if stop() was not called). Idempotent. */
  end(): Promise<void>;
}

export interface KeptLockTarget {
  /** "store postgres at postgres://…": how the warning starts. */
  store: string;
  namespace: string;
  onWarning?: (line: string) => void;
}

export function keepSessionLock<C>(
  first: C,
  primitive: SessionLockPrimitive<C>,
  target: KeptLockTarget,
): KeptLock {
  let holder: C | null = null;
  let lost = false;
  let closing = false;
  let retaking: Promise<void> | null = null;
  const warnings: string[] = [];

  const lose = (owner: LeaseRecord) => {
    lost = true;
    const line =
      `${target.store}: lost the lock on namespace ${target.namespace} (its connection was reset) and another ` +
      `session holds it now (host ${owner.host}, pid ${owner.pid}, run started ${owner.runStartedAt}): another ` +
      "run may be using it, so this run's figures may be disturbed, and its data is left in place at the end";
    warnings.push(line);
    target.onWarning?.(line);
  };

  const retake = async () => {
    while (!closing) {
      try {
        const outcome = await primitive.take();
        // Taken back while closing, it is still held: end() ends it once the store has decided what to drop.
        if ('holder' in outcome) hold(outcome.holder);
        else lose(outcome.owner);
        return;
      } catch {
        // The server is unreachable for now (a restart, a network fault): try again shortly.
        await new Promise((resolve) => setTimeout(resolve, RETAKE_PAUSE_MS).unref());
      }
    }
  };

  function hold(connection: C): void {
    holder = connection;
    let reset = false;
    primitive.watch(connection, () => {
      if (reset) return;
      reset = true;
      // Ended on purpose by end(): nothing to take back.
      if (holder !== connection) return;
      holder = null;
      void primitive.end(connection);
      if (closing) return;
      retaking = retake().finally(() => {
        retaking = null;
      });
    });
  }
  hold(first);

  let stopped: Promise<boolean> | null = null;
  const stop = () => {
    stopped ??= (async () => {
      closing = true;
      await retaking;
      if (holder === null && !lost) {
        // Still retrying when the store closed: ask once more, so the decision rests on who holds it now.
        const outcome = await primitive.take().catch(() => null);
        if (outcome && 'holder' in outcome) holder = outcome.holder;
        else if (outcome) lose(outcome.owner);
      }
      return holder !== null;
    })();
    return stopped;
  };
  return {
    warnings: () => warnings,
    stop,
    async end() {
      await stop();
      const connection = holder;
      holder = null;
      if (connection !== null) await primitive.end(connection);
    },
  };
}
