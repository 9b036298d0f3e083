// The one contract every seller-data adapter fulfils (demo, reports, sp-api). Large collections
// are streamed as async iterables of batches (a report chunk, an API page), so that a source
// never holds a whole report and the per-record cost stays a plain loop. A source that cannot
// provide something says so with an unavailable Provision: the check reports unknown or
// manual, never pass.

import type { IsoDate } from './dates.js';
import type {
  AccountHealth,
  AccountInfo,
  Charge,
  DeferredFunds,
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

/** A large collection, streamed: each item of the iterable is a batch of records. */
export type RecordStream<T> = AsyncIterable<readonly T[]>;

export const ADAPTER_IDS = ['demo', 'reports', 'sp-api'] as const;
export type AdapterId = (typeof ADAPTER_IDS)[number];

export interface SellerDataSource {
  readonly id: AdapterId;
  /** True for sample data: every screen says so and nothing reaches Amazon. */
  readonly isDemo: boolean;
  account(): Promise<AccountInfo>;
  marketplaces(): Promise<Provision<MarketplaceParticipation[]>>;
  /** Orders purchased on or after `since`; `coversFrom` says how far back the data really goes. */
  orders(since: IsoDate): Promise<Provision<RecordStream<Order>>>;
  inventory(): Promise<Provision<RecordStream<InventoryItem>>>;
  listings(): Promise<Provision<RecordStream<Listing>>>;
  removalOrders(): Promise<Provision<RecordStream<RemovalOrderLine>>>;
  returns(): Promise<Provision<RecordStream<ReturnRequest>>>;
  claims(): Promise<Provision<RecordStream<Claim>>>;
  balance(): Promise<Provision<BalanceEntry[]>>;
  /**
   * Account status, policy violations and claim counts (the seller performance report). Optional
   * so that a source written before it keeps compiling: absent means not available.
   */
  accountHealth?(): Promise<Provision<AccountHealth>>;
  /** Ads charges and subscription fees posted on or after `since`. Absent: not available. */
  charges?(since: IsoDate): Promise<Provision<Charge[]>>;
  /** Deferred money with its release dates. Absent: not available. */
  deferredFunds?(): Promise<Provision<DeferredFunds[]>>;
  close(): Promise<void>;
}
