// A simulated checkout's write as propagation sees it: when the source committed, when each derived store
// applied it (NaN until then), whether it counts (a measured journey's) and whether its visibility is probed.
export class SimOrder {
  /** Per derived target, in the layout's target order: the instant the write was applied there. */
  readonly appliedUs: number[];
  placed = false;
  compensated = false;

  constructor(
    readonly commitUs: number,
    readonly measured: boolean,
    readonly sampled: boolean,
    targets: number,
  ) {
    this.appliedUs = new Array<number>(targets).fill(NaN);
  }
}

/** What a checkout tells propagation (the commit hooks of src/propagation/write-path.ts). */
export interface CommitListener {
  committed(order: SimOrder, nowUs: number): void;
  placed(order: SimOrder, nowUs: number): void;
  compensated(order: SimOrder): void;
}
