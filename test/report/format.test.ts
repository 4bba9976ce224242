import { describe, expect, it } from 'vitest';
import {
  formatCount,
  formatCpuPercent,
  formatDuration,
  formatMs,
  formatPercent,
  formatRate,
  formatRatio,
  formatThresholdMs,
  formatThroughput,
} from '../../src/report/format.js';

describe('formatDuration (µs in)', () => {
  it.each([
    [0, '0 µs'],
    [1, '1 µs'],
    [850, '850 µs'],
    [999.4, '999 µs'],
    [999.6, '1.00 ms'],
    [1_234, '1.23 ms'],
    [12_345, '12.3 ms'],
    [123_456, '123 ms'],
    [999_600, '1.00 s'],
    [1_200_000, '1.20 s'],
    [45_600_000, '45.6 s'],
    [3_600_000_000, '3600 s'],
    [-850, '-850 µs'],
  ])('%d µs → %s', (us, text) => {
    expect(formatDuration(us)).toBe(text);
  });

  it.each([null, undefined, Number.NaN, Number.POSITIVE_INFINITY])('%s → —', (value) => {
    expect(formatDuration(value)).toBe('—');
  });
});

describe('formatMs', () => {
  it('formats milliseconds like durations', () => {
    expect(formatMs(84.2)).toBe('84.2 ms');
    expect(formatMs(0.42)).toBe('420 µs');
    expect(formatMs(Number.NaN)).toBe('—');
  });
});

describe('formatThresholdMs', () => {
  it.each([
    [1, '1 ms'],
    [100, '100 ms'],
    [1000, '1 s'],
    [10000, '10 s'],
  ])('%d → %s', (ms, text) => {
    expect(formatThresholdMs(ms)).toBe(text);
  });
});

describe('counts and rates', () => {
  it('separates thousands', () => {
    expect(formatCount(1_234_567)).toBe('1,234,567');
    expect(formatCount(0)).toBe('0');
    expect(formatCount(undefined)).toBe('—');
  });

  it('gives rates three significant digits, whole numbers from 100', () => {
    expect(formatRate(0.5)).toBe('0.50');
    expect(formatRate(56.74)).toBe('56.7');
    expect(formatRate(1_234.4)).toBe('1,234');
  });

  it('divides a count by the window, — for an empty window', () => {
    expect(formatThroughput(1_800, 30)).toBe('60.0');
    expect(formatThroughput(5, 0)).toBe('—');
  });
});

describe('formatPercent (fraction in)', () => {
  it.each([
    [0, '0%'],
    [1, '100%'],
    [0.5, '50.0%'],
    [0.9583, '95.8%'],
    [0.0001, '<0.1%'],
    [0.9999, '>99.9%'],
  ])('%d → %s', (fraction, text) => {
    expect(formatPercent(fraction)).toBe(text);
  });

  it('never prints 100% unless every one was', () => {
    expect(formatPercent(47 / 48)).not.toBe('100%');
    expect(formatPercent(9_999 / 10_000)).not.toMatch(/^100/);
  });
});

describe('formatCpuPercent and formatRatio', () => {
  it('rounds CPU percent', () => {
    expect(formatCpuPercent(64.6)).toBe('65%');
    expect(formatCpuPercent(Number.NaN)).toBe('—');
  });

  it.each([
    [1, '×1.0'],
    [1.82, '×1.8'],
    [0.452, '×0.45'],
    [12.4, '×12'],
  ])('ratio %d → %s', (ratio, text) => {
    expect(formatRatio(ratio)).toBe(text);
  });

  it('shows a missing ratio as —', () => {
    expect(formatRatio(null)).toBe('—');
  });
});
