// `faults:` — a timeline of injected faults (issue: consistency and faults). Each item names whom it hits (a
// role's store in every layout, or a store by name), when (from/to, on the clock of the per-second series:
// measurement start = 0) and exactly one effect: added latency, an outage, or a slowed relay.
import { z } from 'zod';
import { ROLE_NAMES, type RoleName } from '../roles.js';
import type { FaultEffect, FaultSpec, FaultTarget } from './types.js';
import { duration, expecting, oneOf, strict, text } from './fields.js';

const OUTAGE_MODES = ['refused', 'hung'] as const;

const faultItem = strict(
  {
    role: oneOf(ROLE_NAMES as unknown as [string, ...string[]]).optional(),
    store: text('a store name').optional(),
    from: duration(),
    to: duration({ positive: true }),
    latency: duration({ positive: true }).optional(),
    outage: oneOf(OUTAGE_MODES).optional(),
    slowRelay: duration({ positive: true }).optional(),
  },
  { expected: 'a mapping with role or store, from, to and one of latency, outage, slowRelay' },
)
  .superRefine((fault, ctx) => {
    const effects = (['latency', 'outage', 'slowRelay'] as const).filter((key) => fault[key] !== undefined);
    const problem =
      effects.length !== 1
        ? `expected exactly one of latency, outage or slowRelay, got ${effects.length === 0 ? 'none' : effects.join(' and ')}`
        : fault.role !== undefined && fault.store !== undefined
          ? 'expected role or store, not both'
          : fault.slowRelay !== undefined && (fault.role !== undefined || fault.store !== undefined)
            ? 'slowRelay slows the relay itself; it takes no role or store'
            : fault.slowRelay === undefined && fault.role === undefined && fault.store === undefined
              ? 'expected the role or store the fault hits (role: sessions, or store: <name>)'
              : fault.to <= fault.from
                ? `expected to after from, got from ${fault.from / 1000}s and to ${fault.to / 1000}s`
                : null;
    if (problem) ctx.addIssue({ code: 'custom', input: fault, message: problem });
  })
  .transform((fault): FaultSpec => {
    let effect: FaultEffect;
    if (fault.latency !== undefined) effect = { kind: 'latency', ms: fault.latency };
    else if (fault.outage !== undefined) effect = { kind: 'outage', mode: fault.outage };
    else effect = { kind: 'slow-relay', delayMs: fault.slowRelay! };
    const target: FaultTarget | null =
      fault.role !== undefined
        ? { role: fault.role as RoleName }
        : fault.store !== undefined
          ? { store: fault.store }
          : null;
    return { target, fromMs: fault.from, toMs: fault.to, effect };
  });

export const faultsSchema = z.array(faultItem, { error: expecting('a list of faults') }).default(() => []);
