// Order statuses as the All Orders report writes them ("Shipped - Delivered to Buyer",
// "Cancelled", "Pending", ...) in the contract's spelling.

import type { OrderStatus } from '../../core/seller-data.js';

const EXACT: Record<string, OrderStatus> = {
  pending: 'Pending',
  'pending - waiting for pick up': 'Pending',
  pendingavailability: 'PendingAvailability',
  'pending availability': 'PendingAvailability',
  unshipped: 'Unshipped',
  // FBA orders being picked and packed.
  shipping: 'Unshipped',
  partiallyshipped: 'PartiallyShipped',
  'partially shipped': 'PartiallyShipped',
  invoiceunconfirmed: 'InvoiceUnconfirmed',
  'invoice unconfirmed': 'InvoiceUnconfirmed',
  cancelled: 'Canceled',
  canceled: 'Canceled',
  unfulfillable: 'Unfulfillable',
  complete: 'Shipped',
};

/**
 * Any status that starts with "Shipped" is shipped. One never seen before is read as Pending:
 * a status that is neither shipped nor cancelled is an open order (report-formats.md §7), and
 * an open order blocks closure, so the unknown errs on the side of caution.
 */
export function orderStatusOf(text: string): OrderStatus {
  const key = text.trim().toLowerCase();
  if (key.startsWith('shipped')) return 'Shipped';
  return EXACT[key] ?? 'Pending';
}
