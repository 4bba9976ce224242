// Turns a scenario's layout reference into a full role → store-name mapping.
import { ROLE_NAMES, type RoleName } from '../roles.js';
import type { LayoutRef } from '../scenario/types.js';
import { UserError } from '../errors.js';
import { BUILTIN_LAYOUT_MAPPINGS, type RoleMapping } from './builtin.js';

export interface ResolvedLayout {
  name: string;
  roles: RoleMapping;
}

export function layoutName(ref: LayoutRef): string {
  return 'builtin' in ref ? ref.builtin : ref.name;
}

export function resolveLayout(ref: LayoutRef): ResolvedLayout {
  if ('builtin' in ref) {
    const roles = BUILTIN_LAYOUT_MAPPINGS[ref.builtin];
    if (!roles) throw new UserError(`unknown layout "${ref.builtin}"`);
    return { name: ref.builtin, roles: { ...roles } };
  }
  const roles = {} as RoleMapping;
  for (const role of ROLE_NAMES) {
    const store = ref.roles[role] ?? ref.roles.default;
    if (!store) throw new UserError(`layout "${ref.name}": no store for role ${role} (and no default)`);
    roles[role as RoleName] = store;
  }
  return { name: ref.name, roles };
}
