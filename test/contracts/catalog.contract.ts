// What the product pages rely on from the catalog role: the whole document back, attributes and their types
// intact, and category listings as ordered, limited projections.
import { describe, expect, it } from 'vitest';
import type { Product } from '../../src/domain.js';
import type { StoreAdapter } from '../../src/stores/types.js';
import { CATEGORY, FIXTURE, role, useStore } from './fixture.js';

function fixtureProduct(id: number): Product {
  const product = FIXTURE.products.find((candidate) => candidate.id === id);
  if (!product) throw new Error(`no fixture product ${id}`);
  return product;
}

export function describeCatalogContract(label: string, open: () => Promise<StoreAdapter>): void {
  describe(`catalog contract — ${label}`, () => {
    const store = useStore(open, (adapter) =>
      role(adapter, 'catalog').loadCatalog(FIXTURE.categories, FIXTURE.products),
    );
    const catalog = () => role(store(), 'catalog');

    it('getProducts returns the named products ordered by id, leaving unknown ids out', async () => {
      expect(await catalog().getProducts([9, 1, 424242, 4])).toEqual([1, 4, 9].map(fixtureProduct));
      expect(await catalog().getProducts([])).toEqual([]);
    });

    it('returns the whole product document', async () => {
      expect(await catalog().getProduct(1)).toEqual(fixtureProduct(1));
    });

    it('keeps attribute types: numbers (also fractional), booleans and strings', async () => {
      const shoe = await catalog().getProduct(6);
      expect(shoe?.attributes).toStrictEqual({ size: 38.5, color: 'black' });
      const kettle = await catalog().getProduct(10);
      expect(kettle?.attributes).toStrictEqual({ litres: 1.7, electric: true });
      const book = await catalog().getProduct(1);
      expect(book?.attributes.hardcover).toBe(false);
      expect(book?.attributes.pages).toBe(657);
    });

    it('returns every fixture product unchanged', async () => {
      for (const product of FIXTURE.products) {
        expect(await catalog().getProduct(product.id)).toEqual(product);
      }
    });

    it('answers null for an unknown product', async () => {
      expect(await catalog().getProduct(424242)).toBeNull();
    });

    it("lists a category's products ordered by id, as summaries only", async () => {
      // Books are 1, 2, 3, 4 (loaded as 4, 1, 3, 2).
      expect(await catalog().listCategory(CATEGORY.books, 10)).toEqual([
        { id: 1, name: 'SICP', priceCents: 1500 },
        { id: 2, name: 'Emma', priceCents: 2000 },
        { id: 3, name: 'Ulysses', priceCents: 1000 },
        { id: 4, name: 'Dune', priceCents: 2500 },
      ]);
    });

    it('honours the limit, keeping the lowest ids', async () => {
      expect(await catalog().listCategory(CATEGORY.kitchen, 2)).toEqual([
        { id: 8, name: 'Skillet', priceCents: 4000 },
        { id: 9, name: 'Chef knife', priceCents: 2000 },
      ]);
    });

    it('lists nothing for an empty or unknown category', async () => {
      expect(await catalog().listCategory(999, 10)).toEqual([]);
    });
  });
}
