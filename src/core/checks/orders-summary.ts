// One pass over the order stream answers both order checks, so a large orders report is read
// once. The loop touches only status and purchaseTime for most orders: ids and dates are read
// for the few orders that end up in the result.

import { CappedList } from '../check-result.js';
import { OPEN_ORDER_STATUS_LIST, type Order, type OrderStatus } from '../seller-data.js';
import type { RecordStream } from '../seller-data-source.js';

/** Statuses that block closure: the order is not yet shipped and not cancelled. */
export const OPEN_ORDER_STATUSES: ReadonlySet<OrderStatus> = new Set(OPEN_ORDER_STATUS_LIST);

export interface OrdersSummary {
  /** Open orders, each once. */
  open: CappedList;
  /** The latest order that was not cancelled: a sale that restarts the A-to-z window. */
  lastSale: Pick<Order, 'orderId' | 'purchaseDate'> | null;
  ordersSeen: number;
  /** The earliest purchase seen: how far back the data reaches when the source cannot say. */
  earliestPurchase: string | null;
  /** The latest estimated delivery date of a sale, where the data has delivery dates (ISO 8601). */
  latestDelivery: string | null;
}

export async function summarizeOrders(orders: RecordStream<Order>): Promise<OrdersSummary> {
  const open = new CappedList();
  const openIds = new Set<string>(); // few: only open orders are remembered
  let lastSale: Order | null = null;
  let earliest: Order | null = null;
  let ordersSeen = 0;
  let latestDelivery: string | null = null;
  let latestDeliveryTime = -Infinity;
  for await (const batch of orders) {
    ordersSeen += batch.length;
    for (const order of batch) {
      if (earliest === null || order.purchaseTime < earliest.purchaseTime) earliest = order;
      if (order.status === 'Canceled') continue;
      if (lastSale === null || order.purchaseTime > lastSale.purchaseTime) lastSale = order;
      if (order.latestDelivery) {
        const time = Date.parse(order.latestDelivery);
        if (time > latestDeliveryTime) {
          latestDeliveryTime = time;
          latestDelivery = order.latestDelivery;
        }
      }
      if (OPEN_ORDER_STATUSES.has(order.status) && !openIds.has(order.orderId)) {
        openIds.add(order.orderId);
        open.add(() => ({
          orderId: order.orderId,
          status: order.status,
          purchaseDate: order.purchaseDate,
          marketplaceId: order.marketplaceId,
        }));
      }
    }
  }
  return {
    open,
    lastSale: lastSale && { orderId: lastSale.orderId, purchaseDate: lastSale.purchaseDate },
    ordersSeen,
    earliestPurchase: earliest?.purchaseDate ?? null,
    latestDelivery,
  };
}
