// The scenario `polyglot-bench init` writes: small enough to run in well under a minute on embedded engines,
// with every section a newcomer changes first, each commented. A test checks it passes `validate`.

/** The template, with the scenario's name filled in (it must match [a-z0-9-]+). */
export function starterScenario(name: string): string {
  return `# A starter scenario: the single-database baseline against a store per job, on embedded engines.
# Try:   polyglot-bench validate ${name}.yaml     what it would run
#        polyglot-bench explain ${name}.yaml      which store serves what, and what can go stale
#        polyglot-bench trace ${name}.yaml        one checkout, store call by store call
#        polyglot-bench run ${name}.yaml          the benchmark itself, side by side
# Change one thing at a time. Every key and its default: the README's "Scenario reference".
name: ${name}
description: Starter scenario, baseline vs polyglot on embedded engines.
seed: 1 # same seed, same data and traffic: runs are comparable

data: # the shop every layout loads, generated from the seed
  users: 300
  products: 500
  categories: 12
  historicalOrders: 1000 # so "also bought" and the analysts find something from the start
  stockPerProduct: 100

# Built-in layouts: baseline (one PostgreSQL for everything) and polyglot (a store per job).
# Your own: { name: pg-cache, roles: { sessions: ttlcache, default: pglite } }
layouts: [baseline, polyglot]

load:
  model: open # arrivals on a schedule, whatever the stores do (closed: virtual users that wait)
  maxInFlight: 200 # arrivals beyond this many journeys in flight are dropped, and counted
  phases:
    - { name: ramp, duration: 3s, arrivalRate: 20, rampTo: 50 } # journeys started per second
    - { name: steady, duration: 5s, arrivalRate: 50 }
warmup: 1s # runs at the first phase's load; nothing begun in it is counted

journeys:
  preset: shopping # TPC-W mixes: browsing 95/5, shopping 80/20, ordering 50/50 (browse/buy)
  thinkTime: { min: 0ms, max: 20ms } # pause before each step

analysts: # dashboard queries on their own schedule, against the analytics store
  every: 1s
  window: 1h

propagation: # how a checkout reaches the graph and analytics stores when they are not the inventory's
  strategy: outbox # outbox (a relay polls) | dual-write (the request writes them all) | cdc (PostgreSQL servers)
  pollInterval: 10ms

consistency:
  probeSample: 0.2 # share of checkouts watched for when they become visible in each derived store
  drainTimeout: 10s # at the end, how long to wait for the relay to catch up

# faults: # what happens when a store misbehaves (seconds into the measured run)
#   - { role: sessions, from: 3s, to: 5s, outage: refused }
`;
}

/** A scenario name from a file name: "My Shop.yaml" → "my-shop". */
export function scenarioNameOf(fileName: string): string {
  const base = fileName.split(/[\\/]/).pop() ?? fileName;
  const stem = base.replace(/\.ya?ml$/i, '');
  const name = stem
    .toLowerCase()
    .replace(/[^a-z0-9-]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return name === '' ? 'my-scenario' : name;
}
