// The one contract every seller-data adapter fulfils (demo, reports, sp-api). Large collections
// are async iterables so that a source can stream them; a source that cannot provide something
// says so with an unavailable Provision and the check reports unknown or manual, never pass.

import type { IsoDate } from './dates.js';
import type {
  AccountInfo,
  BalanceEntry,
  Claim,
  InventoryItem,
  Listing,
  MarketplaceParticipation,
  Order,
  Provision,
  RemovalOrderLine,
  ReturnRequest,
} from './seller-data.js';

export const ADAPTER_IDS = ['demo', 'reports', 'sp-api'] as const;
export type AdapterId = (typeof ADAPTER_IDS)[number];

export interface SellerDataSource {
  readonly id: AdapterId;
  /** True for sample data: every screen says so and nothing reaches Amazon. */
  readonly isDemo: boolean;
  account(): Promise<AccountInfo>;
  marketplaces(): Promise<Provision<MarketplaceParticipation[]>>;
  /** Orders purchased on or after `since`; `coversFrom` says how far back the data really goes. */
  orders(since: IsoDate): Promise<Provision<AsyncIterable<Order>>>;
  inventory(): Promise<Provision<AsyncIterable<InventoryItem>>>;
  listings(): Promise<Provision<AsyncIterable<Listing>>>;
  removalOrders(): Promise<Provision<AsyncIterable<RemovalOrderLine>>>;
  returns(): Promise<Provision<AsyncIterable<ReturnRequest>>>;
  claims(): Promise<Provision<AsyncIterable<Claim>>>;
  balance(): Promise<Provision<BalanceEntry[]>>;
  close(): Promise<void>;
}
