import { describe, expect, it } from 'vitest';
import { createProgress, type ProgressUpdate } from '../../src/report/progress.js';

class FakeStream {
  readonly writes: string[] = [];
  constructor(
    readonly isTTY: boolean,
    readonly columns = 200,
  ) {}
  write(chunk: string): boolean {
    this.writes.push(chunk);
    return true;
  }
  asStream(): NodeJS.WriteStream {
    return this as unknown as NodeJS.WriteStream;
  }
}

const STATUS: ProgressUpdate = {
  elapsedS: 12.34,
  totalS: 30,
  phase: 'steady',
  ops: 1234,
  opsPerSec: 98.7,
  p99Us: 4200,
  errors: 2,
  inFlight: 7,
};

/** A clock the test moves by hand: throttling is tested without waiting. */
function manualClock() {
  let ms = 0;
  return { now: () => ms, advance: (by: number) => (ms += by) };
}

describe('createProgress on a terminal', () => {
  it('rewrites one line in place with the live figures', () => {
    const stream = new FakeStream(true);
    createProgress(stream.asStream(), 'polyglot', { nowMs: manualClock().now }).update(STATUS);
    expect(stream.writes).toEqual([
      '\r\u001b[2Kpolyglot steady · 12.3/30.0 s · 1,234 ops · 98.7 ops/s · p99 4.20 ms · 2 err · 7 in flight',
    ]);
  });

  it('writes at most 4 updates a second', () => {
    const stream = new FakeStream(true);
    const clock = manualClock();
    const progress = createProgress(stream.asStream(), 'baseline', { nowMs: clock.now });
    progress.update(STATUS); // t = 0: written
    clock.advance(100);
    progress.update(STATUS); // 100 ms later: skipped
    clock.advance(149);
    progress.update(STATUS); // 249 ms: skipped
    clock.advance(1);
    progress.update(STATUS); // 250 ms: written
    expect(stream.writes).toHaveLength(2);
  });

  it('never wraps: the line is cut to the terminal width', () => {
    const stream = new FakeStream(true, 40);
    createProgress(stream.asStream(), 'polyglot', { nowMs: manualClock().now }).update(STATUS);
    const line = (stream.writes[0] ?? '').replace('\r\u001b[2K', '');
    expect(line.length).toBeLessThanOrEqual(39);
    expect(line.endsWith('…')).toBe(true);
  });

  it('shows an unknown p99 as —', () => {
    const stream = new FakeStream(true);
    createProgress(stream.asStream(), 'polyglot').update({ ...STATUS, p99Us: null });
    expect(stream.writes[0]).toContain('p99 —');
  });

  it('clears the live line and leaves the summary on its own line; later updates are ignored', () => {
    const stream = new FakeStream(true);
    const clock = manualClock();
    const progress = createProgress(stream.asStream(), 'polyglot', { nowMs: clock.now });
    progress.update(STATUS);
    progress.done('layout polyglot: 2,000 operations');
    clock.advance(10_000);
    progress.update(STATUS);
    progress.done('again');
    expect(stream.writes.slice(1)).toEqual(['\r\u001b[2Klayout polyglot: 2,000 operations\n']);
  });
});

describe('createProgress elsewhere (CI logs, files)', () => {
  it('prints nothing until done, then exactly one line', () => {
    const stream = new FakeStream(false);
    const clock = manualClock();
    const progress = createProgress(stream.asStream(), 'polyglot', { nowMs: clock.now });
    for (let i = 0; i < 10; i += 1) {
      progress.update(STATUS);
      clock.advance(1000);
    }
    expect(stream.writes).toEqual([]);
    progress.done('layout polyglot: 2,000 operations');
    expect(stream.writes).toEqual(['layout polyglot: 2,000 operations\n']);
  });
});
