import { describe, expect, it } from 'vitest';
import { withoutSecrets } from '../../src/runner/run-scenario.js';
import { parseScenario } from '../../src/scenario/load.js';

describe('the scenario kept in a report', () => {
  it('carries store URLs without their passwords, and leaves the scenario itself untouched', () => {
    const scenario = parseScenario(
      'name: s\nload: { phases: [{ duration: 1s, arrivalRate: 1 }] }\n' +
        'stores:\n  pg: { engine: postgres, url: "postgres://bench:s3cret@db:5432/shop" }\n',
      's.yaml',
    );
    const kept = withoutSecrets(scenario);
    expect(JSON.stringify(kept)).not.toContain('s3cret');
    expect(kept.stores.pg!.url).toBe('postgres://bench:***@db:5432/shop');
    expect(scenario.stores.pg!.url).toContain('s3cret');
  });
});
