// `layouts:` and `stores:` — which store serves each role. A layout is a built-in name or an inline mapping
// role → store name; a store name is a store kind (pglite, postgres, …) or a store defined under `stores:`.
import { z } from 'zod';
import { ROLE_NAMES } from '../roles.js';
import { BUILTIN_LAYOUTS, DEFAULT_LAYOUTS as DEFAULTS, STORE_KINDS } from '../stores/kinds.js';
import { layoutName, type LayoutRef, type StoreSpec } from './types.js';
import { duration, expecting, number, oneOf, slug, strict, SLUG_FORMS, text } from './fields.js';
import { listAnd, suggestion } from './messages.js';
import { strategySchema } from './schema-sections.js';

/** A built-in used as is (its name may be spelled out, but nothing is changed). */
function isPlainBuiltin(layout: LayoutRef): boolean {
  return 'builtin' in layout && layoutName(layout) === layout.builtin;
}

const DEFAULT_LAYOUTS = [...DEFAULTS];
const BUILTIN: readonly string[] = BUILTIN_LAYOUTS;

const storeName = text('a store name');
const roleMapping = strict(
  {
    ...Object.fromEntries(ROLE_NAMES.map((role) => [role, storeName.optional()])),
    /** Serves every role not named. */
    default: storeName.optional(),
  } as Record<(typeof ROLE_NAMES)[number] | 'default', z.ZodOptional<z.ZodString>>,
  { expected: `a mapping role → store name (roles: ${ROLE_NAMES.join(', ')}, default)` },
).superRefine((roles, ctx) => {
  // resolveLayout would fail at run time; say it now, where the layout is written.
  const uncovered = ROLE_NAMES.filter((role) => roles[role] === undefined);
  if (roles.default === undefined && uncovered.length > 0) {
    ctx.addIssue({
      code: 'custom',
      input: roles,
      message: `expected a store for every role, got none for ${listAnd(uncovered)} (name them, or add default: <store>)`,
    });
  }
});

const layoutMapping = strict(
  {
    name: slug(`a layout name (${SLUG_FORMS})`).optional(),
    roles: roleMapping.optional(),
    /** A built-in layout this one copies, e.g. to run polyglot again with another propagation. */
    base: slug(`a built-in layout name (${BUILTIN.join(', ')})`).optional(),
    propagation: strategySchema.optional(),
  },
  { expected: 'a mapping with name and roles, or base (and optionally propagation)' },
)
  .superRefine((layout, ctx) => {
    const problem =
      layout.roles !== undefined && layout.base !== undefined
        ? 'expected either roles or base, not both'
        : layout.roles === undefined && layout.base === undefined
          ? 'expected roles (role → store) or base (a built-in layout to copy)'
          : layout.roles !== undefined && layout.name === undefined
            ? 'expected a name for a layout defined by roles'
            : null;
    if (problem) ctx.addIssue({ code: 'custom', input: layout, message: problem });
  })
  .transform((layout): LayoutRef => {
    const propagation = layout.propagation === undefined ? {} : { propagation: layout.propagation };
    if (layout.roles !== undefined) return { name: layout.name!, roles: layout.roles, ...propagation };
    // A copy without its own name is named after what makes it different: polyglot-dual-write.
    const name = layout.name ?? [layout.base!, layout.propagation].filter(Boolean).join('-');
    return { builtin: layout.base!, name, ...propagation };
  });

const layoutItem = z
  .union([slug(`a layout name (${SLUG_FORMS})`), layoutMapping], {
    error: expecting(
      `a built-in layout name (${BUILTIN.join(', ')}), a mapping {name, roles} or {base, propagation}`,
    ),
  })
  .transform((item): LayoutRef => (typeof item === 'string' ? { builtin: item } : item));

export const layoutsSchema = z
  .array(layoutItem, { error: expecting('a list of layouts') })
  .min(1, { error: 'expected at least one layout' })
  .superRefine((layouts, ctx) => {
    const seen = new Set<string>();
    layouts.forEach((layout, index) => {
      // zod still runs this when an item failed its own schema (found by fuzzing: layouts: [""]); that item's
      // issue is already reported, and it is no LayoutRef to look into.
      if (typeof layout !== 'object' || layout === null) return;
      const name = layoutName(layout);
      if ('builtin' in layout && !BUILTIN.includes(layout.builtin)) {
        ctx.addIssue({
          code: 'custom',
          path: layout.name === undefined ? [index] : [index, 'base'],
          input: layout.builtin,
          message:
            `unknown layout "${layout.builtin}"${suggestion(layout.builtin, BUILTIN)}; expected a built-in layout (${BUILTIN.join(', ')}) ` +
            'or one defined inline as {name, roles}',
        });
      } else if (BUILTIN.includes(name) && !isPlainBuiltin(layout)) {
        ctx.addIssue({
          code: 'custom',
          path: [index, 'name'],
          input: name,
          message: `"${name}" is a built-in layout; give your layout another name`,
        });
      } else if (seen.has(name)) {
        // Layouts are selected and reported by name (--layouts, the report), so names must be unique.
        ctx.addIssue({
          code: 'custom',
          path: [index],
          input: name,
          message: `layout "${name}" is listed twice`,
        });
      }
      seen.add(name);
    });
  })
  // A function: each scenario gets its own objects, safe to modify (--layouts, overrides).
  .default(() => DEFAULT_LAYOUTS.map((builtin) => ({ builtin })));

const storeSpec = strict(
  {
    engine: oneOf(STORE_KINDS as [string, ...string[]]),
    url: text('a connection URL').nullable().default(null),
    pool: number({ min: 1, whole: true }).nullable().default(null),
    // Every call to this store gives up after this long (src/runner/call-deadline.ts); null: the engine's default.
    callTimeout: duration({ positive: true }).nullable().default(null),
    options: z
      .record(z.string(), z.unknown(), { error: expecting('a mapping of engine options') })
      .default(() => ({})),
  },
  { expected: 'a mapping with engine (and optionally url, pool, callTimeout, options)' },
).transform(({ callTimeout, ...store }): StoreSpec =>
  callTimeout === null ? store : { ...store, callTimeoutMs: callTimeout },
);

export const storesSchema = z
  .record(z.string(), storeSpec, {
    error: expecting('a mapping of store name → {engine, url, pool, options}'),
  })
  .default(() => ({}));
