// A store lane as a multi-server FIFO queue: `servers` calls in service at once (a pool's connections, one for an
// engine that runs one statement at a time), the rest wait in arrival order. Infinity servers is a delay station
// (no queueing: in-process engines whose calls run on the caller's own turn). A call's service time is drawn when
// it is made, so in FIFO order its start is known the moment it arrives — the earliest a server is free, or now —
// (the Kiefer–Wolfowitz recursion; Lindley's for one server): the lane keeps each server's next free instant
// instead of a waiting line, and schedules only the call's end (docs/measurements.md, "Simulated figures").
// Counters for queueing theory (mean wait, Little's law) are kept as running sums, so memory stays flat however
// long the run.
import type { EventQueue, EventTarget } from './event-queue.js';

/** Who made a call and hears when it ends. */
export interface CallOwner {
  callDone(call: SimCall, nowUs: number): void;
}

/** SimCall event codes: a server finished it; a delay before the store (injected latency) ended; it failed at once. */
export const CALL_FINISHED = 0;
export const CALL_SUBMIT = 1;
export const CALL_FAILED = 2;

/** One store call in flight; the object is its own event (completion, delayed submission, refusal). */
export class SimCall implements EventTarget {
  /** When the caller made the call; when it entered the lane's queue; when a server took it. */
  createdUs = 0;
  submittedUs = 0;
  startedUs = 0;
  ok = true;
  /** Made by a measured journey (operation calls) — what the store-call table counts. */
  measured = false;
  /** Who hears the call's end once it is over (and, off the tool's thread, delivered on it). */
  finalOwner: CallOwner | null = null;
  /**
   * Its answer is being delivered on the tool's thread: the same object is resubmitted there (no second call
   * per answer), and storeStartedUs keeps when the store began serving it (what reads and probes compare).
   */
  delivering = false;
  storeStartedUs = 0;

  constructor(
    public lane: Lane,
    public serviceUs: number,
    public owner: CallOwner,
    /** The owner's own tag: which call of its plan this is. */
    public tag: number,
    /** Index into the model's call kinds (store, role, method), for the tables. */
    public kind: number,
  ) {}

  /** Makes a recycled call new again (the simulator reuses them: no garbage per call). */
  reset(lane: Lane, serviceUs: number, owner: CallOwner, tag: number, kind: number): this {
    this.lane = lane;
    this.serviceUs = serviceUs;
    this.owner = owner;
    this.tag = tag;
    this.kind = kind;
    this.ok = true;
    this.measured = false;
    this.finalOwner = null;
    this.delivering = false;
    return this;
  }

  fire(code: number, nowUs: number): void {
    if (code === CALL_FINISHED) this.lane.finish(this, nowUs);
    else if (code === CALL_SUBMIT) this.lane.submit(this, nowUs);
    else this.owner.callDone(this, nowUs);
  }
}

export class Lane {
  /** Per server, the instant it is next free (empty for a delay station). */
  private readonly freeAtUs: Float64Array;
  /** Running sums over completed calls, for tests and the model statement. */
  completed = 0;
  totalWaitUs = 0;
  totalSojournUs = 0;
  /** Σ service time of completed calls: busy time, for utilisation. */
  busyUs = 0;
  /** ∫ calls in the lane (waiting + in service) dt, for Little's law. */
  private area = 0;
  private inLane = 0;
  private lastChangeUs = 0;

  constructor(
    readonly name: string,
    readonly servers: number,
    private readonly queue: EventQueue,
  ) {
    this.freeAtUs = new Float64Array(Number.isFinite(servers) ? servers : 0);
  }

  /** The call arrives now: it starts on the earliest free server (FIFO: no later call can overtake it). */
  submit(call: SimCall, nowUs: number): void {
    this.account(nowUs, 1);
    call.submittedUs = nowUs;
    let startUs = nowUs;
    const free = this.freeAtUs;
    if (free.length > 0) {
      let server = 0;
      let earliest = free[0]!;
      for (let i = 1; i < free.length; i++) {
        if (free[i]! < earliest) {
          earliest = free[i]!;
          server = i;
        }
      }
      if (earliest > nowUs) startUs = earliest;
      free[server] = startUs + call.serviceUs;
    }
    call.startedUs = startUs;
    this.queue.at(startUs + call.serviceUs, call, CALL_FINISHED);
  }

  finish(call: SimCall, nowUs: number): void {
    this.account(nowUs, -1);
    this.completed += 1;
    this.totalWaitUs += call.startedUs - call.submittedUs;
    this.totalSojournUs += nowUs - call.submittedUs;
    this.busyUs += nowUs - call.startedUs;
    call.owner.callDone(call, nowUs);
  }

  /** Whether a call made now would start now. */
  hasFreeServer(nowUs: number): boolean {
    const free = this.freeAtUs;
    for (let i = 0; i < free.length; i++) if (free[i]! <= nowUs) return true;
    return free.length === 0;
  }

  /**
   * A job a free server (hasFreeServer) starts now and that ends before anything else happens — the caller moved
   * the clock on to its end (EventQueue.advanceTo) — accounted as submit and finish would, with no event.
   */
  serveAtOnce(serviceUs: number, nowUs: number): void {
    const free = this.freeAtUs;
    for (let i = 0; i < free.length; i++) {
      if (free[i]! <= nowUs) {
        free[i] = nowUs + serviceUs;
        break;
      }
    }
    this.account(nowUs, 1);
    this.account(nowUs + serviceUs, -1);
    this.completed += 1;
    this.totalSojournUs += serviceUs;
    this.busyUs += serviceUs;
  }

  /** Calls waiting or in service now. */
  get occupancy(): number {
    return this.inLane;
  }

  /** Time-average number of calls in the lane over [0, nowUs] (L in Little's law). */
  meanInLane(nowUs: number): number {
    this.account(nowUs, 0);
    return nowUs > 0 ? this.area / nowUs : 0;
  }

  private account(nowUs: number, delta: number): void {
    this.area += this.inLane * (nowUs - this.lastChangeUs);
    this.lastChangeUs = nowUs;
    this.inLane += delta;
  }
}
