// The seller's data as every adapter delivers it, whatever the source (embedded demo, report
// files, SP-API). Adapters translate their source's spelling into these shapes; the checks read
// nothing else.

import type { CheckId, EvidenceFile } from './check-result.js';
import type { IsoDate } from './dates.js';
import type { MessageRef } from './message-ref.js';

/** Statuses of an order not yet shipped and not cancelled: it blocks closure. The one list. */
export const OPEN_ORDER_STATUS_LIST = ['Pending', 'PendingAvailability', 'Unshipped', 'PartiallyShipped', 'InvoiceUnconfirmed'] as const;
export type OpenOrderStatus = (typeof OPEN_ORDER_STATUS_LIST)[number];
/** Order statuses in the Orders API v0 spelling; adapters map report and 2026-01-01 spellings. */
export const ORDER_STATUSES = [...OPEN_ORDER_STATUS_LIST, 'Shipped', 'Canceled', 'Unfulfillable'] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];

export interface Order {
  orderId: string;
  status: OrderStatus;
  /** ISO 8601 timestamp with offset, as Amazon writes it. */
  purchaseDate: string;
  /** The same instant in epoch milliseconds, so that comparing orders never re-parses dates. */
  purchaseTime: number;
  marketplaceId: string | null;
  fulfilment: 'AFN' | 'MFN' | null;
  /**
   * The latest estimated delivery date (ISO 8601), where the source gives it: buyers may file an
   * A-to-z claim until 90 days after it. Absent or null: not known.
   */
  latestDelivery?: string | null;
}

/** Units of one SKU in Amazon's fulfilment network. A blank quantity in a report is `null` and means 0. */
export interface InventoryItem {
  sku: string;
  name: string | null;
  marketplaceId: string | null;
  fulfillable: number | null;
  unfulfillable: number | null;
  reserved: number | null;
  inboundWorking: number | null;
  inboundShipped: number | null;
  inboundReceiving: number | null;
  researching: number | null;
  /**
   * Units no bucket above holds, where the source knows of them: future supply, a quantity
   * column Amazon added later, or what Amazon's own total counts beyond the buckets.
   */
  otherUnits?: number | null;
}

export interface Listing {
  sku: string;
  name: string | null;
  /** As the source writes it: Active, Inactive, Incomplete, ... */
  status: string;
  fulfilment: 'AFN' | 'MFN' | null;
  marketplaceId: string | null;
}

/** One line of a removal order (one SKU); an order is finished when no line has units in process. */
export interface RemovalOrderLine {
  orderId: string;
  requestDate: IsoDate;
  status: string;
  sku: string;
  requested: number | null;
  inProcess: number | null;
}

export interface ReturnRequest {
  orderId: string;
  requestDate: IsoDate;
  sku: string | null;
  status: string;
  open: boolean;
}

export type ClaimKind = 'a-to-z' | 'chargeback' | 'safe-t';

export interface Claim {
  claimId: string;
  orderId: string | null;
  kind: ClaimKind;
  openedOn: IsoDate;
  /** Not final: the data does not show Amazon's decision (or shows the claim still open). */
  open: boolean;
  /** Where the data shows it, for the seller: a financial event, a Returns report row, ... */
  shownBy?: 'financial-events' | 'returns-report' | 'date-range-report' | 'demo';
}

/**
 * Account health from the seller performance report (GET_V2_SELLER_PERFORMANCE_REPORT, its
 * schema accountHealthReport-2020-11-18.json): each field as Amazon wrote it.
 */
export interface AccountHealth {
  /** accountStatuses[]: NORMAL, AT_RISK, DEACTIVATED (the schema's example also has SUSPENDED). */
  statuses: { marketplaceId: string; status: string }[];
  /** Policy-compliance metrics (listingPolicyViolations, ...) with defects in their window. */
  policyViolations: { marketplaceId: string; name: string; count: number }[];
  /** orderDefectRate.afn / .mfn: claims and chargebacks counted over a reporting window. */
  claimCounts: { marketplaceId: string; fulfilment: 'AFN' | 'MFN'; from: IsoDate; to: IsoDate; claims: number; chargebacks: number }[];
  /** Where the figures were read from, for the seller (a report type, a file). */
  source: string;
  /** Some marketplace's claim counts could not be read: the counts prove nothing for the window. */
  countsIncomplete?: boolean;
  /** Some marketplace's report named no account status or no policy metric for it: health proves nothing there. */
  statusesIncomplete?: boolean;
  /**
   * The day the figures were taken, where earlier than the run (sample data is fixed): the counts
   * must reach the day before it. Absent: the day the data is read.
   */
  takenOn?: IsoDate;
}

/**
 * A charge that goes on after closure unless stopped: Amazon Ads (ProductAdsPaymentEvent) or a
 * subscription fee (ServiceFeeEvent; the Professional plan's monthly fee).
 */
export interface Charge {
  kind: 'ads' | 'subscription';
  postedOn: IsoDate;
  /** As posted: a charge is negative (money the seller pays). */
  amount: number;
  currency: string;
  description: string | null;
  marketplaceId: string | null;
}

/** Money Amazon holds back (Finances 2024-06-19: a DEFERRED transaction) until its maturity date. */
export interface DeferredFunds {
  amount: number;
  currency: string;
  /** DeferredContext.maturityDate; null when the source does not say when it is released. */
  maturesOn: IsoDate | null;
  description: string | null;
}

/** One balance line; `amount` is positive when Amazon owes the seller, negative when owed. */
export interface BalanceEntry {
  marketplaceId: string | null;
  currency: string;
  amount: number;
  reserved: number;
}

export interface MarketplaceParticipation {
  marketplaceId: string;
  participating: boolean;
  hasSuspendedListings: boolean | null;
}

export interface AccountInfo {
  /** The merchant token, where the source knows it. */
  sellerId: string | null;
  displayName: string | null;
  sellingPlan: 'professional' | 'individual' | null;
}

/**
 * What a source answers for one kind of data: the data, or why it cannot tell. `askSeller` marks
 * what only the seller can answer (the check becomes a manual confirmation, never a pass).
 */
export type Provision<T> =
  | {
      available: true;
      data: T;
      /**
       * The first day the data covers, where the source knows it; a function when the source
       * learns it only by reading the data (it is then called after the stream is consumed).
       */
      coversFrom?: IsoDate | null | (() => IsoDate | null);
      /** What the data was read from and what it could not account for (called after the stream is consumed). */
      evidence?: () => Evidence;
    }
  | {
      available: false;
      reason: MessageRef;
      askSeller?: boolean;
      /**
       * The reason is what data shows, short of an answer (the last settlement, not the balance
       * since): the seller's confirmation then rests on both, and keeps the data's sentence.
       */
      dataShows?: boolean;
    };

/**
 * Something the data could not account for (a stale file, a blank no total vouches for, a
 * report that could not be read): a pass it would have given becomes unknown.
 */
export interface Doubt {
  reason: MessageRef;
  /** Only this check (one provision may feed two); every check the provision feeds when absent. */
  check?: CheckId;
  /** A fail becomes unknown too: the evidence is too old to show even what is left. */
  overridesFail?: boolean;
}

export interface Evidence {
  files: EvidenceFile[];
  doubts: Doubt[];
}
