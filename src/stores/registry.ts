// Store kind → factory, each loaded only when asked for, so an optional engine (Kuzu) is only required by layouts
// that use it.
import { UserError } from '../errors.js';
import { engineOf } from './engine-lookup.js';
import { STORE_KINDS } from './kinds.js';
import type { StoreFactory } from './types.js';

export async function storeFactory(kind: string): Promise<StoreFactory> {
  const engine = engineOf(kind);
  if (!engine) throw new UserError(`unknown store engine "${kind}" (known: ${STORE_KINDS.join(', ')})`);
  return engine.load();
}

/** Whether this version has an adapter for the kind (layouts fall back to an embedded stand-in otherwise). */
export function hasStoreAdapter(kind: string): boolean {
  return engineOf(kind) !== undefined;
}
