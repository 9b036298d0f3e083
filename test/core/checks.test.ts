import { describe, expect, it } from 'vitest';
import { checkBalance } from '../../src/core/checks/balance.js';
import { checkClaims } from '../../src/core/checks/claims.js';
import { checkFbaInventory } from '../../src/core/checks/fba-inventory.js';
import { checkLastSaleWindow } from '../../src/core/checks/last-sale-window.js';
import { checkListings } from '../../src/core/checks/listings.js';
import { checkMarketplaces } from '../../src/core/checks/marketplaces.js';
import { checkOpenOrders } from '../../src/core/checks/open-orders.js';
import { summarizeOrders } from '../../src/core/checks/orders-summary.js';
import { checkRemovalOrders } from '../../src/core/checks/removal-orders.js';
import { checkReturnsRefunds } from '../../src/core/checks/returns-refunds.js';
import { ITEM_CAP } from '../../src/core/check-result.js';
import { ORDER_STATUSES, type RemovalOrderLine } from '../../src/core/seller-data.js';
import { ctx, order, stock, stream } from '../helpers/records.js';

const since = '2026-07-29';

describe('open-orders', () => {
  it.each(['Pending', 'PendingAvailability', 'Unshipped', 'PartiallyShipped', 'InvoiceUnconfirmed'] as const)('fails on a %s order', async (status) => {
    const summary = await summarizeOrders(stream([order({ status, purchaseDate: '2026-11-01T10:00:00Z' })]));
    const result = checkOpenOrders(summary, since, ctx());
    expect(result.status).toBe('fail');
    expect(result.count).toBe(1);
    expect(result.items[0]).toMatchObject({ status, purchaseDate: '2026-11-01T10:00:00Z' });
    expect(result.items[0]!.orderId).toMatch(/^111-/);
    expect(result.remediation).toContain('Manage Orders');
  });

  it.each(['Shipped', 'Canceled', 'Unfulfillable'] as const)('passes on a %s order', async (status) => {
    const summary = await summarizeOrders(stream([order({ status, purchaseDate: '2026-11-01T10:00:00Z' })]));
    expect(checkOpenOrders(summary, since, ctx()).status).toBe('pass');
  });

  it('counts every open order but lists at most the cap', async () => {
    const orders = Array.from({ length: ITEM_CAP + 7 }, () => order({ status: 'Unshipped', purchaseDate: '2026-11-01T10:00:00Z' }));
    const result = checkOpenOrders(await summarizeOrders(stream(orders)), since, ctx());
    expect(result.count).toBe(ITEM_CAP + 7);
    expect(result.items).toHaveLength(ITEM_CAP);
  });

  it('knows every status the contract allows', () => {
    expect(ORDER_STATUSES).toHaveLength(8);
  });
});

describe('last-sale-window', () => {
  // 02:22 UTC: the same day in Tokyo and Sydney, the day before in the Americas.
  const lastSaleOn = async (day: string, asOf: string, extra: ReturnType<typeof order>[] = [], time = '02:22:05') =>
    checkLastSaleWindow(await summarizeOrders(stream([order({ purchaseDate: `${day}T${time}+00:00` }), ...extra])), '2024-01-01', ctx(asOf));

  it('fails at 89 days with the day it clears', async () => {
    const result = await lastSaleOn('2026-11-20', '2027-02-17');
    expect(result.status).toBe('fail');
    expect(result.clearsOn).toBe('2027-02-18');
    expect(result.summary).toContain('89 days');
  });

  it('passes at exactly 90 days', async () => {
    const result = await lastSaleOn('2026-11-20', '2027-02-18');
    expect(result.status).toBe('pass');
    expect(result.clearsOn).toBe('2027-02-18');
  });

  it('is never shorter than 90 days in any marketplace\'s local time', async () => {
    // 18:22 UTC on 20 November is 10:22 in Los Angeles: a UTC day that starts on the 18th of
    // February is still the 17th there, 89 days on. So it clears a day later.
    expect((await lastSaleOn('2026-11-20', '2027-02-18', [], '18:22:05')).status).toBe('fail');
    expect((await lastSaleOn('2026-11-20', '2027-02-19', [], '18:22:05')).status).toBe('pass');
    // 23:30 UTC is already the 21st in Tokyo and Sydney: 90 days from then.
    expect((await lastSaleOn('2026-11-20', '2027-02-19', [], '23:30:00')).clearsOn).toBe('2027-02-19');
    // Just after midnight UTC: the 19th in the Americas, the 20th in UTC and Asia.
    expect((await lastSaleOn('2026-11-20', '2027-02-18', [], '00:10:00')).status).toBe('pass');
  });

  it('holds for any instant: every marketplace zone has had 90 calendar days by the clear day', async () => {
    const { periodClearsOn, MARKETPLACE_TIME_ZONES } = await import('../../src/core/sale-window.js');
    const fc = (await import('fast-check')).default;
    const formats = new Map<string, Intl.DateTimeFormat>(MARKETPLACE_TIME_ZONES.map((timeZone) => [timeZone, new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' })]));
    const dayIn = (time: number, timeZone: string) => formats.get(timeZone)!.format(new Date(time));
    const days = (from: string, to: string) => Math.round((Date.parse(to) - Date.parse(from)) / 86_400_000);
    fc.assert(
      fc.property(fc.integer({ min: Date.UTC(2024, 0, 1), max: Date.UTC(2030, 0, 1) }), fc.integer({ min: 0, max: 86_399_999 }), (sale, timeOfDay) => {
        const clears = periodClearsOn(sale, 90);
        // Any instant of the clear day (UTC), seen from any marketplace: 90 days since the sale there.
        const instant = Date.parse(`${clears}T00:00:00Z`) + timeOfDay;
        return MARKETPLACE_TIME_ZONES.every((zone) => days(dayIn(sale, zone), dayIn(instant, zone)) >= 90) && days(new Date(sale).toISOString().slice(0, 10), clears) >= 90;
      }),
      { numRuns: 300 },
    );
  });

  it('ignores a cancelled order after the last sale', async () => {
    const cancelled = order({ status: 'Canceled', purchaseDate: '2026-12-30T09:00:00Z' });
    const result = await lastSaleOn('2026-11-20', '2027-02-18', [cancelled]);
    expect(result.status).toBe('pass');
    expect(result.items[0]!.purchaseDate).toBe('2026-11-20T02:22:05+00:00');
  });

  it('counts a pending order as a sale', async () => {
    const pending = order({ status: 'Pending', purchaseDate: '2026-12-30T09:00:00Z' });
    const result = await lastSaleOn('2026-11-20', '2027-02-18', [pending]);
    expect(result.status).toBe('fail');
    expect(result.clearsOn).toBe('2027-03-31');
  });

  it('passes with no sale only when the data reaches back past the window', async () => {
    const none = await summarizeOrders(stream([]));
    expect(checkLastSaleWindow(none, '2026-08-28', ctx('2026-11-26')).status).toBe('pass');
    const short = checkLastSaleWindow(none, '2026-08-29', ctx('2026-11-26'));
    expect(short.status).toBe('unknown');
    expect(short.remediation).toContain('120 days');
    expect(checkLastSaleWindow(none, null, ctx('2026-11-26')).status).toBe('unknown');
  });
});

describe('fba-inventory', () => {
  it('treats blank quantities as zero', async () => {
    const result = await checkFbaInventory(stream([stock({ sku: 'A' }), stock({ sku: 'B', fulfillable: 0, reserved: null })]), ctx());
    expect(result.status).toBe('pass');
    expect(result.count).toBe(0);
  });

  it.each(['fulfillable', 'unfulfillable', 'reserved', 'inboundWorking', 'inboundShipped', 'inboundReceiving', 'researching'] as const)(
    'fails on a single %s unit',
    async (field) => {
      const result = await checkFbaInventory(stream([stock({ sku: 'A' }), stock({ sku: 'MP-1', name: 'Mug', [field]: 1 })]), ctx());
      expect(result.status).toBe('fail');
      expect(result.count).toBe(1);
      expect(result.items[0]).toMatchObject({ sku: 'MP-1', name: 'Mug', total: 1, [field]: 1 });
      expect(result.summary).toBe("1 unit of 1 SKU still in Amazon's network.");
    },
  );

  it('sums units across SKUs, blanks as zero', async () => {
    const result = await checkFbaInventory(stream([stock({ sku: 'A', fulfillable: 5, unfulfillable: null }), stock({ sku: 'B', inboundShipped: 7 })]), ctx());
    expect(result.summary).toContain('12 units of 2 SKUs');
    expect(result.items[0]).toMatchObject({ unfulfillable: 0 });
  });
});

describe('removal-orders', () => {
  const line = (fields: Partial<RemovalOrderLine>): RemovalOrderLine => ({
    orderId: 'R1',
    requestDate: '2026-11-10',
    status: 'Completed',
    sku: 'S',
    requested: 5,
    inProcess: 0,
    ...fields,
  });

  it('passes when every order is finished', async () => {
    expect((await checkRemovalOrders(stream([line({}), line({ orderId: 'R2', status: 'Cancelled', inProcess: null })]), ctx())).status).toBe('pass');
  });

  it('groups the lines of an open order', async () => {
    const result = await checkRemovalOrders(stream([line({ status: 'Pending', inProcess: 3 }), line({ status: 'Pending', sku: 'T', inProcess: 2 }), line({ orderId: 'R2' })]), ctx());
    expect(result.status).toBe('fail');
    expect(result.count).toBe(1);
    expect(result.items[0]).toMatchObject({ orderId: 'R1', inProcess: 5, skus: 2 });
  });

  it('keeps an order with no unit in process open until its status is final', async () => {
    expect((await checkRemovalOrders(stream([line({ status: 'Pending', inProcess: 0 })]), ctx())).status).toBe('fail');
  });
});

describe('listings', () => {
  it('fails on inactive listings too', async () => {
    const result = await checkListings(stream([{ sku: 'A', name: 'Mug', status: 'Inactive', fulfilment: 'MFN' as const, marketplaceId: null }]), ctx());
    expect(result.status).toBe('fail');
    expect(result.summary).toBe('1 listing left (0 active).');
    expect(result.items[0]).toMatchObject({ sku: 'A', name: 'Mug', status: 'Inactive' });
  });

  it('passes with none left', async () => {
    expect((await checkListings(stream([]), ctx())).status).toBe('pass');
  });
});

describe('returns, refunds and claims', () => {
  it('fails on an open return and passes on closed ones', async () => {
    const closed = { orderId: 'O1', requestDate: '2026-10-01', sku: null, status: 'Closed', open: false };
    expect((await checkReturnsRefunds(stream([closed]), ctx())).status).toBe('pass');
    const result = await checkReturnsRefunds(stream([closed, { ...closed, orderId: 'O2', status: 'Pending Approval', open: true }]), ctx());
    expect(result).toMatchObject({ status: 'fail', count: 1 });
    expect(result.items[0]).toMatchObject({ orderId: 'O2' });
  });

  it('fails on an open claim of any kind', async () => {
    for (const kind of ['a-to-z', 'chargeback', 'safe-t'] as const) {
      const result = await checkClaims({ claims: { available: true, data: stream([{ claimId: 'C', orderId: null, kind, openedOn: '2026-11-01', open: true }]) }, health: { available: false, reason: { key: 'check.no-health-data' } }, attested: true }, ctx());
      expect(result.status).toBe('fail');
    }
  });
});

describe('balance', () => {
  const entry = (amount: number, reserved = 0, currency = 'USD') => ({ marketplaceId: null, currency, amount, reserved });

  it('passes on zero everywhere, cents rounding included', () => {
    expect(checkBalance([entry(0), entry(0.1 + 0.2 - 0.3)], ctx()).status).toBe('pass');
  });

  it('fails on money owed to the seller, a reserve, or money owed to Amazon', () => {
    expect(checkBalance([entry(25)], ctx()).remediation).toContain('disbursement');
    const reserve = checkBalance([entry(0, 40)], ctx());
    expect(reserve.status).toBe('fail');
    expect(reserve.remediation).toContain('Reserved');
    const owed = checkBalance([entry(-12.4, 0, 'MXN')], ctx());
    expect(owed.summary).toContain('you owe Amazon 12.40 MXN');
    expect(owed.remediation).toContain('Repay');
  });

  it('is unknown, not zero, when the source gives no figure', () => {
    expect(checkBalance([], ctx()).status).toBe('unknown');
  });
});

describe('marketplaces', () => {
  const p = (marketplaceId: string) => ({ marketplaceId, participating: true, hasSuspendedListings: false });

  it('names the marketplaces a unified account closes together', () => {
    const result = checkMarketplaces([p('ATVPDKIKX0DER'), p('A2EUQ1WTGCTBG2'), p('A1AM78C64UM0Y8')], 'north-america', ctx());
    expect(result.status).toBe('pass');
    expect(result.summary).toBe('Closing this account closes US, CA, MX together (North America).');
  });

  it('warns about other regions, each closed separately', () => {
    const result = checkMarketplaces([p('ATVPDKIKX0DER'), p('A1VC38T7YXB528'), p('A1F83G8C2ARO7P')], 'north-america', ctx());
    expect(result.status).toBe('warn');
    expect(result.summary).toContain('Japan (JP)');
    expect(result.summary).toContain('Europe (UK)');
  });

  it('does not count a marketplace the seller does not participate in', () => {
    const result = checkMarketplaces([p('ATVPDKIKX0DER'), { ...p('A1F83G8C2ARO7P'), participating: false }], null, ctx());
    expect(result.status).toBe('pass');
  });

  it('is unknown with no participation at all', () => {
    expect(checkMarketplaces([], null, ctx()).status).toBe('unknown');
  });
});
