import { describe, expect, it } from 'vitest';
import { UserError } from '../../src/errors.js';
import { durationToMs, formatDuration, parseDuration } from '../../src/scenario/duration.js';

describe('parseDuration', () => {
  it.each([
    ['250ms', 250],
    ['10s', 10_000],
    ['2m', 120_000],
    ['1h', 3_600_000],
    ['1.5s', 1500],
    ['1.1s', 1100],
    ['0.5ms', 0.5],
    ['0s', 0],
    ['30', 30_000],
    [' 5s ', 5000],
    [2, 2000],
    [0.25, 250],
  ])('%j → %d ms', (input, ms) => {
    expect(parseDuration(input)).toBe(ms);
  });

  it.each(['-5s', 'soon', '10 secs', '5 s', '1e3', '', 's', '10S', '1d'])(
    'rejects %j naming the accepted forms',
    (input) => {
      expect(() => parseDuration(input)).toThrow(UserError);
      expect(() => parseDuration(input)).toThrow(
        `expected a duration like 250ms, 10s, 2m, 1h or a number of seconds, got ${JSON.stringify(input)}`,
      );
    },
  );

  it('rejects negative and non-finite numbers', () => {
    expect(durationToMs(-1)).toBeNull();
    expect(durationToMs(Number.POSITIVE_INFINITY)).toBeNull();
    expect(durationToMs(Number.NaN)).toBeNull();
    expect(durationToMs(null)).toBeNull();
    expect(durationToMs(['1s'])).toBeNull();
  });
});

describe('formatDuration', () => {
  it.each([
    [250, '250ms'],
    [1500, '1.5s'],
    [10_000, '10s'],
    [120_000, '2m'],
    [90_000, '90s'],
    [3_600_000, '1h'],
    [0, '0ms'],
    [1234, '1234ms'],
  ])('%d ms → %s', (ms, text) => {
    expect(formatDuration(ms)).toBe(text);
    expect(parseDuration(text)).toBe(ms);
  });
});
