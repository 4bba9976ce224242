// A store lane as a multi-server FIFO queue: `servers` calls in service at once (a pool's connections, one for an
// engine that runs one statement at a time), the rest wait in arrival order. Infinity servers is a delay station
// (no queueing: in-process engines whose calls run on the caller's own turn). Counters for queueing theory
// (mean wait, Little's law) are kept as running sums, so memory stays flat however long the run.
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
  /** The delivery of an answer: the call it delivers. */
  parent: SimCall | null = null;

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
    this.parent = null;
    return this;
  }

  fire(code: number, nowUs: number): void {
    if (code === CALL_FINISHED) this.lane.finish(this, nowUs);
    else if (code === CALL_SUBMIT) this.lane.submit(this, nowUs);
    else this.owner.callDone(this, nowUs);
  }
}

export class Lane {
  private busy = 0;
  private waiting: SimCall[] = [];
  private head = 0;
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
  /** Held shut (a hung store): calls queue and none starts until it opens. */
  private held = false;

  constructor(
    readonly name: string,
    readonly servers: number,
    private readonly queue: EventQueue,
  ) {}

  submit(call: SimCall, nowUs: number): void {
    this.account(nowUs, 1);
    call.submittedUs = nowUs;
    if (!this.held && this.busy < this.servers) this.start(call, nowUs);
    else this.waiting.push(call);
  }

  finish(call: SimCall, nowUs: number): void {
    this.busy -= 1;
    this.account(nowUs, -1);
    this.completed += 1;
    this.totalWaitUs += call.startedUs - call.submittedUs;
    this.totalSojournUs += nowUs - call.submittedUs;
    this.busyUs += nowUs - call.startedUs;
    this.startWaiting(nowUs);
    call.owner.callDone(call, nowUs);
  }

  /** A hung store: nothing starts until release(); calls already in service finish. */
  hold(): void {
    this.held = true;
  }

  release(nowUs: number): void {
    this.held = false;
    this.startWaiting(nowUs);
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

  private startWaiting(nowUs: number): void {
    while (!this.held && this.busy < this.servers && this.head < this.waiting.length) {
      const next = this.waiting[this.head]!;
      this.waiting[this.head++] = undefined as unknown as SimCall;
      this.start(next, nowUs);
    }
    // Compact now and then so a long run's queue array does not grow with simulated time.
    if (this.head > 1024 && this.head * 2 > this.waiting.length) {
      this.waiting = this.waiting.slice(this.head);
      this.head = 0;
    }
  }

  private start(call: SimCall, nowUs: number): void {
    this.busy += 1;
    call.startedUs = nowUs;
    this.queue.at(nowUs + call.serviceUs, call);
  }

  private account(nowUs: number, delta: number): void {
    this.area += this.inLane * (nowUs - this.lastChangeUs);
    this.lastChangeUs = nowUs;
    this.inLane += delta;
  }
}
