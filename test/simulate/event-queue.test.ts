// The agenda's earliest-event slot must be invisible: events scheduled while others are delivered — the very
// next one, one earlier than the slot holds, one tied with the heap's top — still fire in time order, a stop
// at untilUs leaves the rest for the next run(), and the same schedule gives the same sequence.
import { describe, expect, it } from 'vitest';
import { Random } from '../../src/data/random.js';
import { EventQueue, type EventTarget } from '../../src/simulate/event-queue.js';

/** A chain of events, each scheduling a few more at random offsets (some zero, some far). */
function chain(seed: number, until: number[]): Array<[number, number]> {
  const queue = new EventQueue();
  const rng = new Random(seed);
  const fired: Array<[number, number]> = [];
  let made = 0;
  const target: EventTarget = {
    fire(code, nowUs) {
      fired.push([nowUs, code]);
      for (let k = 0; k < 3 && made < 20_000; k++) {
        const offset = rng.chance(0.3) ? 0 : Math.floor(rng.next() * 50);
        queue.at(nowUs + offset, target, made++);
      }
    },
  };
  for (let i = 0; i < 10; i++) queue.at(i * 7, target, made++);
  for (const stop of until) queue.run(stop);
  queue.run();
  expect(queue.length).toBe(0);
  expect(fired).toHaveLength(made);
  return fired;
}

describe('event queue', () => {
  it('delivers events scheduled during delivery in time order, never before now', () => {
    const fired = chain(4, []);
    for (let i = 1; i < fired.length; i++) expect(fired[i]![0]).toBeGreaterThanOrEqual(fired[i - 1]![0]);
  });

  it('stops at untilUs and resumes with the same sequence as one uninterrupted run', () => {
    expect(chain(6, [100, 100, 2500, 9000])).toEqual(chain(6, []));
  });

  it('an event earlier than the one held next goes first', () => {
    const queue = new EventQueue();
    const seen: number[] = [];
    const target: EventTarget = { fire: (code) => seen.push(code) };
    queue.at(50, target, 1);
    queue.at(30, target, 2); // held next: before 50
    queue.at(10, target, 3); // earlier still: 30 goes to the heap
    queue.at(30, target, 4); // tied with 30
    queue.at(60, target, 5);
    expect(queue.length).toBe(5);
    queue.run(30);
    expect(seen.slice(0, 1)).toEqual([3]);
    expect([...seen.slice(1)].sort()).toEqual([2, 4]);
    expect(queue.nowUs).toBe(30);
    queue.run();
    expect(seen.slice(3)).toEqual([1, 5]);
  });
});
