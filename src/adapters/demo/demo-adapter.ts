import type { IsoDate } from '../../core/dates.js';
import type { Provision } from '../../core/seller-data.js';
import type { RecordStream, SellerDataSource } from '../../core/seller-data-source.js';
import { demoSeller } from './demo-seller.js';
import type { DemoScenario } from './demo-scenarios.js';

/** The demo's records in pages of 100, as an API would deliver them. */
async function* stream<T>(items: readonly T[]): RecordStream<T> {
  for (let i = 0; i < items.length; i += 100) yield items.slice(i, i + 100);
}

function provide<T>(data: T, coversFrom: IsoDate | null = null): Provision<T> {
  return { available: true, data, coversFrom };
}

/**
 * The demo seller, optionally as it would be once some plan steps were carried out (so that a
 * plan can be followed through on sample data): listings deleted, orders shipped, returns and
 * claims closed, stock removed, removals finished, the balance settled. Time is `--as-of`'s.
 */
export function createDemoAdapter(scenario: DemoScenario, done: ReadonlySet<string> = new Set()): SellerDataSource {
  const seller = demoSeller(scenario);
  if (done.has('close-listings')) seller.listings = [];
  if (done.has('ship-open-orders')) seller.orders = seller.orders.map((o) => (o.status === 'Canceled' || o.status === 'Shipped' ? o : { ...o, status: 'Shipped' }));
  if (done.has('resolve-returns')) seller.returns = seller.returns.map((r) => ({ ...r, open: false, status: 'Closed' }));
  if (done.has('resolve-claims')) seller.claims = seller.claims.map((c) => ({ ...c, open: false }));
  if (done.has('remove-fba-stock')) seller.inventory = seller.inventory.map((i) => ({ ...i, fulfillable: 0, unfulfillable: 0, reserved: 0, inboundWorking: 0, inboundShipped: 0, inboundReceiving: 0, researching: 0 }));
  if (done.has('finish-removals')) seller.removalOrders = seller.removalOrders.map((r) => ({ ...r, status: 'Completed', inProcess: 0 }));
  if (done.has('settle-balance')) {
    seller.balance = seller.balance.map((b) => ({ ...b, amount: 0, reserved: 0 }));
    seller.deferred = [];
  }
  if (done.has('resolve-account-health')) seller.health = { ...seller.health, statuses: seller.health.statuses.map((s) => ({ ...s, status: 'NORMAL' })), policyViolations: seller.health.policyViolations.map((v) => ({ ...v, count: 0 })) };
  if (done.has('stop-charges')) seller.charges = [];
  return {
    id: 'demo',
    isDemo: true,
    account: async () => seller.account,
    marketplaces: async () => provide(seller.participations),
    orders: async (since) => provide(stream(seller.orders.filter((o) => o.purchaseDate.slice(0, 10) >= since)), seller.coversFrom < since ? since : seller.coversFrom),
    inventory: async () => provide(stream(seller.inventory)),
    listings: async () => provide(stream(seller.listings)),
    removalOrders: async () => provide(stream(seller.removalOrders)),
    returns: async () => provide(stream(seller.returns)),
    claims: async () => provide(stream(seller.claims)),
    balance: async () => provide(seller.balance),
    accountHealth: async () => provide(seller.health),
    charges: async (since) => provide(seller.charges.filter((c) => c.postedOn >= since)),
    deferredFunds: async () => provide(seller.deferred),
    close: async () => {},
  };
}
