// The simulator's queues against queueing theory: M/M/1 and M/M/c (Erlang C) mean waits and Little's law over
// long seeded runs (within 2 %), and deterministic cases exactly.
import { describe, expect, it } from 'vitest';
import { Random } from '../../src/data/random.js';
import { EventQueue, type EventTarget } from '../../src/simulate/event-queue.js';
import { Lane, SimCall, type CallOwner } from '../../src/simulate/lane.js';

const ignore: CallOwner = { callDone: () => undefined };

/** Arrivals every interarrival() µs, each a call of service() µs, until `customers` have arrived. */
function drive(
  servers: number,
  customers: number,
  interarrival: () => number,
  service: () => number,
): { lane: Lane; queue: EventQueue; arrivals: number } {
  const queue = new EventQueue();
  const lane = new Lane('test', servers, queue);
  let arrived = 0;
  const source: EventTarget = {
    fire(_code, nowUs) {
      lane.submit(new SimCall(lane, service(), ignore, 0, 0), nowUs);
      arrived += 1;
      if (arrived < customers) queue.at(nowUs + interarrival(), source);
    },
  };
  queue.at(0, source);
  queue.run();
  return { lane, queue, arrivals: arrived };
}

function erlangCWait(lambda: number, mu: number, c: number): number {
  const a = lambda / mu;
  let sum = 0;
  let term = 1;
  for (let k = 0; k < c; k++) {
    if (k > 0) term *= a / k;
    sum += term;
  }
  const last = (term * a) / c; // a^c / c!
  const tail = last * (c / (c - a));
  const pWait = tail / (sum + tail);
  return pWait / (c * mu - lambda);
}

describe('queues against theory', () => {
  it('M/M/1: mean wait ρ/(μ−λ) within 2 %', () => {
    const rng = new Random(1);
    const lambda = 0.5; // per ms: times below are in µs
    const mu = 1;
    const { lane } = drive(
      1,
      1_000_000,
      () => rng.exponential(1 / lambda) * 1000,
      () => rng.exponential(1 / mu) * 1000,
    );
    const expected = (lambda / mu / (mu - lambda)) * 1000;
    expect(Math.abs(lane.totalWaitUs / lane.completed / expected - 1)).toBeLessThan(0.02);
  });

  it('M/M/c: mean wait matches Erlang C within 2 %', () => {
    const rng = new Random(2);
    const c = 4;
    const lambda = 3;
    const mu = 1;
    const { lane } = drive(
      c,
      1_000_000,
      () => rng.exponential(1 / lambda) * 1000,
      () => rng.exponential(1 / mu) * 1000,
    );
    const expected = erlangCWait(lambda, mu, c) * 1000;
    expect(Math.abs(lane.totalWaitUs / lane.completed / expected - 1)).toBeLessThan(0.02);
  });

  it("Little's law: L = λ·W within 2 %", () => {
    const rng = new Random(3);
    const { lane, queue } = drive(
      2,
      500_000,
      () => rng.exponential(1 / 1.5) * 1000,
      () => rng.exponential(1) * 1000,
    );
    const L = lane.meanInLane(queue.nowUs);
    const lambda = lane.completed / queue.nowUs;
    const W = lane.totalSojournUs / lane.completed;
    expect(Math.abs(L / (lambda * W) - 1)).toBeLessThan(0.02);
  });

  it('deterministic: D/D/1 below capacity never waits; a burst queues exactly', () => {
    const even = drive(
      1,
      1000,
      () => 10,
      () => 7,
    );
    expect(even.lane.totalWaitUs).toBe(0);
    expect(even.queue.nowUs).toBe(999 * 10 + 7);
    // Five calls at once on two servers of 10 µs: waits 0, 0, 10, 10, 20.
    const burst = drive(
      2,
      5,
      () => 0,
      () => 10,
    );
    expect(burst.lane.totalWaitUs).toBe(40);
    expect(burst.queue.nowUs).toBe(30);
  });

  it('events fire in time order, and the same schedule always in the same order', () => {
    const order = (): number[] => {
      const queue = new EventQueue();
      const seen: number[] = [];
      const target: EventTarget = { fire: (code) => seen.push(code) };
      const rng = new Random(9);
      for (let i = 0; i < 5000; i++) queue.at(Math.floor(rng.next() * 100), target, i);
      const times: number[] = [];
      const timed: EventTarget = { fire: (_code, now) => times.push(now) };
      for (let i = 0; i < 5000; i++) queue.at(rng.next() * 1000, timed);
      queue.run();
      expect(times).toEqual([...times].sort((a, b) => a - b));
      return seen;
    };
    expect(order()).toEqual(order());
  });
});
