// The one line `validate` and `run` print first: what will run, including each layout's own propagation and
// whether faults are on the timeline.
import { describe, expect, it } from 'vitest';
import { describeScenario } from '../../src/commands/describe.js';
import { parseScenario } from '../../src/scenario/index.js';

describe('describeScenario', () => {
  it('names layouts with their own propagation, the default strategy and the faults', () => {
    const scenario = parseScenario(
      [
        'name: x',
        'layouts: [baseline, polyglot, { base: polyglot, propagation: dual-write }]',
        'load: { phases: [{ duration: 10s, arrivalRate: 5 }], maxInFlight: 50 }',
        'faults: [{ role: sessions, from: 1s, to: 2s, outage: hung }]',
      ].join('\n'),
      'x.yaml',
    );
    expect(describeScenario(scenario)).toBe(
      'x: open model, 1 phase(s), max 50 in flight; 10 s measured after 0 s warm-up; layouts baseline, polyglot, ' +
        'polyglot-dual-write (dual-write); propagation outbox; 1 fault(s) on the timeline; seed 1',
    );
  });
});
