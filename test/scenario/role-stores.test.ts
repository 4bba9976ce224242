// A role on a store whose engine cannot serve it is one line at validate time, naming the layout, the role and the
// store, whether the role is named or reaches the store through default.
import { describe, expect, it } from 'vitest';
import { UserError } from '../../src/errors.js';
import { parseScenario } from '../../src/scenario/index.js';

const scenario = (roles: string) =>
  `name: bad\nlayouts:\n  - { name: mine, roles: ${roles} }\nload:\n  phases: [{ duration: 1s, arrivalRate: 1 }]\n`;

function problem(yaml: string): string {
  try {
    parseScenario(yaml, 'bad.yaml');
  } catch (error) {
    if (error instanceof UserError) return error.message;
    throw error;
  }
  return 'accepted';
}

describe('roles on stores that cannot serve them', () => {
  it('names the layout, the role and the store', () => {
    expect(problem(scenario('{ search: mongodb, default: pglite }'))).toBe(
      'bad.yaml:3:36: layouts[0].roles.search: layout "mine" puts role search on store "mongodb", but MongoDB ' +
        '(mongodb) cannot serve search; it serves sessions, catalog, inventory, orders, graph, analytics',
    );
  });

  it('points at default when the role comes from it', () => {
    expect(problem(scenario('{ search: minisearch, default: minisearch }'))).toMatch(
      /^bad\.yaml:3:\d+: layouts\[0\]\.roles\.default: layout "mine" puts role sessions on store "minisearch", but MiniSearch \(minisearch\) cannot serve sessions; it serves search/,
    );
  });

  it('accepts search on every engine that serves it', () => {
    for (const store of ['pglite', 'minisearch', 'postgres', 'mysql', 'opensearch']) {
      expect(problem(scenario(`{ search: ${store}, default: pglite }`))).toBe('accepted');
    }
  });
});
