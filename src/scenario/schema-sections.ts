// The smaller sections of a scenario: data, analysts, propagation, consistency, sessions. Defaults here are
// the ones documented at the top of schema.ts.
import { z } from 'zod';
import {
  ANALYST_QUERIES,
  PROPAGATION_STRATEGIES,
  type AnalystSpec,
  type ConsistencySpec,
  type PropagationSpec,
} from './types.js';
import { duration, expecting, number, oneOf, strict } from './fields.js';

const count = (min: number) => number({ min, whole: true });

export const dataSchema = strict(
  {
    users: count(1).default(1000),
    products: count(1).default(2000),
    categories: count(1).default(20),
    followsPerUser: number({ min: 0 }).default(10),
    likesPerUser: number({ min: 0 }).default(5),
    historicalOrders: count(0).default(5000),
    historyDays: number({ positive: true }).default(30),
    stockPerProduct: count(0).default(100),
    // Beyond 3 nearly every pick is product 1: no longer a useful popularity curve.
    popularitySkew: number({ min: 0, max: 3 }).default(1),
  },
  { expected: 'a mapping of data sizes (users, products, …)' },
).prefault({});

const ANALYSTS_OFF = ['off', false, null] as const;

const analystsOn = strict(
  {
    every: duration({ positive: true }).prefault('2s'),
    window: duration({ positive: true }).prefault('1h'),
    queries: z
      .array(oneOf(ANALYST_QUERIES), {
        error: expecting(`a list of queries (${ANALYST_QUERIES.join(', ')})`),
      })
      .min(1, { error: 'expected at least one query (or analysts: off)' })
      .default(() => [...ANALYST_QUERIES]),
  },
  { expected: 'a mapping with every, window and queries' },
).transform((analysts): AnalystSpec => ({
  everyMs: analysts.every,
  windowMs: analysts.window,
  queries: analysts.queries,
}));

/** Omitted, `off`, `false` or empty: no analysts. */
export const analystsSchema = z
  .union([z.literal(ANALYSTS_OFF), analystsOn], {
    error: expecting('off or a mapping with every, window and queries'),
  })
  .transform((analysts) => (typeof analysts === 'object' && analysts !== null ? analysts : null))
  .default(null);

export const strategySchema = oneOf(PROPAGATION_STRATEGIES);

export const propagationSchema = strict(
  {
    strategy: strategySchema.default('outbox'),
    pollInterval: duration({ positive: true }).prefault('10ms'),
    batchSize: count(1).default(100),
  },
  { expected: 'a mapping with strategy, pollInterval and batchSize' },
)
  .transform((propagation): PropagationSpec => ({
    strategy: propagation.strategy,
    pollIntervalMs: propagation.pollInterval,
    batchSize: propagation.batchSize,
  }))
  .prefault({});

export const consistencySchema = strict(
  {
    probeSample: number({ min: 0, max: 1 }).default(0.2),
    probeInterval: duration({ positive: true }).prefault('1ms'),
    probeTimeout: duration({ positive: true }).prefault('10s'),
    drainTimeout: duration({ positive: true }).prefault('30s'),
  },
  { expected: 'a mapping with probeSample, probeInterval, probeTimeout and drainTimeout' },
)
  .transform((consistency): ConsistencySpec => ({
    probeSample: consistency.probeSample,
    probeIntervalMs: consistency.probeInterval,
    probeTimeoutMs: consistency.probeTimeout,
    drainTimeoutMs: consistency.drainTimeout,
  }))
  .prefault({});

export const sessionsSchema = strict(
  { ttl: duration({ positive: true }).prefault('30m') },
  { expected: 'a mapping with ttl' },
)
  .transform((sessions) => ({ ttlSeconds: sessions.ttl / 1000 }))
  .prefault({});
