// What shoppers rely on from the search role, with answers worked out by hand from a small catalog of its own
// (words chosen so that every filter, both price orders and a relevance tie can be told apart): every word
// required, every filter honoured, relevance ties broken by productId and the same on every call, stock changes
// from checkouts visible (eventually, where the engine refreshes on an interval) and applied once per order.
import { describe, expect, it } from 'vitest';
import type { Product, StockItem } from '../../src/domain.js';
import type { SearchQuery } from '../../src/roles.js';
import type { StoreAdapter } from '../../src/stores/types.js';
import { eventually, order, role, uniqueId, useStore } from './fixture.js';
import { visibleOrdersCases } from './visible-orders.contract.js';

const product = (
  id: number,
  name: string,
  categoryId: number,
  priceCents: number,
  color: string,
): Product => ({
  id,
  sku: `SR-${id}`,
  name,
  categoryId,
  priceCents,
  attributes: { color, pages: 10, gift: true },
});

export const SEARCH_PRODUCTS: Product[] = [
  product(1, 'Leather boots', 2, 8000, 'red'),
  product(2, 'Leather boots', 2, 9000, 'black'),
  product(3, 'Wool scarf', 1, 2000, 'red'),
  product(4, 'Leather wallet', 3, 3000, 'brown'),
  product(5, 'Leather jacket', 1, 15000, 'red'),
  product(6, 'Wool socks', 1, 1000, 'grey'),
  // Same text, category and price: a relevance tie that only productId breaks.
  product(7, 'Canvas tote', 3, 2500, 'green'),
  product(8, 'Canvas tote', 3, 2500, 'green'),
  // Sold out from the start; its units are never taken by the write tests below.
  product(9, 'Leather belt', 3, 2000, 'black'),
  // Stock for the write tests: one unit each, so one order sells each out.
  product(10, 'Velvet slippers', 2, 4000, 'blue'),
  product(11, 'Velvet cushion', 3, 4000, 'blue'),
];

const STOCK: StockItem[] = SEARCH_PRODUCTS.map((p) => ({
  productId: p.id,
  priceCents: p.priceCents,
  stock: p.id === 9 ? 0 : p.id >= 10 ? 1 : 50,
}));

const query = (words: string[], narrow: Partial<SearchQuery> = {}): SearchQuery => ({
  words,
  categoryId: null,
  priceCents: null,
  inStockOnly: false,
  sort: 'relevance',
  limit: 20,
  ...narrow,
});

export function describeSearchContract(label: string, open: () => Promise<StoreAdapter>): void {
  describe(`search contract — ${label}`, () => {
    const store = useStore(open, async (adapter) => {
      await role(adapter, 'search').loadIndex(SEARCH_PRODUCTS, STOCK);
    });
    const search = () => role(store(), 'search');
    const ids = async (q: SearchQuery) =>
      (await search().search(q)).map((hit) => hit.productId).sort((a, b) => a - b);

    it('finds every product holding the word, in its name or its attributes', async () => {
      await eventually(async () => expect(await ids(query(['leather']))).toEqual([1, 2, 4, 5, 9]));
      // "red" is only an attribute value.
      expect(await ids(query(['red']))).toEqual([1, 3, 5]);
    });

    it('requires every word', async () => {
      expect(await ids(query(['red', 'leather']))).toEqual([1, 5]);
      expect(await ids(query(['wool', 'boots']))).toEqual([]);
    });

    it('honours the category, the price range (inclusive) and in stock only', async () => {
      expect(await ids(query(['leather'], { categoryId: 2 }))).toEqual([1, 2]);
      expect(await ids(query(['leather'], { priceCents: { min: 3000, max: 9000 } }))).toEqual([1, 2, 4]);
      expect(await ids(query(['leather'], { inStockOnly: true }))).toEqual([1, 2, 4, 5]);
      expect(
        await ids(
          query(['leather'], { categoryId: 2, priceCents: { min: 8500, max: 20000 }, inStockOnly: true }),
        ),
      ).toEqual([2]);
    });

    it('says which hits are in stock, with their name and price', async () => {
      const hits = await search().search(query(['belt']));
      expect(hits).toEqual([{ productId: 9, name: 'Leather belt', priceCents: 2000, inStock: false }]);
    });

    it('sorts by price either way, ties by productId, and keeps to the page size', async () => {
      const byPrice = async (sort: SearchQuery['sort']) =>
        (await search().search(query(['leather'], { sort }))).map((hit) => hit.productId);
      expect(await byPrice('price-asc')).toEqual([9, 4, 1, 2, 5]);
      expect(await byPrice('price-desc')).toEqual([5, 2, 1, 4, 9]);
      expect(
        (await search().search(query(['leather'], { sort: 'price-asc', limit: 2 }))).map((h) => h.productId),
      ).toEqual([9, 4]);
    });

    it('orders by relevance the same way on every call, ties by productId', async () => {
      const first = await search().search(query(['canvas']));
      expect(first.map((hit) => hit.productId)).toEqual([7, 8]);
      expect(await search().search(query(['canvas']))).toEqual(first);
      const leather = await search().search(query(['leather']));
      expect(await search().search(query(['leather']))).toEqual(leather);
    });

    it('makes a checkout that sold the last unit visible: no longer in stock, the order applied', async () => {
      const id = uniqueId('s');
      await search().applyOrder(
        order(id, 7, Date.now(), [{ productId: 10, categoryId: 2, quantity: 1, unitPriceCents: 4000 }]),
      );
      await eventually(async () => {
        expect(await search().hasOrder(id)).toBe(true);
        expect(await ids(query(['slippers'], { inStockOnly: true }))).toEqual([]);
        expect(await search().search(query(['slippers']))).toEqual([
          { productId: 10, name: 'Velvet slippers', priceCents: 4000, inStock: false },
        ]);
      });
    });

    it('applies an order once however often it is delivered', async () => {
      const id = uniqueId('s');
      const sold = order(id, 8, Date.now(), [
        { productId: 11, categoryId: 3, quantity: 1, unitPriceCents: 4000 },
        { productId: 6, categoryId: 1, quantity: 2, unitPriceCents: 1000 },
      ]);
      await search().applyOrder(sold);
      await search().applyOrder(sold);
      await Promise.all([search().applyOrder(sold), search().applyOrder(sold)]);
      await eventually(async () => {
        const levels = new Map((await search().stockLevels()).map((level) => [level.productId, level.stock]));
        expect(levels.get(11)).toBe(0);
        expect(levels.get(6)).toBe(48);
        const audit = (await search().auditOrders()).find((row) => row.orderId === id);
        expect(audit).toEqual({ orderId: id, rows: 2, units: 3 });
      });
      expect(await search().hasOrder(uniqueId('never'))).toBe(false);
    });

    it('reverts a compensated order once: its units come back and the order is forgotten', async () => {
      // Products 3 and 8 hold 50 units that no other case takes.
      const stockOf = async () =>
        new Map((await search().stockLevels()).map((level) => [level.productId, level.stock]));
      const compensated = order(uniqueId('s-undo'), 9, Date.now(), [
        { productId: 3, categoryId: 1, quantity: 2, unitPriceCents: 2000 },
        { productId: 8, categoryId: 3, quantity: 1, unitPriceCents: 2500 },
      ]);
      await search().applyOrder(compensated);
      const taken = await stockOf();
      expect([taken.get(3), taken.get(8)]).toEqual([48, 49]);

      await search().revertOrder(compensated);
      await search().revertOrder(compensated);
      // Never applied: there is nothing to give back.
      await search().revertOrder(
        order(uniqueId('s-never'), 9, Date.now(), [
          { productId: 3, categoryId: 1, quantity: 5, unitPriceCents: 2000 },
        ]),
      );
      const levels = await stockOf();
      expect([levels.get(3), levels.get(8)]).toEqual([50, 50]);
      expect((await search().auditOrders()).map((row) => row.orderId)).not.toContain(compensated.id);
      await eventually(async () => expect(await search().hasOrder(compensated.id)).toBe(false));
    });

    // Product 7's stock is asserted nowhere else, and stays in stock after the unit this takes.
    visibleOrdersCases(search, async () => {
      const id = uniqueId('s-visible');
      await search().applyOrder(
        order(id, 9, Date.now(), [{ productId: 7, categoryId: 3, quantity: 1, unitPriceCents: 2500 }]),
      );
      return [id];
    });

    it('counts matching products per category for the analysts, most first, ties by categoryId', async () => {
      expect(await search().topCategories(['leather'], 10)).toEqual([
        { categoryId: 2, products: 2 },
        { categoryId: 3, products: 2 },
        { categoryId: 1, products: 1 },
      ]);
      expect(await search().topCategories(['leather'], 1)).toEqual([{ categoryId: 2, products: 2 }]);
    });
  });
}
