// Products as documents: `_id` carries the product id, attributes stay a nested document of mixed types, and a
// category listing is a projection walking the {categoryId, _id} index.
import type { ProductSummary } from '../../domain.js';
import type { CatalogRole } from '../../roles.js';
import { insertInBatches } from './bulk.js';
import type { Collections, ProductDocument } from './schema.js';

type SummaryDocument = Pick<ProductDocument, '_id' | 'name' | 'priceCents'>;

export function mongoCatalog(c: Collections): CatalogRole {
  return {
    async loadCatalog(categoryList, productList) {
      await insertInBatches(
        c.categories,
        categoryList.map(({ id, name }) => ({ _id: id, name })),
      );
      await insertInBatches(
        c.products,
        productList.map(({ id, sku, name, categoryId, priceCents, attributes }) => ({
          _id: id,
          sku,
          name,
          categoryId,
          priceCents,
          attributes,
        })),
      );
    },

    async getProduct(id) {
      const found = await c.products.findOne({ _id: id });
      if (!found) return null;
      const { _id, ...rest } = found;
      return { id: _id, ...rest };
    },

    async listCategory(categoryId, limit) {
      // MongoDB reads limit 0 as "no limit"; the role means "nothing".
      if (limit <= 0) return [];
      const found = await c.products
        .find<SummaryDocument>({ categoryId }, { projection: { _id: 1, name: 1, priceCents: 1 } })
        .sort({ _id: 1 })
        .limit(limit)
        .toArray();
      return found.map(({ _id, name, priceCents }): ProductSummary => ({ id: _id, name, priceCents }));
    },
  };
}
