// The relay as the model runs it (src/propagation/outbox-relay.ts): poll the outbox (a call on the inventory
// store), take up to batchSize committed rows, apply them to every derived store 16 orders at a time (calls
// queued on the derived stores like any other), mark the batch applied (another inventory call); a full batch
// polls again at once, otherwise the relay sleeps its interval. A failed apply leaves the batch pending for the
// next poll. cdc has no poll: rows reach the relay as they commit, and the rest is the same.
import type { EventTarget } from './event-queue.js';
import type { CallOwner, SimCall } from './lane.js';
import type { SimContext } from './sim-context.js';
import type { SimOrder } from './sim-order.js';

const APPLY_CONCURRENCY = 16;
const POLL = 0;
const APPLY = 1;
const TAG_POLL = -1;
const TAG_MARK = -2;

export class SimRelay implements EventTarget, CallOwner {
  private readonly backlog: SimOrder[] = [];
  private backlogHead = 0;
  private batch: SimOrder[] = [];
  private chunkStart = 0;
  private pendingApplies = 0;
  private chunkFailed = false;
  /** Per target, the draw its calls in the current chunk share (undefined: each call draws its own). */
  private readonly chunkDraws: Array<number | undefined> = [];
  private busy = false;
  /** A slowed relay (fault): extra wait before each batch is applied. */
  applyDelayUs = 0;
  pollIntervalUs: number;
  batchSize: number;
  /** No more polls once everything is done (the simulation then ends). */
  stopped = false;
  /** The drain (docs/measurements.md, "Invariants"): from when journeys were done to an empty backlog. */
  drainFromUs = NaN;
  drainedAtUs = NaN;
  errors = 0;

  constructor(
    private readonly ctx: SimContext,
    private readonly cdc: boolean,
    /** Whether the run still has work coming: journeys in flight or the window not over. */
    private readonly moreToCome: () => boolean,
  ) {
    this.pollIntervalUs = ctx.scenario.propagation.pollIntervalMs * 1000;
    this.batchSize = ctx.scenario.propagation.batchSize;
  }

  get backlogSize(): number {
    return this.backlog.length - this.backlogHead + this.batch.length;
  }

  /** Journeys are done: the drain starts now. */
  startDrain(nowUs: number): void {
    this.drainFromUs = nowUs;
    if (this.backlogSize === 0) this.drainedAtUs = nowUs;
    if (this.stopped) this.stopped = false;
  }

  start(nowUs: number): void {
    if (!this.cdc) this.ctx.queue.at(nowUs, this, POLL);
  }

  committed(order: SimOrder, nowUs: number): void {
    this.backlog.push(order);
    if (this.cdc && !this.busy) {
      this.busy = true;
      this.ctx.queue.at(nowUs, this, POLL);
    } else if (!this.cdc && this.stopped) {
      this.stopped = false;
      this.ctx.queue.at(nowUs, this, POLL);
    }
  }

  fire(code: number, nowUs: number): void {
    if (code === APPLY) {
      this.applyChunk(nowUs);
      return;
    }
    if (this.cdc) {
      this.take(nowUs);
      return;
    }
    this.busy = true;
    this.ctx.issue(this.ctx.spec.relay!.pollKind, this, TAG_POLL, nowUs, false);
  }

  callDone(call: SimCall, nowUs: number): void {
    this.ctx.noteCall(call, nowUs);
    if (call.tag === TAG_POLL) {
      if (!call.ok) {
        this.errors++;
        this.sleep(nowUs);
      } else this.take(nowUs);
      return;
    }
    if (call.tag === TAG_MARK) {
      const full = this.batch.length >= this.batchSize;
      this.batch = [];
      if (!call.ok) this.errors++;
      if (full && !this.cdc) this.ctx.queue.at(nowUs, this, POLL);
      else this.sleep(nowUs);
      return;
    }
    const order = this.batch[call.tag >> 2]!;
    const target = call.tag & 3;
    if (!call.ok) this.chunkFailed = true;
    else if (Number.isNaN(order.appliedUs[target]!)) {
      order.appliedUs[target] = nowUs;
      if (order.measured && !this.ctx.sealed) this.ctx.lags[target]!.applied(order.commitUs, nowUs);
    }
    if (--this.pendingApplies > 0) return;
    if (this.chunkFailed) {
      // Rows stay pending and are retried on the next poll (outbox-relay.ts: errors, retry).
      this.errors++;
      this.backlog.splice(this.backlogHead, 0, ...this.batch);
      this.batch = [];
      this.sleep(nowUs);
      return;
    }
    this.chunkStart += APPLY_CONCURRENCY;
    this.applyChunk(nowUs);
  }

  /** Rows committed by now, up to a batch (the poll's snapshot). */
  private take(nowUs: number): void {
    const available = this.backlog.length - this.backlogHead;
    if (available === 0) {
      this.sleep(nowUs);
      return;
    }
    const n = Math.min(this.batchSize, available);
    this.batch = this.backlog.slice(this.backlogHead, this.backlogHead + n);
    this.backlogHead += n;
    if (this.backlogHead > 4096 && this.backlogHead * 2 > this.backlog.length) {
      this.backlog.splice(0, this.backlogHead);
      this.backlogHead = 0;
    }
    this.chunkStart = 0;
    if (this.applyDelayUs > 0) this.ctx.queue.at(nowUs + this.applyDelayUs, this, APPLY);
    else this.applyChunk(nowUs);
  }

  private applyChunk(nowUs: number): void {
    if (this.chunkStart >= this.batch.length) {
      this.ctx.issue(this.ctx.spec.relay!.markKind, this, TAG_MARK, nowUs, false);
      return;
    }
    const end = Math.min(this.batch.length, this.chunkStart + APPLY_CONCURRENCY);
    const targets = this.ctx.spec.targets;
    this.chunkFailed = false;
    this.pendingApplies = (end - this.chunkStart) * targets.length;
    // A chunk's calls on a store the model does not queue share one draw: they run at once on that server, and
    // their measured latency is mostly their wait for each other, so one is slow when all are. Independent draws
    // would make every chunk last as long as the slowest of its calls' tails (on local servers, a predicted
    // backlog several times the measured one); the calls' own distribution is the calibration's either way.
    for (let t = 0; t < targets.length; t++)
      this.chunkDraws[t] = this.ctx.unqueued(targets[t]!.applyKind) ? this.ctx.nextDraw() : undefined;
    for (let i = this.chunkStart; i < end; i++) {
      for (let t = 0; t < targets.length; t++) {
        const shared = this.chunkDraws[t];
        // undefined: the call draws its own.
        this.ctx.issue(targets[t]!.applyKind, this, (i << 2) | t, nowUs, false, shared);
      }
    }
  }

  private sleep(nowUs: number): void {
    const idle = this.backlogSize === 0;
    if (idle && nowUs >= this.drainFromUs && Number.isNaN(this.drainedAtUs)) this.drainedAtUs = nowUs;
    if (this.cdc) {
      if (this.backlog.length - this.backlogHead > 0) this.ctx.queue.at(nowUs, this, POLL);
      else this.busy = false;
      return;
    }
    // Nothing left and nothing coming: stop polling so the simulation can end (a commit restarts it).
    if (idle && !this.moreToCome()) {
      this.stopped = true;
      this.busy = false;
      return;
    }
    this.ctx.queue.at(nowUs + this.pollIntervalUs, this, POLL);
  }
}
