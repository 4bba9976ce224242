// A traced checkout as the trace command records one (JourneyTrace): add-to-cart and checkout with their store
// calls, then the relay's write to the graph and when it became visible. For the waterfall's tests.
import type { JourneyTrace } from '../../src/metrics/types.js';

export const TRACED_CHECKOUT: JourneyTrace = {
  journey: 'buy',
  steps: [
    { name: 'add-to-cart', startUs: 0, durationUs: 800, outcome: 'ok' },
    { name: 'checkout', startUs: 900, durationUs: 5200, outcome: 'ok' },
  ],
  calls: [
    {
      step: 'add-to-cart',
      source: 'operation',
      store: 'ttlcache',
      role: 'sessions',
      method: 'addToCart',
      startUs: 10,
      durationUs: 700,
      ok: true,
      critical: true,
    },
    {
      step: 'checkout',
      source: 'operation',
      store: 'pglite',
      role: 'inventory',
      method: 'reserve',
      startUs: 950,
      durationUs: 3000,
      ok: true,
      critical: true,
    },
    {
      step: null,
      source: 'relay',
      store: 'kuzu',
      role: 'graph',
      method: 'recordPurchase',
      startUs: 9000,
      durationUs: 1500,
      ok: true,
      critical: false,
    },
  ],
  propagation: [{ target: 'graph@kuzu', appliedUs: 10_500, visibleUs: 12_000 }],
};
