// The embedded demo seller, generated from a fixed seed so every run and every test sees the same
// few hundred orders. Dates are fixed (the data was "downloaded" on 2026-11-26), so `--as-of`
// answers questions such as "will I be ready on 1 March?" the same way every time.

import { addDays } from '../../core/dates.js';
import type {
  AccountHealth,
  AccountInfo,
  Charge,
  DeferredFunds,
  BalanceEntry,
  Claim,
  InventoryItem,
  Listing,
  MarketplaceParticipation,
  Order,
  OrderStatus,
  RemovalOrderLine,
  ReturnRequest,
} from '../../core/seller-data.js';
import { DEMO_PRODUCTS } from './demo-catalogue.js';
import type { DemoScenario } from './demo-scenarios.js';


export interface DemoSeller {
  account: AccountInfo;
  participations: MarketplaceParticipation[];
  coversFrom: string;
  orders: Order[];
  inventory: InventoryItem[];
  listings: Listing[];
  removalOrders: RemovalOrderLine[];
  returns: ReturnRequest[];
  claims: Claim[];
  balance: BalanceEntry[];
  /** The seller performance report (issue 17). */
  health: AccountHealth;
  /** Ads charges and subscription fees (financial events). */
  charges: Charge[];
  /** Deferred transactions with their maturity dates. */
  deferred: DeferredFunds[];
}

const US = 'ATVPDKIKX0DER';
const CA = 'A2EUQ1WTGCTBG2';
const MX = 'A1AM78C64UM0Y8';
const UK = 'A1F83G8C2ARO7P';
const ORDER_PREFIX: Record<string, string> = { [US]: '111', [CA]: '701', [MX]: '702' };

/** mulberry32: a tiny deterministic PRNG, enough for sample data. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let x = state;
    x = Math.imul(x ^ (x >>> 15), x | 1);
    x ^= x + Math.imul(x ^ (x >>> 7), x | 61);
    return ((x ^ (x >>> 14)) >>> 0) / 4_294_967_296;
  };
}

const LAST_SALE: Record<DemoScenario, string> = {
  blocked: '2026-11-20',
  waiting: '2026-10-02',
  ready: '2026-07-15',
};

export function demoSeller(scenario: DemoScenario): DemoSeller {
  const rand = random(20261126);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rand() * list.length)] as T;
  // A plain loop: Array.from with a callback costs ~6 µs a call before the JIT warms up, and a
  // start makes 650 of these (a quarter of the demo seller's time).
  const digits = (n: number) => {
    let text = '';
    for (let i = 0; i < n; i++) text += Math.floor(rand() * 10);
    return text;
  };
  const marketplaceFor = () => {
    const r = rand();
    return r < 0.7 ? US : r < 0.9 ? CA : MX;
  };
  const orderId = (marketplaceId: string) => `${ORDER_PREFIX[marketplaceId]}-${digits(7)}-${digits(7)}`;
  const timestamp = (day: string) =>
    `${day}T${String(Math.floor(rand() * 24)).padStart(2, '0')}:${String(Math.floor(rand() * 60)).padStart(2, '0')}:${String(Math.floor(rand() * 60)).padStart(2, '0')}+00:00`;

  // A year of settled history up to the scenario's last sale.
  const lastSale = LAST_SALE[scenario];
  const firstDay = addDays(lastSale, -365);
  const orders: Order[] = [];
  const sale = (order: Omit<Order, 'purchaseTime'>): Order => ({ ...order, purchaseTime: Date.parse(order.purchaseDate) });
  for (let i = 0; i < 320; i++) {
    const day = addDays(firstDay, Math.floor(rand() * 365));
    const product = pick(DEMO_PRODUCTS);
    const marketplaceId = marketplaceFor();
    orders.push(
      sale({
        orderId: orderId(marketplaceId),
        status: rand() < 0.04 ? 'Canceled' : 'Shipped',
        purchaseDate: timestamp(day),
        marketplaceId,
        fulfilment: product.fba ? 'AFN' : 'MFN',
      }),
    );
  }
  // At 02:22 UTC (the evening before in the US): the same calendar day in every marketplace ahead
  // of UTC, the day before in those behind, so the 90 days end on one day everywhere (sale-window.ts).
  orders.push(sale({ orderId: orderId(US), status: 'Shipped', purchaseDate: `${lastSale}T02:22:05+00:00`, marketplaceId: US, fulfilment: 'AFN' }));
  // A cancelled order after the last sale: cancelled orders do not restart the 90 days.
  const cancelledAfter = scenario === 'blocked' ? '2026-11-25' : addDays(lastSale, 3);
  orders.push(sale({ orderId: orderId(CA), status: 'Canceled', purchaseDate: `${cancelledAfter}T23:10:44+00:00`, marketplaceId: CA, fulfilment: 'MFN' }));

  const blocked = scenario === 'blocked';
  if (blocked) {
    const open: [OrderStatus, string, string, 'AFN' | 'MFN'][] = [
      ['Unshipped', '2026-11-18T14:03:51+00:00', US, 'MFN'],
      ['Unshipped', '2026-11-19T09:47:12+00:00', CA, 'MFN'],
      ['PartiallyShipped', '2026-11-17T20:15:33+00:00', US, 'MFN'],
      ['Pending', '2026-11-19T22:41:08+00:00', MX, 'AFN'],
    ];
    for (const [status, purchaseDate, marketplaceId, fulfilment] of open) {
      orders.push(sale({ orderId: orderId(marketplaceId), status, purchaseDate, marketplaceId, fulfilment }));
    }
  }
  orders.sort((a, b) => a.purchaseTime - b.purchaseTime);
  // Estimated delivery: five days after purchase (issue 17: the A-to-z claim period runs 90 days from it).
  for (const o of orders) if (o.status !== 'Canceled') o.latestDelivery = `${addDays(o.purchaseDate.slice(0, 10), 5)}T23:59:59+00:00`;

  const inventory: InventoryItem[] = DEMO_PRODUCTS.filter((p) => p.fba).map((p, i) => {
    const stocked = blocked && i < 6;
    const qty = (n: number) => (stocked ? n : 0);
    return {
      sku: p.sku,
      name: p.name,
      marketplaceId: US,
      fulfillable: qty(12 + i * 7),
      unfulfillable: stocked && i % 2 === 0 ? 2 : null, // blank in the report: means 0
      reserved: qty(i % 3),
      inboundWorking: 0,
      inboundShipped: stocked && i === 4 ? 24 : 0,
      inboundReceiving: null,
      researching: stocked && i === 5 ? 1 : 0,
    };
  });

  const listings: Listing[] = blocked
    ? DEMO_PRODUCTS.map((p, i) => ({
        sku: p.sku,
        name: p.name,
        status: i % 4 === 3 ? 'Inactive' : 'Active',
        fulfilment: p.fba ? 'AFN' : 'MFN',
        marketplaceId: US,
      }))
    : [];

  const removalOrders: RemovalOrderLine[] = [
    { orderId: 'RMV-20260903-01', requestDate: '2026-09-03', status: 'Completed', sku: 'MP-HRB-KIT', requested: 30, inProcess: 0 },
  ];
  if (blocked) {
    removalOrders.push(
      { orderId: 'RMV-20261110-02', requestDate: '2026-11-10', status: 'Pending', sku: 'MP-DSH-RCK', requested: 18, inProcess: 18 },
      { orderId: 'RMV-20261110-02', requestDate: '2026-11-10', status: 'Pending', sku: 'MP-CHS-KNF', requested: 9, inProcess: 4 },
    );
  }

  const returns: ReturnRequest[] = [
    { orderId: orders[40]?.orderId ?? 'n/a', requestDate: addDays(lastSale, -200), sku: 'MP-LIN-NAP6', status: 'Closed', open: false },
  ];
  if (blocked) {
    returns.push({ orderId: orders[orders.length - 8]?.orderId ?? 'n/a', requestDate: '2026-11-23', sku: 'MP-CER-MUG2', status: 'Pending Approval', open: true });
  }

  const claims: Claim[] = [
    { claimId: 'AZ-4471093', orderId: orders[12]?.orderId ?? null, kind: 'a-to-z', openedOn: addDays(lastSale, -240), open: false },
  ];
  if (blocked) {
    // The buyer of the open return also filed an A-to-z claim: the Returns report flags it (issue 17).
    claims.push({ claimId: 'AZ-5820377', orderId: returns[1]?.orderId ?? null, kind: 'a-to-z', openedOn: '2026-11-21', open: true });
  }

  const balance: BalanceEntry[] = blocked
    ? [
        { marketplaceId: US, currency: 'USD', amount: 1482.17, reserved: 310.55 },
        { marketplaceId: CA, currency: 'CAD', amount: 0, reserved: 0 },
        { marketplaceId: MX, currency: 'MXN', amount: -12.4, reserved: 0 },
      ]
    : [
        { marketplaceId: US, currency: 'USD', amount: 0, reserved: 0 },
        { marketplaceId: CA, currency: 'CAD', amount: 0, reserved: 0 },
        { marketplaceId: MX, currency: 'MXN', amount: 0, reserved: 0 },
      ];

  const participations: MarketplaceParticipation[] = [US, CA, MX].map((marketplaceId) => ({
    marketplaceId,
    participating: true,
    hasSuspendedListings: false,
  }));
  // The blocked seller also registered in the UK, which needs its own closure.
  if (blocked) participations.push({ marketplaceId: UK, participating: true, hasSuspendedListings: false });

  // The seller performance report: the blocked seller is AT_RISK in the US with listing-policy
  // violations; the waiting one is normal but its order-defect window (60 days, ending two weeks
  // ago, as in Amazon's schema example) does not prove the whole 90 days; the ready one's does.
  const dataDay = '2026-11-26';
  const counts = (from: string, to: string, claims: number) =>
    [US, CA, MX].flatMap((marketplaceId) => (['AFN', 'MFN'] as const).map((fulfilment) => ({ marketplaceId, fulfilment, from, to, claims: marketplaceId === US && fulfilment === 'MFN' ? claims : 0, chargebacks: 0 })));
  const health: AccountHealth = {
    source: 'GET_V2_SELLER_PERFORMANCE_REPORT',
    takenOn: dataDay,
    statuses: [US, CA, MX].map((marketplaceId) => ({ marketplaceId, status: blocked && marketplaceId === US ? 'AT_RISK' : 'NORMAL' })),
    policyViolations: [US, CA, MX].map((marketplaceId) => ({ marketplaceId, name: 'listingPolicyViolations', count: blocked && marketplaceId === US ? 2 : 0 })),
    claimCounts: scenario === 'ready' ? counts(addDays(dataDay, -120), addDays(dataDay, -1), 0) : counts(addDays(dataDay, -74), addDays(dataDay, -14), blocked ? 1 : 0),
  };
  // Amazon Ads and the Professional plan's fee keep billing: the blocked seller has both, the
  // waiting one still pays the plan, the ready one has downgraded and stopped its campaigns.
  const charges: Charge[] = [];
  if (scenario !== 'ready') {
    for (const day of ['2026-09-01', '2026-10-01', '2026-11-01']) charges.push({ kind: 'subscription', postedOn: day, amount: -39.99, currency: 'USD', description: 'Subscription Fee', marketplaceId: US });
  }
  if (blocked) {
    for (const day of ['2026-10-15', '2026-11-14']) charges.push({ kind: 'ads', postedOn: day, amount: -87.5, currency: 'USD', description: 'Amazon Ads invoice', marketplaceId: US });
  }
  // Money Amazon defers until the delivery date plus 7 days (the blocked seller's last orders).
  const deferred: DeferredFunds[] = blocked ? [{ amount: 214.3, currency: 'USD', maturesOn: '2026-12-04', description: 'Deferred: delivery date + 7 days' }] : [];

  return {
    health,
    charges,
    deferred,
    account: { sellerId: 'A2DEMO5ELLER7Q', displayName: 'Maple & Pine Home Goods (demo)', sellingPlan: 'professional' },
    participations,
    coversFrom: '2024-03-01',
    orders,
    inventory,
    listings,
    removalOrders,
    returns,
    claims,
    balance,
  };
}
