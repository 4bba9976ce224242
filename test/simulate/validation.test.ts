// The model's error as the validation prints it: the median the targets are judged on, and what a figure that
// cannot have a relative error (nothing measured) shows instead of a number.
import { describe, expect, it } from 'vitest';
import type { SimulationValidationRow } from '../../src/metrics/types.js';
import { errorSummary, percent } from '../../src/simulate/validation.js';

const rowsWith = (errors: Array<number | null>): SimulationValidationRow[] =>
  errors.map((relativeError, i) => ({
    layout: 'baseline',
    figure: `op${i} p50`,
    predictedUs: 1,
    measuredUs: 1,
    relativeError,
  }));

describe('validation error summary', () => {
  it('takes the middle |error| of an odd count and the mean of the two middle ones of an even count', () => {
    expect(errorSummary(rowsWith([0.1, -0.5, 0.3]))).toEqual({ median: 0.3, worst: 0.5 });
    expect(errorSummary(rowsWith([0.1, -0.5, 0.3, 0.2])).median).toBeCloseTo(0.25, 12);
  });

  it('leaves out figures without a relative error and has no median without any', () => {
    expect(errorSummary(rowsWith([null, 0.4, null])).median).toBe(0.4);
    expect(errorSummary(rowsWith([null]))).toEqual({ median: null, worst: null });
  });

  it('prints the sign of an error and a dash for none', () => {
    expect(percent(0.124)).toBe('+12 %');
    expect(percent(-0.5)).toBe('-50 %');
    expect(percent(null)).toBe('—');
  });
});
