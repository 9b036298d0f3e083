import { describe, expect, it } from 'vitest';
import { demoSeller } from '../../src/adapters/demo/demo-seller.js';

describe('the demo seller', () => {
  it('is a realistic small business across US, CA and MX, the same on every run', () => {
    const seller = demoSeller('blocked');
    expect(seller.orders.length).toBeGreaterThanOrEqual(300);
    const countries = new Set(seller.orders.map((o) => o.marketplaceId));
    expect(countries).toEqual(new Set(['ATVPDKIKX0DER', 'A2EUQ1WTGCTBG2', 'A1AM78C64UM0Y8']));
    expect(new Set(seller.orders.map((o) => o.fulfilment))).toEqual(new Set(['AFN', 'MFN']));
    expect(seller.listings.length).toBeGreaterThan(0);
    expect(seller.inventory.some((i) => (i.fulfillable ?? 0) > 0)).toBe(true);
    expect(seller.removalOrders.some((r) => (r.inProcess ?? 0) > 0)).toBe(true);
    expect(demoSeller('blocked')).toEqual(seller);
    for (const order of seller.orders) expect(order.orderId).toMatch(/^\d{3}-\d{7}-\d{7}$/);
  });
});
