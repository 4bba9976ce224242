// Turns a scenario's layout reference into a full role → store-name mapping. On real servers a built-in
// layout takes the seed's engines; a role whose server adapter this version lacks keeps its embedded
// stand-in, and the run says so.
import { UserError } from '../errors.js';
import { ROLE_NAMES, type RoleName } from '../roles.js';
import { layoutName, type LayoutRef, type PropagationStrategy } from '../scenario/types.js';
import { BUILTIN_LAYOUT_MAPPINGS, SERVER_LAYOUT_MAPPINGS, type RoleMapping } from './builtin.js';

export interface ResolvedLayout {
  name: string;
  roles: RoleMapping;
  /** The layout's own propagation strategy, overriding the scenario's. */
  propagation?: PropagationStrategy;
}

export interface LayoutResolution {
  layout: ResolvedLayout;
  /** What the user should know about how the layout was resolved, one line each. */
  notes: string[];
}

export function resolveLayout(
  ref: LayoutRef,
  options: { servers: boolean; hasAdapter: (kind: string) => boolean } = {
    servers: false,
    hasAdapter: () => true,
  },
): LayoutResolution {
  const resolution = resolveMapping(ref, options);
  const name = layoutName(ref);
  const propagation = ref.propagation === undefined ? {} : { propagation: ref.propagation };
  return { ...resolution, layout: { ...resolution.layout, name, ...propagation } };
}

function resolveMapping(
  ref: LayoutRef,
  options: { servers: boolean; hasAdapter: (kind: string) => boolean } = {
    servers: false,
    hasAdapter: () => true,
  },
): LayoutResolution {
  if ('builtin' in ref) {
    const embedded = BUILTIN_LAYOUT_MAPPINGS[ref.builtin];
    if (!embedded && SERVER_LAYOUT_MAPPINGS[ref.builtin]) {
      if (!options.servers) {
        throw new UserError(
          `layout "${ref.builtin}" runs on real servers only: add --stores local, compose or docker`,
        );
      }
      return { layout: { name: ref.builtin, roles: { ...SERVER_LAYOUT_MAPPINGS[ref.builtin]! } }, notes: [] };
    }
    if (!embedded) throw new UserError(`unknown layout "${ref.builtin}"`);
    if (!options.servers) return { layout: { name: ref.builtin, roles: { ...embedded } }, notes: [] };
    const server = SERVER_LAYOUT_MAPPINGS[ref.builtin] ?? embedded;
    const roles = {} as RoleMapping;
    const standIns: string[] = [];
    for (const role of ROLE_NAMES) {
      const wanted = server[role];
      roles[role] = options.hasAdapter(wanted) ? wanted : embedded[role];
      if (roles[role] !== wanted) standIns.push(`${role} on ${embedded[role]} (no ${wanted} adapter yet)`);
    }
    const notes =
      standIns.length > 0 ? [`layout ${ref.builtin}: embedded stand-ins for ${standIns.join(', ')}`] : [];
    return { layout: { name: ref.builtin, roles }, notes };
  }
  const roles = {} as RoleMapping;
  for (const role of ROLE_NAMES) {
    const store = ref.roles[role] ?? ref.roles.default;
    if (!store) throw new UserError(`layout "${ref.name}": no store for role ${role} (and no default)`);
    roles[role as RoleName] = store;
  }
  return { layout: { name: ref.name, roles }, notes: [] };
}
