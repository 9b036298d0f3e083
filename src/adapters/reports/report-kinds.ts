// The Seller Central reports the checks read, recognised by their header row (never by the file
// name: Seller Central names downloads with numbers). Headers are from report-formats.md.

import { editDistance } from '../../core/edit-distance.js';

export const REPORT_KINDS = [
  'all-orders',
  'all-listings',
  'active-listings',
  'fba-inventory',
  'reserved-inventory',
  'removal-orders',
  'returns',
  'fba-customer-returns',
  'settlement',
  'date-range',
] as const;
export type ReportKind = (typeof REPORT_KINDS)[number];

/** Why a file in the reports folder was set aside (`reports --json` lists them). */
export const SKIP_REASONS = ['unknown-kind', 'japanese-headers', 'empty', 'unreadable', 'old-settlement', 'folder', 'archive', 'error-page'] as const;
export type SkipReason = (typeof SKIP_REASONS)[number];

export interface ReportKindSpec {
  kind: ReportKind;
  /** Header names that must all be present for a file to be this kind (checked in order of the list). */
  signature: string[];
  /** The columns the adapter reads: logical name → header name. Optional ones may be missing. */
  columns: Record<string, string>;
  optional: string[];
  /** Every column name of the documented header, where known: a header cut short is told by them. */
  documented?: readonly string[];
}

/**
 * The settlement V2 header in the order of Amazon's attributes page (read up to
 * quantity-purchased; the promotion columns after it from a secondary source, iamyourfather.cn).
 */
const SETTLEMENT_V2_COLUMNS = [
  'settlement-id', 'settlement-start-date', 'settlement-end-date', 'deposit-date', 'total-amount', 'currency', 'transaction-type', 'order-id',
  'merchant-order-id', 'adjustment-id', 'shipment-id', 'marketplace-name', 'amount-type', 'amount-description', 'amount', 'fulfillment-id',
  'posted-date', 'posted-date-time', 'order-item-code', 'merchant-order-item-id', 'merchant-adjustment-item-id', 'sku', 'quantity-purchased', 'promotion-id',
] as const;

// Listed most specific first: All Listings before Active Listings (only All Listings has status),
// the Manage FBA Inventory report before the Reserved one.
export const REPORT_KIND_SPECS: readonly ReportKindSpec[] = [
  {
    kind: 'all-orders',
    signature: ['amazon-order-id', 'purchase-date', 'order-status'],
    columns: {
      orderId: 'amazon-order-id',
      purchaseDate: 'purchase-date',
      status: 'order-status',
      fulfilment: 'fulfillment-channel',
      salesChannel: 'sales-channel',
      lastUpdated: 'last-updated-date',
    },
    optional: ['fulfilment', 'salesChannel', 'lastUpdated'],
  },
  {
    kind: 'all-listings',
    signature: ['seller-sku', 'listing-id', 'status'],
    columns: { sku: 'seller-sku', name: 'item-name', status: 'status', fulfilment: 'fulfillment-channel' },
    optional: ['name', 'fulfilment'],
  },
  {
    kind: 'active-listings',
    signature: ['seller-sku', 'listing-id'],
    columns: { sku: 'seller-sku', name: 'item-name', fulfilment: 'fulfillment-channel' },
    optional: ['name', 'fulfilment'],
  },
  {
    kind: 'fba-inventory',
    signature: ['sku', 'fnsku', 'afn-fulfillable-quantity'],
    columns: {
      sku: 'sku',
      name: 'product-name',
      fulfillable: 'afn-fulfillable-quantity',
      unfulfillable: 'afn-unsellable-quantity',
      reserved: 'afn-reserved-quantity',
      inboundWorking: 'afn-inbound-working-quantity',
      inboundShipped: 'afn-inbound-shipped-quantity',
      inboundReceiving: 'afn-inbound-receiving-quantity',
      researching: 'afn-researching-quantity',
      reservedFutureSupply: 'afn-reserved-future-supply',
      futureSupplyBuyable: 'afn-future-supply-buyable',
      warehouse: 'afn-warehouse-quantity',
      total: 'afn-total-quantity',
    },
    // Older files end at afn-inbound-receiving-quantity (report-formats.md §5): what a file lacks
    // cannot be proven zero, unless a total covers it (inventory-rows.ts).
    optional: ['name', 'unfulfillable', 'reserved', 'inboundWorking', 'inboundShipped', 'inboundReceiving', 'researching', 'reservedFutureSupply', 'futureSupplyBuyable', 'warehouse', 'total'],
  },
  {
    kind: 'reserved-inventory',
    signature: ['sku', 'reserved_qty'],
    columns: {
      sku: 'sku',
      name: 'product-name',
      reserved: 'reserved_qty',
      customerOrders: 'reserved_customerorders',
      transfers: 'reserved_fc-transfers',
      processing: 'reserved_fc-processing',
    },
    optional: ['name', 'customerOrders', 'transfers', 'processing'],
  },
  {
    kind: 'removal-orders',
    signature: ['order-id', 'order-type', 'in-process-quantity'],
    columns: {
      orderId: 'order-id',
      requestDate: 'request-date',
      status: 'order-status',
      sku: 'sku',
      requested: 'requested-quantity',
      inProcess: 'in-process-quantity',
    },
    optional: ['sku', 'requested'],
  },
  {
    kind: 'returns',
    signature: ['order id', 'return request date', 'return request status'],
    columns: {
      orderId: 'order id',
      requestDate: 'return request date',
      status: 'return request status',
      sku: 'merchant sku',
      aToZ: 'a-to-z claim',
      safeTId: 'safet claim id',
      safeTState: 'safet claim state',
      safeTCreated: 'safet claim creation time',
    },
    optional: ['sku', 'aToZ', 'safeTId', 'safeTState', 'safeTCreated'],
  },
  {
    kind: 'fba-customer-returns',
    signature: ['return-date', 'order-id', 'detailed-disposition'],
    columns: { orderId: 'order-id', returnDate: 'return-date', sku: 'sku', status: 'status' },
    optional: ['sku', 'status'],
  },
  {
    // GET_V2_SETTLEMENT_REPORT_DATA_FLAT_FILE_V2 (Amazon's "Settlement reports attributes" page,
    // developer-docs.amazon.com/sp-api/docs/settlement-reports-attributes). amount-type is in the
    // signature: the old flat file (removed 11 Nov 2026) has price-type/…-amount columns instead.
    kind: 'settlement',
    signature: ['settlement-id', 'settlement-start-date', 'transaction-type', 'amount-type'],
    columns: {
      settlementId: 'settlement-id',
      start: 'settlement-start-date',
      end: 'settlement-end-date',
      deposit: 'deposit-date',
      total: 'total-amount',
      currency: 'currency',
      type: 'transaction-type',
      orderId: 'order-id',
      amountType: 'amount-type',
      description: 'amount-description',
      amount: 'amount',
      posted: 'posted-date',
      marketplace: 'marketplace-name',
    },
    optional: ['orderId', 'marketplace'],
    documented: SETTLEMENT_V2_COLUMNS,
  },
  {
    // The Date Range Reports page's Transaction Report (CSV): Seller Central help 200989190 lists
    // "Date / Time, Settlement ID, Type, Order ID, SKU, Description, Quantity, ..., Total" and
    // says columns vary by country. Recognised only in English; a few text lines come first.
    kind: 'date-range',
    signature: ['date/time', 'settlement id', 'type', 'description', 'total'],
    columns: { time: 'date/time', settlementId: 'settlement id', type: 'type', orderId: 'order id', description: 'description', total: 'total' },
    optional: ['orderId'],
  },
];

/**
 * Reports a seller downloads beside the ones the checks read, which share column names with them
 * (order-id, sku, fnsku): Removal Shipment Detail and the settlement flat file (report-formats.md
 * §10.2, §11). Recognised by names only they have, so that they are not taken for a damaged
 * removal or inventory report.
 */
const OTHER_REPORT_SIGNATURES: readonly string[][] = [
  ['shipment-date', 'tracking-number', 'removal-order-type'],
];

/**
 * A settlement flat file without the V2 columns (the old flat file, or a damaged V2 one): it may
 * show money owed or held, so it is a look-alike of the settlement report only, not of the
 * removal report it shares order-id and sku with.
 */
const SETTLEMENT_BASE = ['settlement-id', 'settlement-start-date', 'transaction-type'];

/**
 * The old settlement flat file (GET_V2_SETTLEMENT_REPORT_DATA_FLAT_FILE, removed 11 Nov 2026):
 * the settlement names with price-type/…-amount columns and no amount-type (report-formats.md §11).
 */
export function isOldSettlementHeader(headers: readonly string[]): boolean {
  const present = new Set(headers.map(normaliseHeader));
  return SETTLEMENT_BASE.every((name) => present.has(name)) && !present.has('amount-type') && present.has('price-type');
}

/**
 * A first line like the text Seller Central writes before a Date Range report's header ("All
 * amounts in USD, unless specified", "Includes Amazon Marketplace, ... transactions"; seen in
 * files, UNCONFIRMED): a file that starts so and has no header was cut off before it.
 */
export function looksLikeDateRangePreamble(headers: readonly string[]): boolean {
  return /all amounts in|includes amazon marketplace|amazon webstore transactions/i.test(headers.join('\t'));
}

/** Header names as compared: case, surrounding and repeated spaces do not matter. */
export function normaliseHeader(name: string): string {
  // "Date / Time" (help page) and "date/time" (files) are one name.
  return name.trim().replace(/\s+/g, ' ').replace(/ ?\/ ?/g, '/').toLowerCase();
}

/** Recognises a header row; null for a file of no known kind. */
export function recogniseHeader(headers: string[]): ReportKindSpec | null {
  const present = new Set(headers.map(normaliseHeader));
  return REPORT_KIND_SPECS.find((spec) => spec.signature.every((name) => present.has(name))) ?? null;
}

/** Column positions of the spec's columns in this header; -1 where an optional one is missing. */
export function columnPositions(spec: ReportKindSpec, headers: string[]): Record<string, number> {
  const index = new Map<string, number>();
  headers.forEach((name, i) => {
    const key = normaliseHeader(name);
    if (!index.has(key)) index.set(key, i);
  });
  return Object.fromEntries(Object.entries(spec.columns).map(([logical, header]) => [logical, index.get(header) ?? -1]));
}

/**
 * Documented columns a step or two from one the checks read, each its own column: Manage FBA
 * Inventory's merchant-fulfilled quantity beside Amazon's (report-formats.md §5).
 */
const DOCUMENTED_NEIGHBOURS: readonly string[] = ['mfn-fulfillable-quantity'];

/**
 * A header name the report's kind does not know, a step or two from a column the checks read
 * ("sales-channe1", "sales_channel"): a damaged name. Beside the column it is close to, it is a
 * damaged copy (which copy holds the truth cannot be told); without it, the column would be read
 * as absent. Null when there is none. A name the kind documents is itself.
 */
export function nearMissColumn(spec: ReportKindSpec, headers: readonly string[]): { found: string; known: string } | null {
  const read = Object.values(spec.columns);
  const known = new Set([...read, ...(spec.documented ?? []), ...DOCUMENTED_NEIGHBOURS]);
  for (const header of headers) {
    const name = normaliseHeader(header);
    if (name === '' || known.has(name)) continue;
    // One step for a short name, two for a long one ("item-note" is two from "item-name", and its own column).
    // Names whose lengths differ by more than that are further apart still: not measured.
    const match = read.find((column) => {
      const steps = column.length >= 10 ? 2 : 1;
      return Math.abs(name.length - column.length) <= steps && editDistance(name, column) <= steps;
    });
    if (match) return { found: header.trim(), known: match };
  }
  return null;
}

/** Japanese characters in a header: Seller Central set to Japanese writes Japanese column names. */
export function looksJapanese(headers: string[]): boolean {
  return headers.some((h) => /[\u3040-\u30ff\u4e00-\u9fff]/.test(h));
}

/**
 * The kinds an unrecognised header looks like (two or more of a kind's column names): a report
 * cut short or damaged, whose rows might have said what the other files do not.
 */
export function lookalikeKinds(headers: string[]): ReportKind[] {
  const present = new Set(headers.map(normaliseHeader));
  // A documented report no check reads is what it is, not a damaged one of those it shares names with.
  if (OTHER_REPORT_SIGNATURES.some((signature) => signature.every((name) => present.has(name)))) return [];
  if (SETTLEMENT_BASE.every((name) => present.has(name))) return ['settlement'];
  return REPORT_KIND_SPECS.filter((spec) => new Set([...spec.signature, ...Object.values(spec.columns)].filter((name) => present.has(name))).size >= 2).map((spec) => spec.kind);
}

/** What a spreadsheet writes between cells when a report is saved from it instead of as tab-delimited text. */
const OTHER_SEPARATORS = [',', ';', '|'] as const;

/**
 * The kinds a header is, or looks like, once its cells are unquoted, and a one-cell header (no
 * tab) cut at a comma, semicolon or bar: a report saved from a spreadsheet (as CSV, without the
 * preamble the checks know, or with every cell quoted), which may hold what the others do not.
 */
export function otherFormKinds(headers: readonly string[]): ReportKind[] {
  const forms = headers.length === 1 ? OTHER_SEPARATORS.map((separator) => headers[0]!.split(separator)) : [[...headers]];
  const kinds = new Set<ReportKind>();
  for (const form of forms) {
    const cells = form.map((cell) => cell.trim().replace(/^"(.*)"$/, '$1'));
    if (cells.length < 2) continue;
    const spec = recogniseHeader(cells);
    for (const kind of spec ? [spec.kind] : lookalikeKinds(cells)) kinds.add(kind);
  }
  return [...kinds];
}

/**
 * The kinds a header with no line break after it may have been cut from: the look-alikes, and
 * every kind one of whose column names its last name begins (the name cut short).
 */
export function cutHeaderKinds(headers: string[]): ReportKind[] {
  // Control characters (NULs): a binary file (a database, a spreadsheet), no report cut short.
  if (headers.some((name) => [...name].some((ch) => ch.charCodeAt(0) < 0x20 || ch === '\u007f'))) return lookalikeKinds(headers);
  const last = normaliseHeader(headers[headers.length - 1] ?? '');
  // Cut inside a character (a BOM, a multi-byte letter): what it began cannot be told.
  if (!/^[\x20-\x7e]*$/.test(last)) return [...REPORT_KINDS];
  // A header cut short may keep only one of its kind's names (the columns in another order, the
  // cut early): one known name is enough here, where a whole header needs two (lookalikeKinds).
  const present = new Set(headers.map(normaliseHeader));
  const cutFrom = REPORT_KIND_SPECS.filter((spec) => {
    const names = [...spec.signature, ...Object.values(spec.columns), ...(spec.documented ?? [])];
    return names.some((name) => name.startsWith(last)) || names.some((name) => present.has(name));
  }).map((spec) => spec.kind);
  const kinds = [...new Set([...lookalikeKinds(headers), ...cutFrom])];
  // Cut before any name it holds tells its kind (columns of its own first: a report's columns may
  // come in any order, and a download may carry more than the documented ones), it may be any
  // report: every kind is in doubt. Unless it is too long to be a header cut off.
  if (kinds.length === 0 && headers.join('\t').length <= LONGEST_CUT_HEADER) return [...REPORT_KINDS];
  return kinds;
}

/**
 * Longer than this, a first line with no break after it is no report's header cut off (the widest
 * header close-account reads is under 1 KB; a download's extra columns would not make it 16): a
 * file of one long line is set aside as unrelated.
 */
const LONGEST_CUT_HEADER = 16 * 1024;
