// Consistency lag of one (source store → derived store) pair, exactly as DESIGN.md §5 defines it.
import { LatencyHistogram, summarize } from '../metrics/histogram.js';
import type { LagStats } from '../metrics/types.js';
import { nearestRank } from '../metrics/timeseries.js';
import { tVisibility } from '../metrics/visibility.js';

export class LagRecorder {
  private readonly applyLag: LatencyHistogram | null;
  private readonly visibleLag = new LatencyHistogram();
  private readonly visibleSamples: number[] = [];
  private readonly probeGaps: number[] = [];
  /** Orders already applied: a redelivered order's second apply is not a new lag sample. */
  private readonly appliedOrders = new Set<string>();
  private sampled = 0;
  private neverVisible = 0;
  private appliedBeforeCommitAck = 0;
  /** Told of every first apply inside the measured window (fault isolation watches the lag spike). */
  onApplied: ((commitUs: number, ackUs: number) => void) | null = null;

  constructor(
    readonly source: string,
    readonly target: string,
    readonly mechanism: string,
    readonly probeIntervalUs: number,
    /** Only writes whose source commit was acknowledged at or after this instant count. */
    private readonly measureStartUs: number,
  ) {
    this.applyLag = mechanism === 'single-transaction' ? null : new LatencyHistogram();
  }

  /** Relay's derived write acknowledged at ackUs for a source commit acknowledged at commitUs. */
  applied(orderId: string, commitUs: number, ackUs: number): void {
    if (commitUs < this.measureStartUs || this.appliedOrders.has(orderId)) return;
    this.appliedOrders.add(orderId);
    // The derived store can acknowledge before the checkout has processed its own commit ack (cdc streams the
    // commit as it happens): that write had no lag to speak of; it counts as 0 and is counted apart.
    if (ackUs < commitUs) this.appliedBeforeCommitAck += 1;
    this.applyLag?.record(Math.max(0, ackUs - commitUs));
    this.onApplied?.(commitUs, Math.max(commitUs, ackUs));
  }

  /**
   * A probed write: seenUs is when a probe read first returned it, null if never seen before timeout; gapUs is
   * how long before that the previous read of it completed (the sample's own resolution).
   */
  probed(commitUs: number, seenUs: number | null, gapUs: number | null = null): void {
    if (commitUs < this.measureStartUs) return;
    this.sampled += 1;
    if (seenUs === null) {
      this.neverVisible += 1;
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
      probeIntervalUs: this.probeIntervalUs,
      probeGapP99Us:
        this.probeGaps.length > 0
          ? nearestRank(
              [...this.probeGaps].sort((a, b) => a - b),
              99,
            )
          : null,
      sampled: this.sampled,
      neverVisible: this.neverVisible,
      tVisibility: tVisibility(this.visibleSamples, this.sampled),
    };
  }

  destroy(): void {
    this.applyLag?.destroy();
    this.visibleLag.destroy();
  }
}
