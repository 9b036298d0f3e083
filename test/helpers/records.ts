// Small builders for seller-data records, so each test states only what it is about.

import type { InventoryItem, Order } from '../../src/core/seller-data.js';
import { translator } from '../../src/messages/catalogue.js';
import type { CheckContext } from '../../src/core/check-context.js';

export const t = translator();

export function ctx(asOf = '2026-11-26'): CheckContext {
  return { asOf, t };
}

let counter = 0;
export function order(fields: Partial<Order> & Pick<Order, 'purchaseDate'>): Order {
  counter += 1;
  return {
    orderId: `111-0000000-${String(counter).padStart(7, '0')}`,
    status: 'Shipped',
    marketplaceId: 'ATVPDKIKX0DER',
    fulfilment: 'AFN',
    purchaseTime: Date.parse(fields.purchaseDate),
    ...fields,
  };
}

export function stock(fields: Partial<InventoryItem> & Pick<InventoryItem, 'sku'>): InventoryItem {
  return {
    name: null,
    marketplaceId: null,
    fulfillable: null,
    unfulfillable: null,
    reserved: null,
    inboundWorking: null,
    inboundShipped: null,
    inboundReceiving: null,
    researching: null,
    ...fields,
  };
}

/** Records as a stream: in batches of two, so that batch edges are crossed. */
export async function* stream<T>(items: T[]): AsyncIterable<readonly T[]> {
  for (let i = 0; i < items.length; i += 2) yield items.slice(i, i + 2);
}
