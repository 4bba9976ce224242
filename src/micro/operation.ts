// One micro-benchmarked role operation: the call tinybench times, and the unmeasured work around it that keeps
// the store's state steady (a reservation undone, a cart refilled) so a long run measures the same thing
// throughout.
import type { RoleName } from '../roles.js';
import type { Ring } from './arguments.js';

export interface MicroOperation {
  role: RoleName;
  /** The role method's name, as in src/roles.ts. */
  operation: string;
  /** One call, timed. */
  run: () => Promise<unknown>;
  /** Untimed, before each call. */
  beforeEach?: () => Promise<void>;
  /** Untimed, after each call. */
  afterEach?: () => Promise<void>;
}

export interface SkippedOperation {
  role: RoleName;
  operation: string;
  reason: string;
}

/** What a role contributes to a store's bench: set-up, then its operations. */
export interface RolePlan {
  /** Untimed state the operations need (e.g. sessions to read), created once before the bench. */
  prepare?: () => Promise<void>;
  operations: MicroOperation[];
  skipped: SkippedOperation[];
}

/** The operation calling `call` with each argument of the ring in turn, or a skip when there is no ring. */
export function ringOperation<T>(
  plan: RolePlan,
  role: RoleName,
  operation: string,
  ring: Ring<T> | null,
  missing: string,
  call: (argument: T) => Promise<unknown>,
): void {
  if (ring === null) {
    plan.skipped.push({ role, operation, reason: missing });
    return;
  }
  plan.operations.push({ role, operation, run: () => call(ring.take()) });
}
