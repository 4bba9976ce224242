// `run --workers 2` on embedded engines (in-process: reached from the workers through the main thread), end to end
// through the built CLI, against one thread on the same scenario and seed; and the flag's user errors.
import { describe, expect, it } from 'vitest';
import { cli } from '../../merge/shard-cli.js';
import { describeWorkersRun } from './workers-run.js';

describe('run --workers 2 on embedded engines', () => {
  describeWorkersRun({ scenario: 'test/fixtures/scenarios/shard-small.yaml', args: () => [] });
});

describe('--workers user errors', () => {
  it.each([
    ['0', '--workers: expected a whole number of at least 1, or auto, got "0"'],
    ['two', '--workers: expected a whole number of at least 1, or auto, got "two"'],
    ['501', 'load.maxInFlight is 500, below --workers 501'],
  ])('--workers %s: one line, exit 2', async (flag, message) => {
    const ran = await cli([
      'run',
      'test/fixtures/scenarios/shard-small.yaml',
      '--workers',
      flag,
      '--out',
      '/tmp',
    ]);
    expect(ran.code).toBe(2);
    expect(ran.stderr).toContain(message);
    expect(ran.stderr.trim().split('\n')).toHaveLength(1);
  });
});
