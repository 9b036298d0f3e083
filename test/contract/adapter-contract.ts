// The contract every seller-data adapter must pass: demo now, reports and sp-api as they land.
// Call runAdapterContract(name, open) from an adapter's own *.contract.test.ts.

import { describe, expect, it } from 'vitest';
import { isIsoDate } from '../../src/core/dates.js';
import { ADAPTER_IDS, type SellerDataSource } from '../../src/core/seller-data-source.js';
import { ORDER_STATUSES, type Provision } from '../../src/core/seller-data.js';
import { en } from '../../src/messages/en.js';

type Collection = 'orders' | 'inventory' | 'listings' | 'removalOrders' | 'returns' | 'claims';

async function collect<T>(stream: AsyncIterable<readonly T[]>): Promise<T[]> {
  const items: T[] = [];
  for await (const batch of stream) {
    expect(Array.isArray(batch)).toBe(true);
    items.push(...batch);
  }
  return items;
}

function expectUnavailableWellFormed(provision: Provision<unknown>): void {
  if (provision.available) return;
  // The reason is shown to the seller: it must be a catalogue message.
  expect(Object.keys(en)).toContain(provision.reason.key);
  expect(typeof (provision.askSeller ?? false)).toBe('boolean');
}

const quantity = (value: number | null) => value === null || (Number.isInteger(value) && value >= 0);

export function runAdapterContract(name: string, open: () => Promise<SellerDataSource>, since = '2026-07-29'): void {
  describe(`adapter contract: ${name}`, () => {
    const fetch = async (source: SellerDataSource, what: Collection) =>
      what === 'orders' ? source.orders(since) : source[what]();

    it('names itself and says whether it is sample data', async () => {
      const source = await open();
      expect(ADAPTER_IDS).toContain(source.id);
      expect(typeof source.isDemo).toBe('boolean');
      const account = await source.account();
      expect(account.sellerId === null || /^[A-Z0-9]{8,20}$/.test(account.sellerId)).toBe(true);
      expect([null, 'professional', 'individual']).toContain(account.sellingPlan);
      await source.close();
    });

    it.each(['orders', 'inventory', 'listings', 'removalOrders', 'returns', 'claims'] as const)(
      'streams %s as an async iterable of batches (not a loaded array), afresh on every call',
      async (what) => {
        const source = await open();
        const first = await fetch(source, what);
        expectUnavailableWellFormed(first);
        if (first.available) {
          expect(Array.isArray(first.data)).toBe(false);
          expect(typeof (first.data as AsyncIterable<unknown>)[Symbol.asyncIterator]).toBe('function');
          const plain = (items: unknown[]) => items.map((item) => JSON.parse(JSON.stringify(item)) as unknown);
          const once = plain(await collect(first.data as AsyncIterable<readonly unknown[]>));
          const second = await fetch(source, what);
          const again = second.available ? plain(await collect(second.data as AsyncIterable<readonly unknown[]>)) : [];
          expect(again).toEqual(once);
        }
        await source.close();
      },
    );

    it('delivers orders on or after the asked day, with known statuses and real timestamps', async () => {
      const source = await open();
      const orders = await source.orders(since);
      if (orders.available) {
        const all = await collect(orders.data);
        const coversFrom = typeof orders.coversFrom === 'function' ? orders.coversFrom() : orders.coversFrom;
        if (coversFrom !== undefined && coversFrom !== null) {
          expect(isIsoDate(coversFrom)).toBe(true);
          expect(coversFrom >= since).toBe(true);
        }
        for (const order of all) {
          expect(order.orderId).not.toBe('');
          expect(ORDER_STATUSES).toContain(order.status);
          expect(Number.isNaN(Date.parse(order.purchaseDate))).toBe(false);
          expect(order.purchaseTime).toBe(Date.parse(order.purchaseDate));
          expect(new Date(order.purchaseDate).toISOString().slice(0, 10) >= since).toBe(true);
          expect([null, 'AFN', 'MFN']).toContain(order.fulfilment);
        }
      }
      await source.close();
    });

    it('gives quantities as whole non-negative numbers, or null for blank', async () => {
      const source = await open();
      const inventory = await source.inventory();
      if (inventory.available) {
        for (const item of await collect(inventory.data)) {
          expect(item.sku).not.toBe('');
          for (const field of ['fulfillable', 'unfulfillable', 'reserved', 'inboundWorking', 'inboundShipped', 'inboundReceiving', 'researching'] as const) {
            expect(quantity(item[field]), `${item.sku}.${field} = ${item[field]}`).toBe(true);
          }
        }
      }
      const removals = await source.removalOrders();
      if (removals.available) {
        for (const line of await collect(removals.data)) {
          expect(isIsoDate(line.requestDate)).toBe(true);
          expect(quantity(line.inProcess) && quantity(line.requested)).toBe(true);
          expect(line.status).not.toBe('');
        }
      }
      await source.close();
    });

    it('describes listings, returns and claims with their identifying fields', async () => {
      const source = await open();
      const listings = await source.listings();
      if (listings.available) for (const l of await collect(listings.data)) expect(l.sku && l.status).toBeTruthy();
      const returns = await source.returns();
      if (returns.available) {
        for (const r of await collect(returns.data)) {
          expect(r.orderId).not.toBe('');
          expect(isIsoDate(r.requestDate)).toBe(true);
          expect(typeof r.open).toBe('boolean');
        }
      }
      const claims = await source.claims();
      if (claims.available) {
        for (const c of await collect(claims.data)) {
          expect(['a-to-z', 'chargeback', 'safe-t']).toContain(c.kind);
          expect(isIsoDate(c.openedOn)).toBe(true);
          expect(typeof c.open).toBe('boolean');
        }
      }
      await source.close();
    });

    it('gives the balance per currency and the marketplace participations', async () => {
      const source = await open();
      const balance = await source.balance();
      expectUnavailableWellFormed(balance);
      if (balance.available) {
        for (const entry of balance.data) {
          expect(entry.currency).toMatch(/^[A-Z]{3}$/);
          expect(Number.isFinite(entry.amount) && Number.isFinite(entry.reserved)).toBe(true);
        }
      }
      const marketplaces = await source.marketplaces();
      expectUnavailableWellFormed(marketplaces);
      if (marketplaces.available) {
        for (const p of marketplaces.data) {
          expect(p.marketplaceId).not.toBe('');
          expect(typeof p.participating).toBe('boolean');
        }
      }
      await source.close();
    });

    // Issue 17: account health, charges and deferred money. Optional in the contract (absent is
    // "not available"); where a source gives them, each field is in Amazon's terms and dated.
    it('gives account health, charges and deferred money well-formed, or says why not', async () => {
      const source = await open();
      if (source.accountHealth) {
        const health = await source.accountHealth();
        expectUnavailableWellFormed(health);
        if (health.available) {
          expect(health.data.source).not.toBe('');
          for (const s of health.data.statuses) expect(s.marketplaceId && s.status).toBeTruthy();
          for (const v of health.data.policyViolations) expect(quantity(v.count)).toBe(true);
          for (const c of health.data.claimCounts) {
            expect(isIsoDate(c.from) && isIsoDate(c.to) && c.from <= c.to).toBe(true);
            expect(quantity(c.claims) && quantity(c.chargebacks)).toBe(true);
            expect(['AFN', 'MFN']).toContain(c.fulfilment);
          }
        }
      }
      if (source.charges) {
        const charges = await source.charges(since);
        expectUnavailableWellFormed(charges);
        if (charges.available) {
          for (const c of charges.data) {
            expect(['ads', 'subscription']).toContain(c.kind);
            expect(isIsoDate(c.postedOn) && c.postedOn >= since).toBe(true);
            expect(c.currency).toMatch(/^[A-Z]{3}$/);
            expect(Number.isFinite(c.amount)).toBe(true);
          }
        }
      }
      if (source.deferredFunds) {
        const deferred = await source.deferredFunds();
        expectUnavailableWellFormed(deferred);
        if (deferred.available) {
          for (const d of deferred.data) {
            expect(d.maturesOn === null || isIsoDate(d.maturesOn)).toBe(true);
            expect(d.currency).toMatch(/^[A-Z]{3}$/);
            expect(Number.isFinite(d.amount)).toBe(true);
          }
        }
      }
      const orders = await source.orders(since);
      if (orders.available) for (const o of await collect(orders.data)) if (o.latestDelivery != null) expect(Number.isNaN(Date.parse(o.latestDelivery))).toBe(false);
      await source.close();
    });

    it('closes cleanly, twice', async () => {
      const source = await open();
      await source.close();
      await expect(source.close()).resolves.toBeUndefined();
    });
  });
}
