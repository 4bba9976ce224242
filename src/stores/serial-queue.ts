// Runs tasks one at a time, in call order. Embedded engines hand out connections that must not run two
// statements at once (a DuckDB prepared statement holds its bound parameters until it runs; Kuzu allows one
// write transaction at a time and fails, rather than waits, on a second): callers queue here instead.
export class SerialQueue {
  private tail: Promise<unknown> = Promise.resolve();

  /** Runs task after every task queued before it has settled; a failure fails only its own caller. */
  run<T>(task: () => Promise<T>): Promise<T> {
    const result = this.tail.then(task);
    this.tail = result.catch(() => undefined);
    return result;
  }

  /** Settles once every task queued so far has settled. */
  async drain(): Promise<void> {
    await this.tail;
  }
}
