// One simulation run of one layout: the clock, the lanes, the service-time draws, the recorder, and the store
// faults in force. Every call goes through issue(), which applies the faults the way the injector does: added
// latency before the store, a refused store failing the call at once, a hung one holding it until the fault ends.
import { Random, deriveSeed } from '../data/random.js';
import type { Scenario } from '../scenario/types.js';
import { EventQueue } from './event-queue.js';
import { CALL_FAILED, CALL_SUBMIT, Lane, SimCall, type CallOwner } from './lane.js';
import type { LayoutSpec } from './model.js';
import { SimLag } from './sim-lag.js';
import { SimRecorder } from './sim-recorder.js';
import type { ServiceDistribution } from './service-times.js';

interface StoreFaultState {
  latencyUs: number;
  refused: boolean;
  /** A hung store: calls made before this instant wait until it (the fault's end). */
  hungUntilUs: number;
}

export interface SimTimes {
  /** Simulated µs: 0 is the start of warm-up. */
  windowStartUs: number;
  windowEndUs: number;
  /** Journeys still running then are abandoned (docs/measurements.md, "Measured window"). */
  deadlineUs: number;
}

export class SimContext implements CallOwner {
  readonly queue = new EventQueue();
  readonly lanes: Lane[];
  readonly recorder: SimRecorder;
  readonly lags: SimLag[];
  /** The draws of service times: one stream per run, seeded from the scenario and layout. */
  private readonly serviceRng: Random;
  private readonly faults = new Map<string, StoreFaultState>();
  /** Per call kind, its store's fault state (looked up once, not per call). */
  private readonly faultOfKind: StoreFaultState[];
  /** Per call kind, resolved once so the hot path reads arrays, not the spec's objects: lane, flags, draws. */
  private readonly laneOfKind: Lane[];
  private readonly distOfKind: ServiceDistribution[];
  private readonly hostKind: Uint8Array;
  private readonly deliverKind: Uint8Array;
  private readonly inlineKind: Uint8Array;
  /** Finished calls, reused. */
  private readonly pool: SimCall[] = [];
  /** Counted when made, for the speed bench. */
  callsMade = 0;
  /** Set at the deadline: what still runs is abandoned and counts no more. */
  sealed = false;

  constructor(
    readonly spec: LayoutSpec,
    readonly scenario: Scenario,
    readonly times: SimTimes,
  ) {
    this.lanes = spec.lanes.map((lane) => new Lane(lane.id, lane.servers, this.queue));
    this.recorder = new SimRecorder(spec.kinds, times.windowStartUs, times.windowEndUs);
    const { probeIntervalMs, probeTimeoutMs } = scenario.consistency;
    this.lags = spec.targets.map(
      (target) => new SimLag(target, spec.mechanism, probeIntervalMs * 1000, probeTimeoutMs * 1000),
    );
    this.serviceRng = new Random(deriveSeed(scenario.seed, 'simulate', spec.name));
    for (const store of new Set(spec.kinds.map((kind) => kind.store)))
      this.faults.set(store, { latencyUs: 0, refused: false, hungUntilUs: 0 });
    this.faultOfKind = spec.kinds.map((kind) => this.faults.get(kind.store)!);
    this.laneOfKind = spec.kinds.map((kind) => this.lanes[kind.lane]!);
    this.distOfKind = spec.kinds.map((kind) => kind.dist);
    this.hostKind = Uint8Array.from(spec.kinds, (kind) => (kind.source === 'host' ? 1 : 0));
    this.deliverKind = Uint8Array.from(spec.kinds, (kind) => (kind.deliver ? 1 : 0));
    this.inlineKind = Uint8Array.from(spec.kinds, (kind) => (kind.inline ? 1 : 0));
  }

  /**
   * Makes a call of `kind` now; owner.callDone hears its end (ok false when the store refused it). `draw` is the
   * uniform its service time is drawn with, when the caller shares one between calls (relay-sim.ts).
   */
  issue(
    kind: number,
    owner: CallOwner,
    tag: number,
    nowUs: number,
    measured: boolean,
    draw = this.serviceRng.next(),
  ): SimCall {
    const lane = this.laneOfKind[kind]!;
    const call = this.newCall(lane, this.distOfKind[kind]!.sample(draw), tag, kind);
    call.createdUs = nowUs;
    call.measured = measured;
    call.finalOwner = owner;
    if (this.hostKind[kind] === 1) {
      lane.submit(call, nowUs);
      return call;
    }
    this.callsMade++;
    const fault = this.faultOfKind[kind]!;
    if (fault.refused) {
      call.ok = false;
      this.queue.at(nowUs, call, CALL_FAILED);
    } else if (fault.hungUntilUs > nowUs)
      this.queue.at(fault.hungUntilUs + fault.latencyUs, call, CALL_SUBMIT);
    else if (fault.latencyUs > 0) this.queue.at(nowUs + fault.latencyUs, call, CALL_SUBMIT);
    else lane.submit(call, nowUs);
    return call;
  }

  /**
   * Every call ends here. An answer from off the tool's thread is delivered on it first (one more wait there,
   * the same call object resubmitted); then its caller hears it, and the call object goes back to the pool.
   */
  callDone(call: SimCall, nowUs: number): void {
    if (call.delivering) call.startedUs = call.storeStartedUs;
    else if (this.deliverKind[call.kind] === 1) {
      // Turning the answer into JavaScript values is the tool's work too: as long as a step start.
      const host = this.lanes[0]!;
      const hostWorkUs = this.distOfKind[this.spec.dispatchKind]!.scale;
      // An idle thread with nothing else due before the delivery ends: deliver it now, no event (the usual case
      // below saturation; the same result, as nothing could happen in between).
      if (host.hasFreeServer(nowUs) && this.queue.advanceTo(nowUs + hostWorkUs)) {
        host.serveAtOnce(hostWorkUs, nowUs);
        call.finalOwner!.callDone(call, nowUs + hostWorkUs);
        this.pool.push(call);
        return;
      }
      call.delivering = true;
      call.storeStartedUs = call.startedUs;
      call.lane = host;
      call.serviceUs = hostWorkUs;
      host.submit(call, nowUs);
      return;
    }
    call.finalOwner!.callDone(call, nowUs);
    this.pool.push(call);
  }

  private newCall(lane: Lane, serviceUs: number, tag: number, kind: number): SimCall {
    const recycled = this.pool.pop();
    return recycled
      ? recycled.reset(lane, serviceUs, this, tag, kind)
      : new SimCall(lane, serviceUs, this, tag, kind);
  }

  /** A fresh uniform from the service-time stream, for a draw shared by several calls. */
  nextDraw(): number {
    return this.serviceRng.next();
  }

  /** Whether calls of `kind` wait in no queue of the model: a server store with no client-side limit. */
  unqueued(kind: number): boolean {
    return !Number.isFinite(this.laneOfKind[kind]!.servers) && this.inlineKind[kind] === 0;
  }

  /** Records a finished call (every owner calls this from callDone). */
  noteCall(call: SimCall, nowUs: number): void {
    // An inline call's wait happened before it was made (the thread was busy): its latency is its service.
    const startUs = this.inlineKind[call.kind] === 1 && call.ok ? call.startedUs : call.createdUs;
    this.recorder.call(call.kind, startUs, nowUs, call.ok, call.measured && !this.sealed);
  }

  storeFault(store: string): StoreFaultState | undefined {
    return this.faults.get(store);
  }

  destroy(): void {
    this.recorder.destroy();
    for (const lag of this.lags) lag.destroy();
  }
}
