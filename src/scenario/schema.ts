// The scenario file's schema: the YAML form users write, validated and resolved into the `Scenario` type
// (types.ts). Every mapping rejects unknown keys, so a typo is an error, not a silently ignored setting.
//
// The YAML form, with defaults (the README's scenario reference is copied from here):
//
//   name: quickstart                 # required, [a-z0-9-]+ (used in report file names)
//   description: "…"                 # optional, default ""
//   seed: 42                         # whole number ≥ 0, default 1
//   data:                            # all optional, defaults shown
//     users: 1000                    # ≥ 1
//     products: 2000                 # ≥ 1
//     categories: 20                 # ≥ 1
//     followsPerUser: 10             # mean, ≥ 0
//     likesPerUser: 5                # mean, ≥ 0
//     historicalOrders: 5000         # ≥ 0, loaded before the run
//     historyDays: 30                # > 0, spread of the historical orders
//     stockPerProduct: 100           # ≥ 0
//     popularitySkew: 1.0            # zipf exponent, 0 = uniform, ≤ 3
//   layouts: [baseline, polyglot]    # default; items: a built-in name, or {name, roles}, e.g.
//                                    #   { name: pg-redis, roles: { sessions: ttlcache, default: pglite } }
//                                    # roles: sessions, catalog, inventory, orders, graph, analytics, search and
//                                    #   default; every role needs a store (named or via default)
//                                    # or a copy of a built-in with its own propagation, e.g.
//                                    #   { base: polyglot, propagation: dual-write }  (named polyglot-dual-write)
//                                    # any layout may set propagation: outbox | dual-write | cdc
//   stores:                          # optional: name → {engine, url, pool, options}; layouts name these
//     pg: { engine: postgres, url: "postgres://…", pool: 8 }   # or a store kind (pglite, redis, …) directly
//                                    # engine: a store kind (src/stores/engines.ts lists them; an
//                                    #   unknown one is refused with the list)
//                                    # url, pool default null; options default {} (passed to the adapter)
//                                    # callTimeout: deadline of each call to the store (default 5s for a
//                                    #   server, 30s in-process); a call past it is counted as an error
//   load:                            # required
//     model: open                    # open | closed, default open
//     maxInFlight: 1000              # open only: arrivals beyond this many journeys in flight are dropped
//     arrivals: uniform              # open only: uniform | poisson, default uniform
//     phases:                        # ≥ 1
//       - { name: ramp, duration: 20s, arrivalRate: 10, rampTo: 50 }  # open: arrivals per second;
//       - { duration: 30s, arrivalRate: 50 }                          #   rampTo defaults to arrivalRate
//     # closed: phases: [{ duration: 30s, users: 20 }]               # virtual users looping journeys
//   warmup: 0s                       # runs at the first phase's load before measuring
//   journeys:
//     preset: shopping               # default; TPC-W browse/buy mixes: browsing 95/5, shopping 80/20,
//                                    #   ordering 50/50 (shop, social 0)
//     mix: { browse: 70, shop: 10, buy: 15, social: 5 }  # or weights ≥ 0 (missing = 0); not both
//     thinkTime: { min: 0ms, max: 100ms }           # pause before each step; all ranges need min ≤ max
//     cartItems: { min: 1, max: 3 }                 # distinct products per cart, whole numbers ≥ 1
//     quantity: { min: 1, max: 2 }                  # units per cart line
//     productViews: { min: 1, max: 4 }              # products viewed per browse
//     hotProducts: { count: 3, probability: 0.9 }   # default none; with this probability a cart pick
//                                                   #   comes from the `count` most popular products
//     search: { share: 0.5, words: { min: 1, max: 2 }, skew: 1.0 }  # browse and shop journeys start from a
//                                                   #   search with this probability; query words come from
//                                                   #   the catalog's vocabulary, Zipf-skewed (0 = uniform)
//   analysts:                        # default none (also `analysts: off`); when given:
//     every: 2s                      # dashboard queries on their own schedule
//     window: 1h                     # they look at orders placed within this window
//     queries: [top-products, revenue-by-category, search-categories]   # default all
//   propagation:                     # how a checkout reaches graph and analytics in a layout of several stores
//     strategy: outbox               # outbox | dual-write | cdc; a single store that commits a checkout in
//                                    #   one transaction does so unless the layout sets its own propagation
//                                    # dual-write: the request writes each store in turn (no relay)
//                                    # cdc: PostgreSQL logical decoding of the outbox (inventory on postgres
//                                    #   with wal_level=logical; PGlite cannot)
//     pollInterval: 10ms             # outbox relay polls this often
//     batchSize: 100                 # outbox rows applied per poll, at most
//   consistency:
//     probeSample: 0.2               # fraction of checkouts probed, 0..1
//     probeInterval: 1ms             # probe polling: the resolution of visible lag
//     probeTimeout: 10s
//     drainTimeout: 30s              # end-of-run wait for the relay to drain
//   sessions:
//     ttl: 30m                       # sessions and carts expire this long after they start
//   faults:                          # default none; each: whom, when, and one effect
//     - role: sessions               # the store serving a role in each layout (or store: <store name>)
//       from: 10s                    # seconds into the measured run (after warm-up), as the time series
//       to: 20s
//       outage: refused              # refused (connections refused / reset) | hung (nothing answers)
//       # latency: 50ms              # or: every call to the store waits this much longer
//     - { from: 5s, to: 15s, slowRelay: 500ms }   # or: the relay waits this long before each batch
//   thresholds:                      # default none; targets the run must meet (schema-thresholds.ts), e.g.
//     checkout: [p99 < 250ms, p50 < 20ms]           #   lag.graph: p99 < 1s, invariants: ok,
//     polyglot: { checkout: p99 < 300ms }           #   a layout's name scopes a block to that layout
//
// Durations: 250ms, 10s, 2m, 1h, 1.5s, or a bare number of seconds.
import { z } from 'zod';
import type { Scenario } from './types.js';
import { duration, number, slug, strict, text } from './fields.js';
import { faultsSchema } from './schema-faults.js';
import { thresholdProblems, thresholdsSchema } from './schema-thresholds.js';
import { loadSchema } from './schema-load.js';
import { journeysSchema } from './schema-journeys.js';
import { layoutsSchema, storesSchema } from './schema-layouts.js';
import {
  analystsSchema,
  consistencySchema,
  dataSchema,
  propagationSchema,
  sessionsSchema,
} from './schema-sections.js';

export const scenarioSchema: z.ZodType<Scenario, unknown> = strict(
  {
    name: slug(),
    description: text().default(''),
    seed: number({ min: 0, whole: true }).default(1),
    data: dataSchema,
    layouts: layoutsSchema,
    stores: storesSchema,
    load: loadSchema,
    warmup: duration().prefault('0s'),
    journeys: journeysSchema,
    analysts: analystsSchema,
    propagation: propagationSchema,
    consistency: consistencySchema,
    sessions: sessionsSchema,
    faults: faultsSchema,
    thresholds: thresholdsSchema,
  },
  { expected: 'a mapping of scenario keys (at least name and load)' },
)
  .transform(({ warmup, ...scenario }): Scenario => ({
    name: scenario.name,
    description: scenario.description,
    seed: scenario.seed,
    data: scenario.data,
    layouts: scenario.layouts,
    stores: scenario.stores,
    load: scenario.load,
    warmupMs: warmup,
    journeys: scenario.journeys,
    analysts: scenario.analysts,
    propagation: scenario.propagation,
    consistency: scenario.consistency,
    sessions: scenario.sessions,
    faults: scenario.faults,
    ...(scenario.thresholds ? { thresholds: scenario.thresholds } : {}),
  }))
  // Thresholds name layouts and need analysts and the load model: checked once every section parsed.
  .superRefine((scenario, ctx) => {
    for (const { path, message } of thresholdProblems(scenario))
      ctx.addIssue({ code: 'custom', path, message });
  });
