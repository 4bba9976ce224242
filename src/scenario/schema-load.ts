// `load:` — the traffic model and its phases (Artillery's phases, k6's arrival-rate and VU executors).
import { z } from 'zod';
import type { ClosedLoad, LoadSpec, OpenLoad } from './types.js';
import { duration, number, oneOf, strict, text } from './fields.js';
import { expectedMessage, missingMessage, suggestion } from './messages.js';

const MODELS = ['open', 'closed'] as const;

const OPEN_ONLY = (key: string) =>
  `${key} only applies to the open model (load.model: open); closed phases take duration and users`;
const CLOSED_ONLY = (key: string) =>
  `${key} only applies to the closed model (load.model: closed); open phases take duration, arrivalRate and rampTo`;

const phaseName = text('a phase name').nullable().default(null);

const openPhase = strict(
  {
    name: phaseName,
    duration: duration({ positive: true }),
    /** Arrivals per second at the start of the phase. */
    arrivalRate: number({ min: 0 }),
    rampTo: number({ min: 0 }).optional(),
  },
  { expected: 'a phase mapping with duration and arrivalRate', hints: { users: CLOSED_ONLY('users') } },
).transform((phase) => ({
  name: phase.name,
  durationMs: phase.duration,
  arrivalRate: phase.arrivalRate,
  rampTo: phase.rampTo ?? phase.arrivalRate,
}));

const closedPhase = strict(
  {
    name: phaseName,
    duration: duration({ positive: true }),
    /** Virtual users looping journeys during this phase. */
    users: number({ min: 1, whole: true }),
  },
  {
    expected: 'a phase mapping with duration and users',
    hints: { arrivalRate: OPEN_ONLY('arrivalRate'), rampTo: OPEN_ONLY('rampTo') },
  },
).transform((phase) => ({ name: phase.name, durationMs: phase.duration, users: phase.users }));

function phases<Phase extends z.ZodType>(phase: Phase) {
  const expected = 'a list of phases';
  return z
    .array(phase, {
      error: (issue) =>
        issue.input === undefined ? missingMessage(expected) : expectedMessage(expected, issue.input),
    })
    .min(1, { error: 'expected at least one phase' });
}

const openLoad = strict(
  {
    // Open is the default: it is the model that shows queueing (docs/measurements.md).
    model: z.literal('open').default('open'),
    maxInFlight: number({ min: 1, whole: true }).default(1000),
    arrivals: oneOf(['uniform', 'poisson']).default('uniform'),
    phases: phases(openPhase),
  },
  { expected: 'a mapping with model and phases' },
).transform((load): OpenLoad => load);

const closedLoad = strict(
  {
    model: z.literal('closed'),
    phases: phases(closedPhase),
  },
  {
    expected: 'a mapping with model and phases',
    hints: { maxInFlight: OPEN_ONLY('maxInFlight'), arrivals: OPEN_ONLY('arrivals') },
  },
).transform((load): ClosedLoad => load);

export const loadSchema: z.ZodType<LoadSpec, unknown> = z.discriminatedUnion(
  'model',
  [openLoad, closedLoad],
  {
    error: (issue) => {
      const { input } = issue;
      const expected = 'a mapping with model and phases';
      if (input === undefined) return missingMessage(expected);
      if (issue.code !== 'invalid_union' || typeof input !== 'object' || input === null) {
        return expectedMessage(expected, input);
      }
      // No option matched the discriminator: the problem is the model's value (zod points at load.model).
      const model = (input as { model?: unknown }).model;
      return (
        expectedMessage('open or closed', model) +
        (typeof model === 'string' ? suggestion(model, MODELS) : '')
      );
    },
  },
);
