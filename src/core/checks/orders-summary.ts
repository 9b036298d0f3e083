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
  /** Open orders, each once: report files have a row per order item. */
  open: CappedList;
  /** The latest order that was not cancelled: a sale that restarts the A-to-z window. */
  lastSale: Pick<Order, 'orderId' | 'purchaseDate'> | null;
  /** Orders read (consecutive rows of one order count once). */
  ordersSeen: number;
  /** The earliest purchase seen: how far back the data reaches when the source cannot say. */
  earliestPurchase: string | null;
}

export async function summarizeOrders(orders: AsyncIterable<Order>): Promise<OrdersSummary> {
  const open = new CappedList();
  const openIds = new Set<string>(); // few: only open orders are remembered
  let lastSale: OrdersSummary['lastSale'] = null;
  let lastSaleTime = -Infinity;
  let earliestTime = Infinity;
  let earliestPurchase: string | null = null;
  let ordersSeen = 0;
  let previousId = '';
  for await (const order of orders) {
    if (order.orderId !== previousId) ordersSeen += 1;
    previousId = order.orderId;
    const time = Date.parse(order.purchaseDate);
    if (time < earliestTime) {
      earliestTime = time;
      earliestPurchase = order.purchaseDate;
    }
    if (OPEN_ORDER_STATUSES.has(order.status) && !openIds.has(order.orderId)) {
      openIds.add(order.orderId);
      open.add({
        orderId: order.orderId,
        status: order.status,
        purchaseDate: order.purchaseDate,
        marketplaceId: order.marketplaceId,
      });
    }
    if (order.status !== 'Canceled') {
      if (time > lastSaleTime) {
        lastSaleTime = time;
        lastSale = { orderId: order.orderId, purchaseDate: order.purchaseDate };
      }
    }
  }
  return { open, lastSale, ordersSeen, earliestPurchase };
}
