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

export function createDemoAdapter(scenario: DemoScenario): SellerDataSource {
  const seller = demoSeller(scenario);
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
    close: async () => {},
  };
}
