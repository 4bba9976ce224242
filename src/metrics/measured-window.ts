// The measured window (docs/measurements.md, "Measured window"): one value per layout run that every recorder
// asks. A journey is measured iff the arrival (open model) or iteration start (closed model) that began it lies in
// [start, end); all its steps then count, however late they end, and nothing begun in warm-up does. Ctrl-C cuts
// the window short at the signal, so rates divide by the time actually measured.
export class MeasuredWindow {
  private cutAtUs: number | null = null;

  constructor(
    /** Absolute µs (metrics/clock.ts) at which measurement begins: the end of warm-up. */
    readonly startUs: number,
    /** Where the scenario's phases end. */
    readonly plannedEndUs: number,
  ) {}

  get endUs(): number {
    return this.cutAtUs ?? this.plannedEndUs;
  }

  /** Whether a journey that began at beganUs (intended arrival, or iteration start) is measured. */
  contains(beganUs: number): boolean {
    return beganUs >= this.startUs && beganUs < this.endUs;
  }

  /** Ends the window at atUs if that is before its planned end (Ctrl-C); later cuts change nothing. */
  cut(atUs: number): void {
    if (this.cutAtUs !== null || atUs >= this.plannedEndUs) return;
    this.cutAtUs = Math.max(this.startUs, atUs);
  }

  get cutShort(): boolean {
    return this.cutAtUs !== null;
  }

  /** The window's length in seconds: the divisor of every rate in the report. */
  get seconds(): number {
    return (this.endUs - this.startUs) / 1e6;
  }
}
