// Latency histograms (docs/measurements.md): HdrHistogram, 1 µs – 1 h, 3 significant digits, WebAssembly-backed,
// serialisable into the report (compressed base64) and mergeable.
//
// The wasm build keeps its counts outside the JS heap: every histogram must be destroy()ed. Prefer a
// HistogramSet, which owns many and frees them together; a FinalizationRegistry frees any histogram that is
// garbage-collected undestroyed, as a safety net only (GC timing is not something to rely on).
import {
  build,
  decodeFromCompressedBase64,
  encodeIntoCompressedBase64,
  initWebAssembly,
  initWebAssemblySync,
  type Histogram,
} from 'hdr-histogram-js';
import type { LatencySummary, OutOfRange } from './types.js';

export const LOWEST_US = 1;
/** One hour: anything slower is a stall, not a latency, and is recorded as one hour. */
export const HIGHEST_US = 3_600_000_000;
export const SIGNIFICANT_DIGITS = 3;

let wasmReady = false;
let wasmLoading: Promise<void> | null = null;

/** Loads the WebAssembly module once; later calls return the same promise. Call at startup. */
export function initHistograms(): Promise<void> {
  wasmLoading ??= initWebAssembly().then(() => {
    wasmReady = true;
  });
  return wasmLoading;
}

// A histogram built before initHistograms() resolved loads the module synchronously (a few ms, once) rather
// than failing: a forgotten await must not cost a run.
function ensureWasm(): void {
  if (wasmReady) return;
  initWebAssemblySync();
  wasmReady = true;
}

const leakGuard = new FinalizationRegistry<Histogram>((hdr) => hdr.destroy());

function newHdr(): Histogram {
  ensureWasm();
  return build({
    useWebAssembly: true,
    bitBucketSize: 32,
    // Fixed range: an auto-resizing histogram would silently change what "3 significant digits" covers.
    autoResize: false,
    lowestDiscernibleValue: LOWEST_US,
    highestTrackableValue: HIGHEST_US,
    numberOfSignificantValueDigits: SIGNIFICANT_DIGITS,
  });
}

/** A histogram as plain, cloneable data: see LatencyHistogram.state(). */
export interface HistogramState {
  hdr: string;
  belowMin: number;
  aboveMax: number;
  invalid: number;
}

export class LatencyHistogram {
  private hdr: Histogram | null;
  private low = 0;
  private high = 0;
  private invalidValues = 0;

  constructor(hdr?: Histogram) {
    this.hdr = hdr ?? newHdr();
    leakGuard.register(this, this.hdr, this);
  }

  /**
   * Records one latency in µs, rounded to the nearest µs. Never throws for a bad value: below 1 µs is recorded
   * as 1 µs (clampedLow), above 1 h as 1 h (clampedHigh), and NaN is skipped (invalid) — a run must not die on
   * one odd reading, but the counts make such readings visible.
   */
  record(us: number): void {
    const hdr = this.live();
    if (Number.isNaN(us)) {
      this.invalidValues += 1;
      return;
    }
    let value = Math.round(us);
    if (value < LOWEST_US) {
      value = LOWEST_US;
      this.low += 1;
    } else if (value > HIGHEST_US) {
      value = HIGHEST_US;
      this.high += 1;
    }
    hdr.recordValue(value);
  }

  /** Records `count` values of `us`, already whole µs within range (the buckets of simulate/sim-histogram.ts). */
  recordCounted(us: number, count: number): void {
    this.live().recordValueWithCount(us, count);
  }

  /** Values recorded (clamped ones included, invalid ones not). */
  get count(): number {
    return this.live().totalCount;
  }

  /** Values below 1 µs recorded as 1 µs. */
  get clampedLow(): number {
    return this.low;
  }

  /** Values above 1 h recorded as 1 h. */
  get clampedHigh(): number {
    return this.high;
  }

  /** NaN values, not recorded. */
  get invalid(): number {
    return this.invalidValues;
  }

  /**
   * The summary of a non-empty histogram, at HdrHistogram's precision (values within 0.1%): percentiles and
   * max are the highest value equivalent to a recorded one, min the lowest. min and max come from the
   * buckets too, not from exact tracking, so a summary is identical after an encode/decode round trip and p99
   * never exceeds max. Throws on an empty histogram, which has no latencies to summarise: use summarize(),
   * which returns null, where emptiness is possible.
   */
  summary(): LatencySummary {
    const hdr = this.live();
    if (hdr.totalCount === 0) throw new RangeError('empty histogram has no summary: use summarize()');
    return {
      count: hdr.totalCount,
      min: hdr.getValueAtPercentile(0),
      mean: hdr.mean,
      p50: hdr.getValueAtPercentile(50),
      p90: hdr.getValueAtPercentile(90),
      p95: hdr.getValueAtPercentile(95),
      p99: hdr.getValueAtPercentile(99),
      p999: hdr.getValueAtPercentile(99.9),
      max: hdr.getValueAtPercentile(100),
      hdr: encodeIntoCompressedBase64(hdr),
      ...this.outOfRangeField(),
    };
  }

  private outOfRangeField(): { outOfRange?: OutOfRange } {
    if (this.low + this.high + this.invalidValues === 0) return {};
    return { outOfRange: { belowMin: this.low, aboveMax: this.high, invalid: this.invalidValues } };
  }

  /** Adds every value of other into this one (other is left unchanged). */
  merge(other: LatencyHistogram): void {
    this.live().add(other.live());
    this.low += other.low;
    this.high += other.high;
    this.invalidValues += other.invalidValues;
  }

  /**
   * Everything recorded, as plain data another thread can rebuild exactly (`run --workers`): the encoded buckets and
   * the out-of-range counts that travel beside them.
   */
  state(): HistogramState {
    return {
      hdr: encodeIntoCompressedBase64(this.live()),
      belowMin: this.low,
      aboveMax: this.high,
      invalid: this.invalidValues,
    };
  }

  /** Adds a state() of another histogram (another thread's) into this one, exactly as merge() would. */
  mergeState(state: HistogramState): void {
    const other = LatencyHistogram.decode(state.hdr);
    try {
      this.live().add(other.live());
    } finally {
      other.destroy();
    }
    this.low += state.belowMin;
    this.high += state.aboveMax;
    this.invalidValues += state.invalid;
  }

  /** Rebuilds a histogram from a summary's `hdr`. Throws on text that is not one of this tool's histograms. */
  static decode(base64: string): LatencyHistogram {
    ensureWasm();
    const hdr = decodeFromCompressedBase64(base64, 32, true);
    if (hdr.highestTrackableValue !== HIGHEST_US) {
      hdr.destroy();
      throw new Error(`histogram range up to ${hdr.highestTrackableValue} µs, expected ${HIGHEST_US} µs`);
    }
    hdr.autoResize = false;
    return new LatencyHistogram(hdr);
  }

  get destroyed(): boolean {
    return this.hdr === null;
  }

  /** Frees the WebAssembly memory. Idempotent; any other use afterwards throws. */
  destroy(): void {
    if (!this.hdr) return;
    leakGuard.unregister(this);
    this.hdr.destroy();
    this.hdr = null;
  }

  private live(): Histogram {
    if (!this.hdr) throw new Error('LatencyHistogram used after destroy()');
    return this.hdr;
  }
}

/** The summary, or null for an empty histogram (no values: nothing to report, never zeros that look measured). */
export function summarize(histogram: LatencyHistogram): LatencySummary | null {
  return histogram.count === 0 ? null : histogram.summary();
}

/** Owns histograms by key and frees them all at once: build one per measurement scope, destroy it in `finally`. */
export class HistogramSet {
  private readonly owned = new Map<string, LatencyHistogram>();
  private closed = false;

  /** The histogram for key, created empty on first use. */
  get(key: string): LatencyHistogram {
    if (this.closed) throw new Error('HistogramSet used after destroy()');
    let histogram = this.owned.get(key);
    if (!histogram) {
      histogram = new LatencyHistogram();
      this.owned.set(key, histogram);
    }
    return histogram;
  }

  /** Takes ownership of a histogram made elsewhere (e.g. decoded), so destroy() frees it too. */
  adopt(key: string, histogram: LatencyHistogram): LatencyHistogram {
    if (this.closed) throw new Error('HistogramSet used after destroy()');
    this.owned.get(key)?.destroy();
    this.owned.set(key, histogram);
    return histogram;
  }

  entries(): Array<[string, LatencyHistogram]> {
    return [...this.owned.entries()];
  }

  get size(): number {
    return this.owned.size;
  }

  destroy(): void {
    for (const histogram of this.owned.values()) histogram.destroy();
    this.owned.clear();
    this.closed = true;
  }
}
