// A run owns its namespace on a shared server for as long as its store is open: a lease record on the server
// names the holder (host, pid, when its run started) and is renewed while the run goes on. A second run on the
// same namespace reads the record and is refused in one line naming the holder, instead of dropping what the
// first run holds. A holder that died stops renewing: once its record is older than the lease's TTL, the next run
// breaks it and takes over (the leftover data is then its to replace). Each engine supplies the primitives
// (an atomic "create if absent", a conditional rewrite and delete) in its own folder; the protocol lives here.
import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { UserError } from '../errors.js';

/** How long a record stays valid without renewal: long enough to ride out a slow server or a GC pause. */
export const LEASE_TTL_MS = 30_000;
/** Renewed three times per TTL, so two missed renewals still leave the lease valid. */
const RENEW_EVERY_MS = LEASE_TTL_MS / 3;
/** Claim, find it stale, break it, claim again: a few rounds cover a race with another run doing the same. */
const CLAIM_ROUNDS = 3;

/** Who holds a namespace, as stored on the server (JSON-serialisable, compared field by field). */
export interface LeaseRecord {
  /** Random per lease: tells this holder's record from a successor's with the same host and pid. */
  token: string;
  host: string;
  pid: number;
  /** ISO instant the holder's process (its run) started. */
  runStartedAt: string;
  /** ISO instant the lease was taken. */
  since: string;
  /** Epoch ms of the last renewal (the claim counts as one), by the holder's clock. */
  renewedAt: number;
}

/** What an engine offers to hold a lease; every method acts only on the namespace it was made for. */
export interface LeasePrimitive {
  /** Creates the record if none exists, atomically; otherwise returns the current one (null: it vanished meanwhile). */
  claim(mine: LeaseRecord): Promise<'claimed' | LeaseRecord | null>;
  /** Replaces `current` with `next` only if the stored record is still `current`; false when it is not. */
  renew(current: LeaseRecord, next: LeaseRecord): Promise<boolean>;
  /** Deletes `stale` only if the stored record is still exactly it. */
  breakStale(stale: LeaseRecord): Promise<void>;
}

export interface NamespaceLease {
  readonly record: LeaseRecord;
  /** False once a renewal found the record gone or someone else's: the store must then drop nothing. */
  stillOurs(): boolean;
  /** Stops renewing (before the store drops its data, or gives up). Idempotent. */
  stop(): void;
}

export interface LeaseTarget {
  /** "store redis at redis://…": how the refusal starts. */
  store: string;
  namespace: string;
}

const PROCESS_STARTED_AT = new Date(Date.now() - process.uptime() * 1000).toISOString();

export function newLeaseRecord(now = Date.now()): LeaseRecord {
  return {
    token: randomBytes(8).toString('hex'),
    host: hostname(),
    pid: process.pid,
    runStartedAt: PROCESS_STARTED_AT,
    since: new Date(now).toISOString(),
    renewedAt: now,
  };
}

export function isStale(record: LeaseRecord, now = Date.now()): boolean {
  return now - record.renewedAt > LEASE_TTL_MS;
}

/** The one line a refused run prints. */
export function leaseRefusal(target: LeaseTarget, holder: LeaseRecord): UserError {
  return new UserError(
    `${target.store}: namespace ${target.namespace} is held by another polyglot-bench run ` +
      `(host ${holder.host}, pid ${holder.pid}, run started ${holder.runStartedAt}) since ${holder.since}; ` +
      'wait for it to finish, or give this run its own with --namespace <name>',
  );
}

/** A stored record read back, or null when it is not one of ours (another tool's key, a corrupt value). */
export function parseLeaseRecord(value: unknown): LeaseRecord | null {
  let data = value;
  if (typeof value === 'string') {
    try {
      data = JSON.parse(value);
    } catch {
      return null;
    }
  }
  if (typeof data !== 'object' || data === null) return null;
  const r = data as Record<string, unknown>;
  if (typeof r.token !== 'string' || typeof r.host !== 'string' || typeof r.pid !== 'number') return null;
  if (typeof r.runStartedAt !== 'string' || typeof r.since !== 'string') return null;
  if (typeof r.renewedAt !== 'number') return null;
  return {
    token: r.token,
    host: r.host,
    pid: r.pid,
    runStartedAt: r.runStartedAt,
    since: r.since,
    renewedAt: r.renewedAt,
  };
}

/** A stored value that is not a record of ours still blocks the namespace: it is reported as held by someone unknown. */
export function unknownHolder(): LeaseRecord {
  return {
    token: '',
    host: 'unknown',
    pid: 0,
    runStartedAt: 'unknown',
    since: 'unknown',
    renewedAt: Date.now(),
  };
}

export function sameLease(a: LeaseRecord, b: LeaseRecord): boolean {
  return a.token === b.token && a.renewedAt === b.renewedAt;
}

/** Takes the namespace or throws the refusal; renews it in the background until stop(). */
export async function acquireLease(target: LeaseTarget, primitive: LeasePrimitive): Promise<NamespaceLease> {
  let record = newLeaseRecord();
  let holder: LeaseRecord | null = null;
  for (let round = 0; round < CLAIM_ROUNDS; round += 1) {
    const outcome = await primitive.claim(record);
    if (outcome === 'claimed') return renewing(primitive, record);
    holder = outcome;
    if (holder === null || isStale(holder)) {
      if (holder) await primitive.breakStale(holder);
      record = newLeaseRecord();
      continue;
    }
    throw leaseRefusal(target, holder);
  }
  if (holder) throw leaseRefusal(target, holder);
  throw new UserError(
    `${target.store}: could not take namespace ${target.namespace} (it changed hands repeatedly)`,
  );
}

function renewing(primitive: LeasePrimitive, first: LeaseRecord): NamespaceLease {
  let current = first;
  let ours = true;
  let inFlight = false;
  const timer = setInterval(() => {
    // A renewal still waiting on a slow server is not stacked with another.
    if (inFlight || !ours) return;
    inFlight = true;
    const next = { ...current, renewedAt: Date.now() };
    primitive
      .renew(current, next)
      .then((renewed) => {
        if (renewed) current = next;
        else ours = false;
      })
      // A failed renewal (server briefly down) is retried next time; the TTL leaves room for two misses.
      .catch(() => undefined)
      .finally(() => {
        inFlight = false;
      });
  }, RENEW_EVERY_MS);
  // The lease must never keep the process alive on its own.
  timer.unref();
  return {
    get record() {
      return current;
    },
    stillOurs: () => ours,
    stop: () => clearInterval(timer),
  };
}
