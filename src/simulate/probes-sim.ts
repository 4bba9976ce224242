// The probe readers as the model runs them (src/propagation/probes.ts): a sampled write is watched from its
// commit ack in every derived store; a round reads every pending watch at once, one batched call per derived
// store and PROBE_BATCH_MAX watches (calls queued on the derived stores), the next round starts an interval after
// the last one began, or at once if it ran longer. A read sees the write if it was applied before the store began
// serving the read; visible lag = that read's end − commit ack. A write still unseen at the probe timeout is
// censored at its last read.
import { PROBE_BATCH_MAX } from '../propagation/probes.js';
import type { EventTarget } from './event-queue.js';
import type { CallOwner, SimCall } from './lane.js';
import type { SimContext } from './sim-context.js';
import type { SimOrder } from './sim-order.js';

interface Watch {
  order: SimOrder;
  target: number;
  lastReadUs: number;
  /** Seen or censored: recorded once. */
  done: boolean;
}

export class SimProbes implements EventTarget, CallOwner {
  private pending: Watch[] = [];
  private round: Watch[] = [];
  /** The round's calls: the watches each one asks about, indexed by the call's tag. */
  private batches: Watch[][] = [];
  private outstanding = 0;
  private ticking = false;
  private scheduled = false;
  private roundStartUs = 0;
  private readonly intervalUs: number;
  private readonly timeoutUs: number;

  constructor(private readonly ctx: SimContext) {
    this.intervalUs = ctx.scenario.consistency.probeIntervalMs * 1000;
    this.timeoutUs = ctx.scenario.consistency.probeTimeoutMs * 1000;
  }

  watch(order: SimOrder, nowUs: number): void {
    for (let target = 0; target < this.ctx.spec.targets.length; target++)
      this.pending.push({ order, target, lastReadUs: order.commitUs, done: false });
    if (!this.ticking && !this.scheduled) {
      this.scheduled = true;
      this.ctx.queue.at(nowUs, this);
    }
  }

  fire(_code: number, nowUs: number): void {
    this.scheduled = false;
    this.round = this.pending.filter((watch) => !watch.order.compensated);
    this.pending = [];
    if (this.round.length === 0) return;
    this.ticking = true;
    this.roundStartUs = nowUs;
    this.batches = [];
    for (let target = 0; target < this.ctx.spec.targets.length; target++) {
      const watches = this.round.filter((watch) => watch.target === target);
      for (let at = 0; at < watches.length; at += PROBE_BATCH_MAX)
        this.batches.push(watches.slice(at, at + PROBE_BATCH_MAX));
    }
    this.outstanding = this.batches.length;
    for (let i = 0; i < this.batches.length; i++) {
      const target = this.batches[i]![0]!.target;
      this.ctx.issue(this.ctx.spec.targets[target]!.probeKind, this, i, nowUs, false);
    }
  }

  /** The run is over: what is still unseen is censored at its last read (probes.ts stop()). */
  stop(): void {
    for (const watch of [...this.pending, ...this.round]) {
      if (watch.done || watch.order.compensated) continue;
      watch.done = true;
      this.ctx.lags[watch.target]!.notSeen(watch.order.commitUs, watch.lastReadUs);
    }
    this.pending = [];
    this.round = [];
    this.batches = [];
  }

  callDone(call: SimCall, nowUs: number): void {
    this.ctx.noteCall(call, nowUs);
    for (const watch of this.batches[call.tag]!) {
      const lag = this.ctx.lags[watch.target]!;
      const { order } = watch;
      if (call.ok && order.appliedUs[watch.target]! <= call.startedUs) {
        watch.done = true;
        if (!order.compensated) lag.seen(order.commitUs, nowUs, nowUs - watch.lastReadUs);
      } else {
        // Only a read that answered "not there" is evidence; a failed one says nothing about any of its ids.
        if (call.ok) watch.lastReadUs = nowUs;
        if (nowUs >= order.commitUs + this.timeoutUs) {
          watch.done = true;
          if (!order.compensated) lag.notSeen(order.commitUs, watch.lastReadUs);
        } else this.pending.push(watch);
      }
    }
    if (--this.outstanding > 0) return;
    this.ticking = false;
    this.round = [];
    this.batches = [];
    if (this.pending.length > 0) {
      this.scheduled = true;
      this.ctx.queue.at(Math.max(nowUs, this.roundStartUs + this.intervalUs), this);
    }
  }
}
