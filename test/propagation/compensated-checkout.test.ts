// A checkout whose order write fails after its stock was reserved is compensated: the units go back and the
// purchase must leave no trace in the derived stores once propagation settled (docs/architecture.md, "A
// compensated checkout"). Against a real PostgreSQL holding inventory and the derived roles, with the polling
// relay (outbox) and with logical decoding (cdc), which streams the purchase the moment the reservation commits.
// Each kind of failure is tried: the order write failing at once (the purchase row still pending), and failing
// only after the relay had applied the purchase everywhere — the phantom purchase reconciliation used to count.
// In CI a missing server (or one without wal_level = logical, for cdc) fails the suite; elsewhere it is skipped.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NO_HISTORY } from '../../src/data/history.js';
import type { Order, Product } from '../../src/domain.js';
import {
  logicalDecodingSupport,
  openOutboxChangeFeed,
} from '../../src/propagation/cdc/postgres-change-feed.js';
import { CdcRelay } from '../../src/propagation/cdc-relay.js';
import { CommitLedger } from '../../src/propagation/ledger.js';
import { OutboxRelay, type Relay } from '../../src/propagation/outbox-relay.js';
import { reconcile } from '../../src/propagation/reconcile.js';
import { derivedTargets, type DerivedRole, type LagSink } from '../../src/propagation/targets.js';
import { CheckoutFailed, outboxWritePath, type CommitHooks } from '../../src/propagation/write-path.js';
import type { OrderAudit, OrdersRole, RoleImpls, RoleName, SessionsRole } from '../../src/roles.js';
import { DEFAULT_NAMESPACE } from '../../src/stores/namespace-setting.js';
import { postgresFactory } from '../../src/stores/postgres.js';
import type { StoreAdapter } from '../../src/stores/types.js';
import { ownPostgresDatabase } from '../servers/own-postgres-database.js';
import { describeWithServer, serverUrl } from '../servers/server.js';

/** A guard against hanging, not a speed assertion: propagation normally takes milliseconds. */
const WAIT_MS = 20_000;
const DRAIN_MS = 20_000;
const STOCK = 100;
const PRODUCTS: Product[] = [1, 2].map((id) => ({
  id,
  sku: `CP-${id}`,
  name: `Compensated ${id}`,
  categoryId: 1,
  priceCents: 500,
  attributes: {},
}));

async function waitFor(what: string, condition: () => Promise<boolean>): Promise<void> {
  const deadline = performance.now() + WAIT_MS;
  while (!(await condition())) {
    if (performance.now() > deadline) throw new Error(`gave up waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

type Failure = 'none' | 'at-once' | 'after-applied';

/** The orders role in memory; an order can be refused at once, or once the relay has applied its purchase. */
class FailingOrders {
  private readonly held = new Map<string, Order>();
  readonly failures = new Map<string, Failure>();

  constructor(private readonly appliedEverywhere: (orderId: string) => Promise<boolean>) {}

  readonly role = {
    insertOrder: async (order: Order) => {
      const failure = this.failures.get(order.id) ?? 'none';
      if (failure === 'after-applied')
        await waitFor(`the purchase of ${order.id} applied`, () => this.appliedEverywhere(order.id));
      if (failure !== 'none') throw new Error('orders store refused the write (test)');
      this.held.set(order.id, order);
    },
    auditOrders: async (): Promise<OrderAudit[]> =>
      [...this.held.values()].map((order) => ({
        orderId: order.id,
        rows: 1,
        units: order.lines.reduce((sum, line) => sum + line.quantity, 0),
      })),
  } as unknown as OrdersRole;
}

const sessions = { clearCart: async () => undefined } as unknown as SessionsRole;
const noLag: LagSink = { applied: () => undefined, probed: () => undefined };

function suite(mechanism: 'outbox' | 'cdc', server: string): void {
  const database = ownPostgresDatabase(server, `pgb_compensated_${mechanism}`);
  let store: StoreAdapter;
  let relay: Relay;
  let orders: FailingOrders;
  const ledger = new CommitLedger();
  const roles = () => store.roles as RoleImpls;

  beforeAll(async () => {
    await database.create();
    store = await postgresFactory.create({ url: database.url, settings: { pool: 4 } });
    const stock = PRODUCTS.map((p) => ({ productId: p.id, priceCents: p.priceCents, stock: STOCK }));
    await roles().inventory.loadStock(stock);
    await roles().search.loadIndex(PRODUCTS, stock);
    const targets = derivedTargets(roles(), (_role: DerivedRole) => noLag);
    relay =
      mechanism === 'cdc'
        ? new CdcRelay(
            await openOutboxChangeFeed(database.url, DEFAULT_NAMESPACE),
            roles().inventory,
            targets,
            ledger,
          )
        : new OutboxRelay(roles().inventory, targets, ledger, { pollIntervalMs: 5, batchSize: 50 });
    relay.start();
    orders = new FailingOrders(async (orderId) => {
      const everywhere = [roles().graph, roles().analytics, roles().search];
      return (await Promise.all(everywhere.map((role) => role.hasOrder(orderId)))).every(Boolean);
    });
  });

  afterAll(async () => {
    await relay?.stop();
    await store?.close();
    await database.drop();
  });

  it('leaves no phantom purchase once propagation settled, wherever the failure fell', async () => {
    const hooks: CommitHooks = {
      committed: (orderId, ackUs) => ledger.committed(orderId, ackUs),
      placed: (order) => ledger.placed(order),
      compensated: () => undefined,
    };
    const path = outboxWritePath(
      { sessions, inventory: roles().inventory, orders: orders.role },
      hooks,
      mechanism,
    );
    const checkout = (orderId: string, failure: Failure) => {
      orders.failures.set(orderId, failure);
      return path.checkout({
        orderId,
        userId: 7,
        sessionId: 's-7',
        createdAt: Date.UTC(2024, 0, 1),
        lines: [
          { productId: 1, categoryId: 1, quantity: 2 },
          { productId: 2, categoryId: 1, quantity: 1 },
        ],
      });
    };

    expect((await checkout('placed-1', 'none')).ok).toBe(true);
    await expect(checkout('failed-at-once', 'at-once')).rejects.toThrow(CheckoutFailed);
    await expect(checkout('failed-after-applied', 'after-applied')).rejects.toThrow(CheckoutFailed);
    expect((await checkout('placed-2', 'none')).ok).toBe(true);

    const drain = await relay.drain(DRAIN_MS);
    expect(drain.drained).toBe(true);
    const invariants = await reconcile({
      roles: { ...roles(), orders: orders.role },
      storeOf: Object.fromEntries(
        (['inventory', 'orders', 'graph', 'analytics', 'search'] as const).map((role) => [role, role]),
      ) as Record<RoleName, string>,
      placed: ledger.placedOrdersById(),
      historical: NO_HISTORY,
      drain,
      initialStock: new Map(PRODUCTS.map((p) => [p.id, STOCK])),
    });
    for (const reconciled of invariants.stores) {
      expect(reconciled, reconciled.role).toMatchObject({
        expected: 2,
        missing: 0,
        duplicate: 0,
        divergent: 0,
        unexpected: 0,
      });
    }
    expect(invariants.stores.find((s) => s.role === 'search')?.stockDivergent).toBe(0);
    expect(invariants.unitsSold).toBe(6);
    expect(invariants.ok).toBe(true);
    for (const compensated of ['failed-at-once', 'failed-after-applied']) {
      expect(await roles().graph.hasOrder(compensated)).toBe(false);
      expect(await roles().analytics.hasOrder(compensated)).toBe(false);
      expect(await roles().search.hasOrder(compensated)).toBe(false);
    }
  });
}

await describeWithServer('postgres', (server) => {
  describe('compensated checkout, outbox relay', () => suite('outbox', server));
});

const support = await logicalDecodingSupport(serverUrl('postgres'));

await describeWithServer('postgres', (server) => {
  const title = 'compensated checkout, cdc relay (PostgreSQL logical decoding)';
  if (support.ok) describe(title, () => suite('cdc', server));
  else if (process.env.CI === 'true')
    describe(title, () => {
      it('has logical decoding on the server (required in CI)', () => {
        throw new Error(support.reason);
      });
    });
  else describe.skip(`${title} — unavailable: ${support.reason}`, () => suite('cdc', server));
});
