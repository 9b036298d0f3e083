// One pass over the order stream answers both order checks, so a large orders report is read once.

import { CappedList } from '../check-result.js';
import type { Order, OrderStatus } from '../seller-data.js';

/** Statuses that block closure: the order is not yet shipped and not cancelled. */
export const OPEN_ORDER_STATUSES: ReadonlySet<OrderStatus> = new Set([
  'Pending',
  'PendingAvailability',
  'Unshipped',
  'PartiallyShipped',
  'InvoiceUnconfirmed',
]);

export interface OrdersSummary {
  open: CappedList;
  /** The latest order that was not cancelled: a sale that restarts the A-to-z window. */
  lastSale: Pick<Order, 'orderId' | 'purchaseDate'> | null;
  ordersSeen: number;
}

export async function summarizeOrders(orders: AsyncIterable<Order>): Promise<OrdersSummary> {
  const open = new CappedList();
  let lastSale: OrdersSummary['lastSale'] = null;
  let lastSaleTime = -Infinity;
  let ordersSeen = 0;
  for await (const order of orders) {
    ordersSeen += 1;
    if (OPEN_ORDER_STATUSES.has(order.status)) {
      open.add({
        orderId: order.orderId,
        status: order.status,
        purchaseDate: order.purchaseDate,
        marketplaceId: order.marketplaceId,
      });
    }
    if (order.status !== 'Canceled') {
      const time = Date.parse(order.purchaseDate);
      if (time > lastSaleTime) {
        lastSaleTime = time;
        lastSale = { orderId: order.orderId, purchaseDate: order.purchaseDate };
      }
    }
  }
  return { open, lastSale, ordersSeen };
}
