// The simulator's clock and agenda: a 4-ary min-heap of time → (target, code), in parallel typed arrays so the
// hot loop allocates nothing per event (four children per node: half the levels of a binary heap, and the
// children side by side in memory). The order of events at equal times is fixed by the sequence of schedulings,
// so a run is a pure function of its inputs. Time is simulated µs; nothing here reads a wall clock or awaits.
// Many events are scheduled to be the very next one (an answer delivered on an idle tool thread, a step that
// starts at once), so one slot beside the heap holds the earliest event when it is earlier than the heap's top:
// such an event is delivered without being sifted through the heap.

/** Something an event is delivered to; `code` says which of its events it is. */
export interface EventTarget {
  fire(code: number, nowUs: number): void;
}

export class EventQueue {
  private times = new Float64Array(1024);
  private codes = new Int32Array(1024);
  private targets: EventTarget[] = new Array<EventTarget>(1024);
  private size = 0;
  /** The earliest event when it precedes the heap's top (slotTime < times[0]); slotTarget null when empty. */
  private slotTime = 0;
  private slotCode = 0;
  private slotTarget: EventTarget | null = null;
  /** The simulated clock: the time of the event being delivered. */
  nowUs = 0;
  /** Events delivered so far. */
  fired = 0;
  /** Where the current run() stops. */
  private untilUs = Infinity;

  get length(): number {
    return this.size + (this.slotTarget === null ? 0 : 1);
  }

  /** Schedules target.fire(code) at atUs (never before now: a past time fires now). */
  at(atUs: number, target: EventTarget, code = 0): void {
    const time = atUs < this.nowUs ? this.nowUs : atUs;
    const slotted = this.slotTarget;
    if (slotted === null) {
      if (this.size === 0 || time < this.times[0]!) {
        this.slotTime = time;
        this.slotCode = code;
        this.slotTarget = target;
        return;
      }
    } else if (time < this.slotTime) {
      // The new event is the earliest: the one in the slot joins the heap.
      this.push(this.slotTime, slotted, this.slotCode);
      this.slotTime = time;
      this.slotCode = code;
      this.slotTarget = target;
      return;
    }
    this.push(time, target, code);
  }

  /**
   * Moves the clock on to atUs if no event lies before or at it (nor beyond the run's stop): an event due then
   * may be handled at once instead of scheduled, with the same result, since nothing else could happen first.
   */
  advanceTo(atUs: number): boolean {
    if (atUs > this.untilUs || atUs < this.nowUs) return false;
    if (this.slotTarget !== null && this.slotTime <= atUs) return false;
    if (this.size > 0 && this.times[0]! <= atUs) return false;
    this.nowUs = atUs;
    return true;
  }

  private push(time: number, target: EventTarget, code: number): void {
    if (this.size === this.times.length) this.grow();
    const times = this.times;
    // Sift up with a hole: parents later than the new event move down.
    let i = this.size++;
    while (i > 0) {
      const parent = (i - 1) >> 2;
      if (times[parent]! <= time) break;
      times[i] = times[parent]!;
      this.codes[i] = this.codes[parent]!;
      this.targets[i] = this.targets[parent]!;
      i = parent;
    }
    times[i] = time;
    this.codes[i] = code;
    this.targets[i] = target;
  }

  /** Delivers events in time order until the agenda is empty or the next one lies beyond untilUs. */
  run(untilUs = Infinity): void {
    this.untilUs = untilUs;
    for (;;) {
      const slotted = this.slotTarget;
      // The slot goes first on a tie with the heap's top: it was scheduled while strictly earlier.
      if (slotted !== null && (this.size === 0 || this.slotTime <= this.times[0]!)) {
        if (this.slotTime > untilUs) return;
        this.nowUs = this.slotTime;
        this.slotTarget = null;
        this.fired++;
        slotted.fire(this.slotCode, this.nowUs);
        continue;
      }
      if (this.size === 0 || this.times[0]! > untilUs) return;
      const target = this.targets[0]!;
      const code = this.codes[0]!;
      this.nowUs = this.times[0]!;
      this.removeTop();
      this.fired++;
      target.fire(code, this.nowUs);
    }
  }

  private removeTop(): void {
    const last = --this.size;
    const times = this.times;
    const codes = this.codes;
    const targets = this.targets;
    const time = times[last]!;
    const code = codes[last]!;
    const target = targets[last]!;
    targets[last] = undefined as unknown as EventTarget;
    if (last === 0) return;
    let i = 0;
    for (;;) {
      const first = 4 * i + 1;
      if (first >= last) break;
      // The earliest of up to four children.
      let child = first;
      let ct = times[first]!;
      const end = first + 4 < last ? first + 4 : last;
      for (let c = first + 1; c < end; c++) {
        const t = times[c]!;
        if (t < ct) {
          ct = t;
          child = c;
        }
      }
      if (time <= ct) break;
      times[i] = ct;
      codes[i] = codes[child]!;
      targets[i] = targets[child]!;
      i = child;
    }
    times[i] = time;
    codes[i] = code;
    targets[i] = target;
  }

  private grow(): void {
    const n = this.times.length * 2;
    const times = new Float64Array(n);
    times.set(this.times);
    const codes = new Int32Array(n);
    codes.set(this.codes);
    this.times = times;
    this.codes = codes;
    this.targets.length = n;
  }
}
