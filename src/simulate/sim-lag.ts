// Consistency lag of one simulated (source → derived store) pair, by docs/measurements.md: apply lag = derived
// ack − source commit ack; visible lag = the probe read that first returned the write − commit ack; a write still
// unseen at the probe timeout is censored at its last read, so t-visibility beyond it is unknown, never 0 %.
// Only writes of measured journeys count. Unlike the live recorder no set of order ids is kept: the simulator
// knows each order's first apply, so memory grows only with the probed sample.
import { nearestRank } from '../metrics/timeseries.js';
import type { LagStats } from '../metrics/types.js';
import { tVisibility } from '../metrics/visibility.js';
import type { TargetSpec } from './model.js';
import { SimHistogram } from './sim-histogram.js';

export class SimLag {
  private readonly apply: SimHistogram | null;
  private readonly visible = new SimHistogram();
  private readonly visibleSamples: number[] = [];
  private readonly censored: number[] = [];
  private readonly gaps: number[] = [];

  constructor(
    readonly target: TargetSpec,
    readonly mechanism: string,
    private readonly probeIntervalUs: number,
    private readonly probeTimeoutUs: number,
  ) {
    this.apply = mechanism === 'single-transaction' ? null : new SimHistogram();
  }

  applied(commitUs: number, ackUs: number): void {
    this.apply?.record(Math.max(0, ackUs - commitUs));
  }

  seen(commitUs: number, seenUs: number, gapUs: number): void {
    this.visible.record(seenUs - commitUs);
    this.visibleSamples.push(seenUs - commitUs);
    this.gaps.push(gapUs);
  }

  notSeen(commitUs: number, lastReadUs: number): void {
    this.censored.push(Math.max(0, lastReadUs - commitUs));
  }

  stats(): LagStats {
    return {
      source: this.target.source,
      target: this.target.target,
      mechanism: this.mechanism,
      apply: this.apply ? this.apply.summarize() : null,
      appliedBeforeCommitAck: 0,
      visible: this.visible.summarize(),
      probeIntervalUs: this.probeIntervalUs,
      probeTimeoutUs: this.probeTimeoutUs,
      probeGapP99Us: this.gaps.length > 0 ? nearestRank(Float64Array.from(this.gaps).sort(), 99) : null,
      sampled: this.visibleSamples.length + this.censored.length,
      neverVisible: this.censored.length,
      tVisibility: tVisibility(this.visibleSamples, this.censored),
    };
  }

  destroy(): void {
    this.apply?.destroy();
    this.visible.destroy();
  }
}
