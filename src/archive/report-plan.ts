// How each kind the archive keeps is asked of Amazon: the report type (Reports API 2021-06-30),
// the longest window one request accepts, and whether one request serves one marketplace. Where
// Amazon documents no window, one request covers the whole period (README: "What is unconfirmed").

import type { ArchiveKind } from '../core/archive-coverage.js';

export interface KindPlan {
  reportType: string;
  /** The longest period one request accepts, in days; null: no documented limit, one request. */
  windowDays: number | null;
  /** One marketplace per request ("only the first marketplaceId ... accepted"). */
  perMarketplace: boolean;
  /** How it is obtained: created (createReport), listed (getReports only), or an API operation. */
  via: 'create' | 'list' | 'api';
}

export const ARCHIVE_REPORT_PLAN: Partial<Record<ArchiveKind, KindPlan>> = {
  // "Report can be requested only upto 30 days" (selling-partner-api-models #2591).
  'all-orders': { reportType: 'GET_FLAT_FILE_ALL_ORDERS_DATA_BY_ORDER_DATE_GENERAL', windowDays: 30, perMarketplace: false, via: 'create' },
  // Cannot be requested, only listed and downloaded (developer-docs changelog, November 2026).
  settlements: { reportType: 'GET_V2_SETTLEMENT_REPORT_DATA_FLAT_FILE_V2', windowDays: null, perMarketplace: false, via: 'list' },
  // "You can request up to 60 days of data in a single report" (report-formats.md §2).
  returns: { reportType: 'GET_FLAT_FILE_RETURNS_DATA_BY_RETURN_DATE', windowDays: 60, perMarketplace: true, via: 'create' },
  'removal-orders': { reportType: 'GET_FBA_FULFILLMENT_REMOVAL_ORDER_DETAIL_DATA', windowDays: null, perMarketplace: true, via: 'create' },
  'fba-reimbursements': { reportType: 'GET_FBA_REIMBURSEMENTS_DATA', windowDays: null, perMarketplace: false, via: 'create' },
  'inventory-ledger': { reportType: 'GET_LEDGER_DETAIL_VIEW_DATA', windowDays: null, perMarketplace: false, via: 'create' },
  'seller-performance': { reportType: 'GET_V2_SELLER_PERFORMANCE_REPORT', windowDays: null, perMarketplace: false, via: 'create' },
  // listFinancialEvents: PostedAfter and PostedBefore at most 180 days apart (financesV0.json).
  'financial-events': { reportType: 'listFinancialEvents', windowDays: 180, perMarketplace: false, via: 'api' },
  'vat-transactions': { reportType: 'GET_VAT_TRANSACTION_DATA', windowDays: 30, perMarketplace: false, via: 'create' },
};
