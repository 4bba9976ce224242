// Consistency lag of one (source store → derived store) pair, exactly as docs/measurements.md defines it: apply
// lag from the relay's acknowledgements, visible lag and t-visibility from the probe readers, censored where a
// probe stopped before it saw the write.
import { LatencyHistogram, summarize } from '../metrics/histogram.js';
import type { LagStats } from '../metrics/types.js';
import { nearestRank } from '../metrics/timeseries.js';
import { tVisibility } from '../metrics/visibility.js';
import type { LagSink, ProbeOutcome } from './targets.js';

export interface ProbeResolution {
  /** The probes' polling interval: the best resolution a visible lag can have. */
  intervalUs: number;
  /** How long a write is watched before it counts as not seen. */
  timeoutUs: number;
}

export class LagRecorder implements LagSink {
  private readonly applyLag: LatencyHistogram | null;
  private readonly visibleLag = new LatencyHistogram();
  private readonly visibleSamples: number[] = [];
  private readonly censoredSamples: number[] = [];
  private readonly probeGaps: number[] = [];
  /** Orders already applied: a redelivered order's second apply is not a new lag sample. */
  private readonly appliedOrders = new Set<string>();
  private appliedBeforeCommitAck = 0;

  constructor(
    readonly source: string,
    readonly target: string,
    readonly mechanism: string,
    readonly probe: ProbeResolution,
    /** Whether an order's write counts: those of measured journeys (docs/measurements.md). */
    private readonly counts: (orderId: string) => boolean = () => true,
  ) {
    this.applyLag = mechanism === 'single-transaction' ? null : new LatencyHistogram();
  }

  /** The derived write of orderId acknowledged at ackUs, for a source commit acknowledged at commitUs. */
  applied(orderId: string, commitUs: number, ackUs: number): void {
    if (!this.counts(orderId) || this.appliedOrders.has(orderId)) return;
    this.appliedOrders.add(orderId);
    // The derived store can acknowledge before the checkout has processed its own commit ack (cdc streams the
    // commit as it happens): that write had no lag to speak of; it counts as 0 and is counted apart.
    if (ackUs < commitUs) this.appliedBeforeCommitAck += 1;
    this.applyLag?.record(Math.max(0, ackUs - commitUs));
  }

  probed({ orderId, commitUs, seenUs, gapUs, censoredAtUs }: ProbeOutcome): void {
    if (!this.counts(orderId)) return;
    if (seenUs === null) {
      this.censoredSamples.push(Math.max(0, (censoredAtUs ?? commitUs) - commitUs));
      return;
    }
    this.visibleLag.record(seenUs - commitUs);
    this.visibleSamples.push(seenUs - commitUs);
    if (gapUs !== null) this.probeGaps.push(gapUs);
  }

  stats(): LagStats {
    return {
      source: this.source,
      target: this.target,
      mechanism: this.mechanism,
      apply: this.applyLag ? summarize(this.applyLag) : null,
      appliedBeforeCommitAck: this.appliedBeforeCommitAck,
      visible: summarize(this.visibleLag),
      probeIntervalUs: this.probe.intervalUs,
      probeTimeoutUs: this.probe.timeoutUs,
      probeGapP99Us:
        this.probeGaps.length > 0
          ? nearestRank(
              [...this.probeGaps].sort((a, b) => a - b),
              99,
            )
          : null,
      sampled: this.visibleSamples.length + this.censoredSamples.length,
      neverVisible: this.censoredSamples.length,
      tVisibility: tVisibility(this.visibleSamples, this.censoredSamples),
    };
  }

  destroy(): void {
    this.applyLag?.destroy();
    this.visibleLag.destroy();
  }
}
