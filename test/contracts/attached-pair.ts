// `run --workers N` (src/stores/types.ts, StoreOptions.attach): a worker thread's store instance joins the namespace
// the main thread created, loaded and holds. The role contracts run unchanged against such an attached instance
// (attachedPair), and describeAttachContract checks what attaching must never do: take the namespace from its
// owner, reset it, or drop it when the worker closes.
import { describe, expect, it } from 'vitest';
import { UserError } from '../../src/errors.js';
import type { StoreAdapter, StoreFactory, StoreOptions } from '../../src/stores/types.js';

export type OpenStore = (options?: Pick<StoreOptions, 'attach'>) => Promise<StoreAdapter>;

let namespaces = 0;
/**
 * Unique per suite and per test process; lowercase letters, digits and "_", which every engine accepts (a PostgreSQL
 * schema, an OpenSearch index prefix).
 */
export function uniqueAttachNamespace(engine: string): string {
  namespaces += 1;
  return `pb_test_attach_${engine}_${process.pid}_${namespaces}_${Math.random().toString(36).slice(2, 8)}`;
}

/** Every open of the returned function (owner or attached) names the same namespace. */
export function attachOpener(
  factory: StoreFactory,
  url: string,
  engine: string,
  {
    settings = {},
    namespace = uniqueAttachNamespace(engine),
  }: { settings?: Record<string, unknown>; namespace?: string } = {},
): OpenStore {
  return (options = {}) => factory.create({ url, settings: { namespace, ...settings }, ...options });
}

/** An owner and an attached instance on a namespace of their own, for one contract suite. */
export const attachedPairOf =
  (factory: StoreFactory, url: string, engine: string, settings?: Record<string, unknown>) => () =>
    attachedPair(attachOpener(factory, url, engine, { settings }));

/**
 * An owner opened first, then an instance attached to its namespace: the returned adapter's roles are the attached
 * instance's, so a contract run on it exercises the attached connections; close() closes the attached instance,
 * then the owner (which drops the namespace, as a run does at its end).
 */
export async function attachedPair(open: OpenStore): Promise<StoreAdapter> {
  const owner = await open();
  let attached: StoreAdapter;
  try {
    attached = await open({ attach: true });
  } catch (error) {
    await owner.close();
    throw error;
  }
  return {
    kind: attached.kind,
    info: attached.info,
    roles: attached.roles,
    ...(attached.atomicCheckout ? { atomicCheckout: attached.atomicCheckout } : {}),
    ...(attached.crossStore ? { crossStore: attached.crossStore } : {}),
    async close() {
      try {
        await attached.close();
      } finally {
        await owner.close();
      }
    },
  };
}

export interface AttachProbe {
  /** Writes one recognisable thing through a store's roles (an attached one, or the owner). */
  write(store: StoreAdapter, key: string): Promise<void>;
  /** Whether that thing reads back through the given store's roles. */
  holds(store: StoreAdapter, key: string): Promise<boolean>;
}

export function describeAttachContract(label: string, open: OpenStore, probe: AttachProbe): void {
  describe(`attach contract — ${label}`, () => {
    it('shares the owner’s namespace both ways: each sees what the other wrote', async () => {
      const owner = await open();
      try {
        const attached = await open({ attach: true });
        try {
          await probe.write(owner, 'by-owner');
          await probe.write(attached, 'by-worker');
          expect(await probe.holds(attached, 'by-owner')).toBe(true);
          expect(await probe.holds(owner, 'by-worker')).toBe(true);
        } finally {
          await attached.close();
        }
      } finally {
        await owner.close();
      }
    });

    it('closing an attached instance drops nothing and leaves the namespace held by its owner', async () => {
      const owner = await open();
      try {
        await probe.write(owner, 'kept');
        const attached = await open({ attach: true });
        await attached.close();
        expect(await probe.holds(owner, 'kept')).toBe(true);
        // The owner still holds its namespace: another run opening it is refused, as before any worker came.
        await expect(open()).rejects.toBeInstanceOf(UserError);
      } finally {
        await owner.close();
      }
    });

    it('attaching resets nothing the owner wrote', async () => {
      const owner = await open();
      try {
        await probe.write(owner, 'before-attach');
        const attached = await open({ attach: true });
        try {
          expect(await probe.holds(attached, 'before-attach')).toBe(true);
          expect(attached.footprint).toBeUndefined();
        } finally {
          await attached.close();
        }
      } finally {
        await owner.close();
      }
    });
  });
}
