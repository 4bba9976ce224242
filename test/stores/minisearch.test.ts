// The search contract against the embedded MiniSearch store, and how its factory describes itself.
import { describe, expect, it } from 'vitest';
import { minisearchFactory } from '../../src/stores/minisearch/factory.js';
import { describeSearchContract } from '../contracts/search.contract.js';
import { useStore } from '../contracts/fixture.js';

describeSearchContract('minisearch', () => minisearchFactory.create());

describe('minisearch factory', () => {
  const store = useStore(() => minisearchFactory.create());

  it('describes itself as an embedded engine with the package version, serving search only', () => {
    expect(store().info).toMatchObject({ engine: 'MiniSearch', embedded: true, address: 'in-process' });
    expect(store().info.version).toMatch(/^\d+\.\d+\.\d+$/);
    expect(Object.keys(store().roles)).toEqual(['search']);
  });
});
