// The analysts' part of the step-call table against what each dashboard query actually calls.
import { describe, expect, it } from 'vitest';
import type { RoleImpls } from '../../src/roles.js';
import { ANALYST_QUERIES } from '../../src/scenario/types.js';
import { runAnalystQuery } from '../../src/workloads/analyst.js';
import type { ShopCatalog } from '../../src/workloads/context.js';
import { analystCalls } from '../../src/workloads/step-calls.js';

/** Roles whose every method records "role.method" and answers with an empty list. */
function recordingRoles(calls: string[]): RoleImpls {
  const role = (name: string) =>
    new Proxy(
      {},
      {
        get: (_target, method) => async () => {
          calls.push(`${name}.${String(method)}`);
          return [];
        },
      },
    );
  return new Proxy({}, { get: (_target, name) => role(String(name)) }) as RoleImpls;
}

describe('ANALYST_CALLS', () => {
  for (const query of ANALYST_QUERIES) {
    it(`${query} calls what the table says`, async () => {
      const calls: string[] = [];
      const catalog = { searchVocabulary: ['lamp'] } as unknown as ShopCatalog;
      await runAnalystQuery(query, { roles: recordingRoles(calls), catalog }, 60_000);
      // No crossStore in the context: a cross-store query is joined in the application.
      expect(calls).toEqual(analystCalls(query, false).map((call) => `${call.role}.${call.method}`));
    });
  }
});
