// The marketplace of an order, from the All Orders report's sales-channel ("Amazon.co.uk").

import { MARKETPLACES } from '../../core/marketplaces.js';

const BY_DOMAIN = new Map(MARKETPLACES.map((m) => [m.domain, m.id]));

/** The marketplace id, or null for "Non-Amazon" (multi-channel fulfilment) and the unknown. */
export function marketplaceOfSalesChannel(channel: string): string | null {
  return BY_DOMAIN.get(channel.trim().toLowerCase()) ?? null;
}
