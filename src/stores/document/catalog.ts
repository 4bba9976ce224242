// The catalog role on a document collection, MongoDB or the embedded store: `_id` carries the product id,
// attributes stay a nested document of mixed types, and a category listing is a projection walking the
// {categoryId, _id} index.
import type { ProductSummary } from '../../domain.js';
import type { CatalogRole } from '../../roles.js';
import {
  loadDocuments,
  type CategoryDocument,
  type DocumentCollection,
  type DocumentEngine,
  type ProductDocument,
} from './collection.js';

/** Serves listCategory's filter and sort: one index range, walked in order, stopping at the limit. */
export const PRODUCTS_BY_CATEGORY = { categoryId: 1, _id: 1 } as const;

export interface CatalogCollections {
  categories: DocumentCollection<CategoryDocument>;
  products: DocumentCollection<ProductDocument>;
}

type SummaryDocument = Pick<ProductDocument, '_id' | 'name' | 'priceCents'>;

export function documentCatalog(c: CatalogCollections, engine: DocumentEngine): CatalogRole {
  return {
    async loadCatalog(categoryList, productList) {
      const categories = categoryList.map(({ id, name }): CategoryDocument => ({ _id: id, name }));
      await loadDocuments(c.categories, categories, engine);
      const products = productList.map(
        ({ id, sku, name, categoryId, priceCents, attributes }): ProductDocument => ({
          _id: id,
          sku,
          name,
          categoryId,
          priceCents,
          attributes,
        }),
      );
      await loadDocuments(c.products, products, engine);
    },

    async getProduct(id) {
      const found = await c.products.findOne({ _id: id });
      if (!found) return null;
      const { _id, ...rest } = found;
      return { id: _id, ...rest };
    },

    // One lookup per id over the _id index: the embedded store has no $in, and the role's callers ask for a page.
    async getProducts(ids) {
      const found = await Promise.all([...new Set(ids)].map((id) => c.products.findOne({ _id: id })));
      return found
        .filter((doc): doc is ProductDocument => doc !== null)
        .sort((a, b) => a._id - b._id)
        .map(({ _id, ...rest }) => ({ id: _id, ...rest }));
    },

    async listCategory(categoryId, limit) {
      // Both engines read limit 0 as "no limit"; the role means "nothing".
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
