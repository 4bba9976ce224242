// The catalog role on MongoDB: the shared document role (../document/catalog.ts) over the server's collections.
import type { CatalogRole } from '../../roles.js';
import { documentCatalog } from '../document/catalog.js';
import { MONGODB_ENGINE } from '../document/engines.js';
import type { Collections } from './schema.js';

export function mongoCatalog(c: Collections): CatalogRole {
  return documentCatalog({ categories: c.categories, products: c.products }, MONGODB_ENGINE);
}
