// One simulated journey (or one analyst query): its steps in order with think times between them, each step's
// store calls one after another as the workloads make them (step-calls.ts). Timing follows docs/measurements.md:
// the first step's intended start is the arrival's, a later step's is the previous end plus its think time, and
// a journey abandoned at the deadline stops between steps.
import { Random, deriveSeed } from '../data/random.js';
import { drawThinkTimeUs } from '../runner/journey-runner.js';
import type { EventTarget } from './event-queue.js';
import type { CallOwner, SimCall } from './lane.js';
import type { SimContext } from './sim-context.js';
import { SimOrder, type CommitListener } from './sim-order.js';
import { EFFECT_APPLY, EFFECT_COMMIT, EFFECT_PLACE, EFFECT_RYW, type SimStep } from './sim-step.js';

const OK = 0;
const REJECTED = 1;
const ERROR = 2;
const RELEASE_TAG = -1;
const DISPATCH_TAG = -2;

export class SimJourney implements EventTarget, CallOwner {
  private stepIndex = 0;
  private callIndex = 0;
  private stepIntendedUs: number;
  private stepStartUs = 0;
  private outcome: 0 | 1 | 2 = OK;
  private order: SimOrder | null = null;

  constructor(
    private readonly ctx: SimContext,
    private readonly steps: readonly SimStep[],
    private readonly rng: Random,
    intendedUs: number,
    private readonly measured: boolean,
    /** Order id as the runner names it ("o-a1234"), for the seeded probe sample; null for analysts. */
    private readonly orderId: string | null,
    private readonly propagation: CommitListener,
    private readonly thinkTime: { min: number; max: number },
    private readonly ended: (journey: SimJourney, nowUs: number) => void,
  ) {
    this.stepIntendedUs = intendedUs;
  }

  /** A step is due (the arrival, or the end of a think time). */
  fire(_code: number, nowUs: number): void {
    if (this.ctx.sealed) {
      this.ended(this, nowUs);
      return;
    }
    // The step starts when the tool's thread gets to it: a busy thread is schedule lag, i.e. response time.
    this.ctx.issue(this.ctx.spec.dispatchKind, this, DISPATCH_TAG, nowUs, false);
  }

  private nextCall(nowUs: number): void {
    const step = this.steps[this.stepIndex]!;
    const kinds = step.kinds;
    while (this.callIndex < kinds.length) {
      if (step.afterCheckoutOnly[this.callIndex] === 1 && !this.order?.placed) {
        this.callIndex++;
        continue;
      }
      this.ctx.issue(kinds[this.callIndex]!, this, this.callIndex, nowUs, this.measured);
      return;
    }
    this.endStep(nowUs);
  }

  callDone(call: SimCall, nowUs: number): void {
    if (call.tag === DISPATCH_TAG) {
      this.stepStartUs = call.startedUs;
      if (this.stepIndex === 0 && this.measured && this.orderId !== null && !this.ctx.sealed)
        this.ctx.recorder.arrivalStarted(call.startedUs - this.stepIntendedUs);
      this.callIndex = 0;
      this.outcome = OK;
      this.nextCall(nowUs);
      return;
    }
    this.ctx.noteCall(call, nowUs);
    if (call.tag === RELEASE_TAG) {
      this.endStep(nowUs);
      return;
    }
    const step = this.steps[this.stepIndex]!;
    const effect = step.effects[call.tag]!;
    if (!call.ok) {
      this.outcome = ERROR;
      if (effect === EFFECT_PLACE && this.order && this.ctx.spec.releaseKind >= 0) {
        // The order write failed after stock was reserved: release it (write-path.ts compensation).
        this.order.compensated = true;
        this.propagation.compensated(this.order);
        this.ctx.issue(this.ctx.spec.releaseKind, this, RELEASE_TAG, nowUs, this.measured);
        return;
      }
      this.endStep(nowUs);
      return;
    }
    switch (effect) {
      case EFFECT_COMMIT:
        if (this.ctx.spec.rejectedShare > 0 && this.rng.chance(this.ctx.spec.rejectedShare)) {
          this.outcome = REJECTED;
          this.endStep(nowUs);
          return;
        }
        this.commit(nowUs);
        break;
      case EFFECT_PLACE:
        this.order!.placed = true;
        this.propagation.placed(this.order!, nowUs);
        break;
      case EFFECT_APPLY:
        this.applyInline(step.targets[call.tag]!, nowUs);
        break;
      case EFFECT_RYW:
        this.readYourWrites(step.rywOperations[call.tag]!, step.targets[call.tag]!, call.startedUs);
        break;
    }
    this.callIndex++;
    this.nextCall(nowUs);
  }

  private commit(nowUs: number): void {
    const { scenario, spec } = this.ctx;
    const sampled =
      this.measured &&
      this.orderId !== null &&
      new Random(deriveSeed(scenario.seed, 'probe', this.orderId)).chance(scenario.consistency.probeSample);
    this.order = new SimOrder(nowUs, this.measured, sampled, spec.targets.length);
    if (spec.mechanism === 'single-transaction') {
      this.order.appliedUs.fill(nowUs);
      this.order.placed = true;
    }
    this.propagation.committed(this.order, nowUs);
    if (this.order.placed) this.propagation.placed(this.order, nowUs);
  }

  private applyInline(index: number, nowUs: number): void {
    const order = this.order!;
    if (index < 0) return;
    order.appliedUs[index] = nowUs;
    if (order.measured && !this.ctx.sealed) this.ctx.lags[index]!.applied(order.commitUs, nowUs);
  }

  /**
   * The read sees the write if it was applied before the store began serving the read; a read of the order's
   * own store (target −1), written in the request, always does.
   */
  private readYourWrites(operation: string, index: number, readUs: number): void {
    const order = this.order;
    if (!order?.placed) return;
    const applied = index < 0 ? order.commitUs : order.appliedUs[index]!;
    this.recordRyw(operation, applied <= readUs);
  }

  private recordRyw(operation: string, saw: boolean): void {
    if (this.measured && !this.ctx.sealed) this.ctx.recorder.readYourWrites(operation, saw);
  }

  private endStep(nowUs: number): void {
    const step = this.steps[this.stepIndex]!;
    if (this.measured && !this.ctx.sealed)
      this.ctx.recorder.operation(step.op, this.stepIntendedUs, this.stepStartUs, nowUs, this.outcome);
    this.stepIndex++;
    if ((this.outcome === ERROR && !step.optional) || this.stepIndex >= this.steps.length) {
      this.ended(this, nowUs);
      return;
    }
    const readyUs = nowUs + drawThinkTimeUs(this.rng, this.thinkTime);
    this.stepIntendedUs = readyUs;
    this.ctx.queue.at(readyUs, this);
  }
}
