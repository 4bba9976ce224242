// A job served at once on an idle lane (no event: the clock is moved on to its end) must count exactly as one
// submitted and finished through the agenda; and the clock may only be moved on when nothing is due first.
import { describe, expect, it } from 'vitest';
import { EventQueue, type EventTarget } from '../../src/simulate/event-queue.js';
import { Lane, SimCall, type CallOwner } from '../../src/simulate/lane.js';

const ignore: CallOwner = { callDone: () => undefined };

function figures(lane: Lane, nowUs: number) {
  return {
    completed: lane.completed,
    wait: lane.totalWaitUs,
    sojourn: lane.totalSojournUs,
    busy: lane.busyUs,
    meanInLane: lane.meanInLane(nowUs),
  };
}

describe('serving at once', () => {
  it('counts as a submit and its finish would', () => {
    const jobs = [
      [0, 5],
      [10, 3],
      [20, 7],
      [40, 1],
    ] as const;
    const queued = new EventQueue();
    const viaEvents = new Lane('events', 1, queued);
    for (const [atUs, serviceUs] of jobs) {
      queued.at(atUs, {
        fire: (_c, now) => viaEvents.submit(new SimCall(viaEvents, serviceUs, ignore, 0, 0), now),
      });
    }
    queued.run();
    const direct = new EventQueue();
    const atOnce = new Lane('at once', 1, direct);
    for (const [atUs, serviceUs] of jobs) {
      expect(atOnce.hasFreeServer(atUs)).toBe(true);
      atOnce.serveAtOnce(serviceUs, atUs);
    }
    expect(figures(atOnce, 41)).toEqual(figures(viaEvents, 41));
  });

  it('a busy lane has no free server until its call ends', () => {
    const queue = new EventQueue();
    const lane = new Lane('one', 1, queue);
    lane.submit(new SimCall(lane, 10, ignore, 0, 0), 0);
    expect(lane.hasFreeServer(5)).toBe(false);
    expect(lane.hasFreeServer(10)).toBe(true);
    expect(new Lane('delay', Infinity, queue).hasFreeServer(0)).toBe(true);
  });

  it('the clock moves on only when nothing is due before or at the new time', () => {
    const queue = new EventQueue();
    const target: EventTarget = { fire: () => undefined };
    queue.at(100, target);
    queue.at(200, target);
    expect(queue.advanceTo(100)).toBe(false);
    expect(queue.advanceTo(99)).toBe(true);
    expect(queue.nowUs).toBe(99);
    expect(queue.advanceTo(50)).toBe(false);
    queue.run(150);
    expect(queue.advanceTo(160)).toBe(false); // beyond where the run stopped
  });
});
