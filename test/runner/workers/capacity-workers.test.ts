// `capacity --workers 2`: every step's real run is driven by worker threads (each step's own result says so), the
// search completes and prints the measured capacity; a count the scenario cannot share out is one line, exit 2.
import { expect, it } from 'vitest';
import { cli } from '../../merge/shard-cli.js';

const SCENARIO = 'test/fixtures/scenarios/shard-small.yaml';
const STEPS = [
  '--slo',
  'checkout p99 < 5s',
  '--step-duration',
  '1s',
  '--warmup',
  '0s',
  '--max',
  '2x',
  '--bisect',
  '0',
];

it('steps the rate with every step run from 2 worker threads', async () => {
  const ran = await cli(['capacity', SCENARIO, ...STEPS, '--workers', '2']);
  expect(ran.code, ran.stderr).toBe(0);
  const steps = ran.stderr.split('\n').filter((line) => /^ {2}polyglot ×/.test(line));
  expect(steps.length).toBeGreaterThan(0);
  for (const step of steps) expect(step).toContain('(2 worker threads)');
  expect(ran.stdout).toMatch(/│ polyglot │ ×\d/);
}, 120_000);

it('refuses more workers than the in-flight cap can share out, in one line', async () => {
  const ran = await cli(['capacity', SCENARIO, ...STEPS, '--workers', '501']);
  expect(ran.code).toBe(2);
  expect(ran.stderr.trim().split('\n')).toEqual([expect.stringContaining('below --workers 501')]);
});
