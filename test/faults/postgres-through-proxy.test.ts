// A PostgreSQL store behind the fault proxy: an outage resets every connection, including the one holding the
// namespace lock (checked out, idle, with no pool listener). That must fail calls, never crash the process,
// and the store must answer again once the outage ends.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { proxiedUrl, proxyTargetOf } from '../../src/faults/proxy-url.js';
import { startFaultProxy, type FaultProxy } from '../../src/faults/tcp-proxy.js';
import type { InventoryRole } from '../../src/roles.js';
import { postgresFactory } from '../../src/stores/postgres.js';
import type { StoreAdapter } from '../../src/stores/types.js';
import { ownPostgresDatabase } from '../servers/own-postgres-database.js';
import { describeWithServer } from '../servers/server.js';

await describeWithServer('postgres', (serverUrl) => {
  const database = ownPostgresDatabase(serverUrl, 'pgb_proxy_test');
  let proxy: FaultProxy;
  let store: StoreAdapter;

  beforeAll(async () => {
    await database.create();
    proxy = await startFaultProxy(proxyTargetOf('postgres', database.url));
    store = await postgresFactory.create({
      url: proxiedUrl('postgres', database.url, proxy),
      settings: { pool: 2 },
    });
    await (store.roles.inventory as InventoryRole).loadStock([{ productId: 1, priceCents: 100, stock: 5 }]);
  });

  afterAll(async () => {
    await store?.close();
    await proxy?.close();
    await database.drop();
  });

  it('fails calls during an outage without crashing, and answers again after it', async () => {
    const inventory = store.roles.inventory as InventoryRole;
    proxy.set({ kind: 'refused' });
    await expect(inventory.getStock(1)).rejects.toThrow();
    await expect(
      inventory.reserve({
        orderId: 'o1',
        userId: 1,
        createdAt: 0,
        writeOutbox: true,
        lines: [{ productId: 1, categoryId: 1, quantity: 1 }],
      }),
    ).rejects.toThrow();
    // Let the resets of the idle connections (the lock holder among them) arrive while nothing listens.
    await new Promise((resolve) => setTimeout(resolve, 100));
    proxy.set({ kind: 'none' });
    await proxy.ready();
    expect(await inventory.getStock(1)).toMatchObject({ productId: 1, stock: 5 });
  });
});
